package io.handoff.scoring.scoring;

import java.util.Arrays;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadAgreement;
import io.handoff.events.Topics;

/**
 * The agreement serde for the store scoring reads on every lead: it remembers the last agreement it read, so reading
 * the same agreement again costs a byte comparison instead of parsing JSON, and the scorer can keep its compiled form
 * for as long as the same instance comes back.
 */
public final class AgreementSerde implements Serde<LeadAgreement> {

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

	private record Remembered(byte[] bytes, LeadAgreement agreement) {
	}

}
