package io.handoff.events;

import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A value over the record limit fails as it is serialized, naming its type, size, topic
 * and the limit.
 */
class BoundedSerdeTests {

	@Test
	void aValueUpToTheLimitIsWrittenAndOneOverItIsRefusedBeforeAnyProducerSeesIt() {
		Serde<Map> serde = LeadEventsJson.serde(Map.class);
		// {"notes":"..."}: 12 bytes around the text.
		Map<String, String> atTheLimit = Map.of("notes", "x".repeat(LeadEventsJson.MAX_RECORD_BYTES - 12));
		Map<String, String> overIt = Map.of("notes", "x".repeat(LeadEventsJson.MAX_RECORD_BYTES - 11));

		assertThat(serde.serializer().serialize("leads.scored", atTheLimit)).hasSize(LeadEventsJson.MAX_RECORD_BYTES);
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> serde.serializer().serialize("leads.scored", overIt))
			.withMessage("A " + overIt.getClass().getSimpleName() + " of 1000001 bytes for leads.scored is over the "
					+ "limit of 1000000 bytes");
		assertThat(serde.deserializer()
			.deserialize("leads.scored", serde.serializer().serialize("leads.scored", atTheLimit)))
			.isEqualTo(atTheLimit);
	}

}
