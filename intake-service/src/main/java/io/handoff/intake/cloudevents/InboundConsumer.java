package io.handoff.intake.cloudevents;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.core.JacksonException;

import io.handoff.events.LeadEventsJson;
import io.handoff.events.Topics;
import io.handoff.intake.events.EventIntake;
import io.handoff.intake.events.EventKind;
import io.handoff.intake.problems.InvalidRequestException;

/**
 * Reads raw events from connectors on {@code leads.inbound}: a lead as a platform sends
 * it, or any of intake's events as a structured-mode CloudEvent. Each takes the same path
 * as over HTTP; its offset is committed only once Kafka has the event it became. What
 * cannot be read goes to {@code leads.inbound.dlq} with the cause in headers, and reading
 * goes on.
 */
@Component
class InboundConsumer {

	private final EventIntake intake;

	InboundConsumer(EventIntake intake) {
		this.intake = intake;
	}

	@KafkaListener(topics = "leads.inbound", groupId = "${handoff.intake.inbound-group:handoff-intake-inbound}",
			properties = "auto.offset.reset=earliest")
	void receive(ConsumerRecord<String, String> record) {
		@SuppressWarnings("unchecked")
		Map<String, @Nullable Object> event = LeadEventsJson.mapper().readValue(record.value(), Map.class);
		if (event.containsKey("specversion")) {
			CloudEvent cloudEvent = CloudEvent.structured(event);
			this.intake.accept(cloudEvent.kind(), cloudEvent.data());
		}
		else {
			this.intake.accept(EventKind.LEAD, event);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class DeadLetterConfiguration {

		/**
		 * Unreadable and invalid records go straight to the dead-letter topic; others
		 * (Kafka not answering) are retried first.
		 */
		/** Writes dead letters as the text they arrived as. */
		@Bean
		KafkaTemplate<String, String> inboundDeadLetterTemplate(KafkaProperties properties) {
			Map<String, Object> config = properties.buildProducerProperties();
			config.put(ProducerConfig.ACKS_CONFIG, "all");
			return new KafkaTemplate<>(
					new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new StringSerializer()));
		}

		@Bean
		DefaultErrorHandler inboundErrorHandler(KafkaTemplate<String, String> inboundDeadLetterTemplate) {
			DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(inboundDeadLetterTemplate,
					(record, ex) -> new TopicPartition(Topics.LEADS_INBOUND.deadLetter(), record.partition()));
			DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(1000, 5));
			handler.addNotRetryableExceptions(InvalidRequestException.class, JacksonException.class,
					ClassCastException.class);
			return handler;
		}

	}

}
