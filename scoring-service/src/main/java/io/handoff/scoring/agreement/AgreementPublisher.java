package io.handoff.scoring.agreement;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import io.handoff.events.LeadAgreement;
import io.handoff.events.Topics;

/**
 * Publishes the agreement in force to the compacted {@code agreements} topic at start-up, keyed by agreement id, so
 * every service reads the same signed terms. Scoring is the topic's one writer.
 */
@Component
class AgreementPublisher implements ApplicationRunner {

	private final ActiveAgreement agreement;

	private final KafkaProperties kafka;

	AgreementPublisher(ActiveAgreement agreement, KafkaProperties kafka) {
		this.agreement = agreement;
		this.kafka = kafka;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		Map<String, Object> config = this.kafka.buildProducerProperties();
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		LeadAgreement terms = this.agreement.get();
		try (Producer<String, LeadAgreement> producer = new KafkaProducer<>(config,
				Topics.AGREEMENTS.keySerde().serializer(), Topics.AGREEMENTS.valueSerde().serializer())) {
			producer.send(new ProducerRecord<>(Topics.AGREEMENTS.name(), terms.agreementId(), terms))
				.get(30, TimeUnit.SECONDS);
		}
	}

}
