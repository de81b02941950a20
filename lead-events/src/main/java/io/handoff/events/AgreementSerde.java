package io.handoff.events;

import java.util.Arrays;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.jspecify.annotations.Nullable;

/**
 * The agreement serde for the global store over {@code agreements} that scoring and
 * sla-monitor read on every event: it remembers the last agreement it read, so reading
 * the same agreement again costs a byte comparison instead of parsing JSON, and the
 * scorer can keep its compiled form for as long as the same instance comes back.
 */
public final class AgreementSerde implements Serde<LeadAgreement> {

	/**
	 * The name of the global store over {@code agreements} in every topology that reads
	 * the agreement in force.
	 */
	public static final String STORE = "agreements-store";

	private final Serde<LeadAgreement> json = Topics.AGREEMENTS.valueSerde();

	private volatile @Nullable Remembered last;

	@Override
	public Serializer<LeadAgreement> serializer() {
		return this.json.serializer();
	}

	@Override
	public Deserializer<LeadAgreement> deserializer() {
		return (topic, data) -> {
			if (data == null) {
				return null;
			}
			Remembered remembered = this.last;
			if (remembered != null && Arrays.equals(remembered.bytes(), data)) {
				return remembered.agreement();
			}
			LeadAgreement agreement = this.json.deserializer().deserialize(topic, data);
			this.last = new Remembered(data.clone(), agreement);
			return agreement;
		};
	}

	/**
	 * Reads {@code agreements} into the global store {@link #STORE}, as the services'
	 * bindings do.
	 */
	public static void globalTable(StreamsBuilder builder) {
		builder.globalTable(Topics.AGREEMENTS.name(), Consumed.with(Serdes.String(), new AgreementSerde()),
				Materialized.as(STORE));
	}

	/**
	 * The agreement in force in a global store over {@code agreements} (plain or
	 * timestamped, as a {@code GlobalKTable} materializes it), {@code null} when none is.
	 */
	public static @Nullable LeadAgreement inForce(ReadOnlyKeyValueStore<String, ?> agreements) {
		Object stored = agreements.get(LeadAgreement.ACTIVE_KEY);
		return (LeadAgreement) ((stored instanceof ValueAndTimestamp<?> timestamped) ? timestamped.value() : stored);
	}

	private record Remembered(byte[] bytes, LeadAgreement agreement) {
	}

}
