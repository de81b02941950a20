package io.handoff.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead-letter producer reaches the cluster as its Streams application does: the same
 * servers, TLS and SASL.
 */
class DeadLettersTests {

	@Test
	void theProducerTakesTheApplicationsClientAndSecuritySettingsButNotItsTransactions() {
		Map<String, Object> streams = new HashMap<>();
		streams.put("application.id", "handoff-routing");
		streams.put("bootstrap.servers", List.of("kafka-0:9093", "kafka-1:9093"));
		streams.put("security.protocol", "SASL_SSL");
		streams.put("sasl.mechanism", "SCRAM-SHA-512");
		streams.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
		streams.put("ssl.truststore.location", "/etc/kafka/truststore.p12");
		streams.put("compression.type", "lz4");
		streams.put("producer.linger.ms", "20");
		streams.put("producer.transactional.id", "not-for-dead-letters");
		streams.put("producer.max.request.size", "16384");
		streams.put("processing.guarantee", "exactly_once_v2");
		streams.put("state.dir", "/var/lib/handoff");

		Map<String, Object> settings = DeadLetters.producerSettings(streams);

		assertThat(settings).containsEntry("bootstrap.servers", List.of("kafka-0:9093", "kafka-1:9093"))
			.containsEntry("security.protocol", "SASL_SSL")
			.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsKey("sasl.jaas.config")
			.containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
			.containsEntry("compression.type", "lz4")
			.containsEntry("linger.ms", "20")
			.containsEntry("acks", "all")
			.containsEntry("enable.idempotence", true)
			.containsEntry("client.id", "handoff-routing-dead-letters")
			.doesNotContainKeys("transactional.id", "max.request.size", "processing.guarantee", "state.dir",
					"application.id");
	}

}
