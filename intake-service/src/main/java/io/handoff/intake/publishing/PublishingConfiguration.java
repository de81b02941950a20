package io.handoff.intake.publishing;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import io.handoff.events.LeadEventsJson;

/**
 * A producer that loses nothing it acknowledged, and Handoff's topics created at
 * start-up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventPublisher.Settings.class)
class PublishingConfiguration {

	@Bean
	ProducerFactory<String, Object> eventProducerFactory(KafkaProperties properties, EventPublisher.Settings settings) {
		Map<String, Object> config = properties.buildProducerProperties();
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		// A request waits for its own write: batching would only add latency.
		config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		// Kafka's own timeouts end a send before the request's wait does, so the answer
		// is the broker's.
		int delivery = (int) settings.deliveryTimeout().toMillis();
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery / 2);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, delivery / 2);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
		JacksonJsonSerializer<Object> values = new JacksonJsonSerializer<>(LeadEventsJson.mapper()).noTypeInfo();
		return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), values);
	}

	@Bean
	KafkaTemplate<String, Object> eventTemplate(ProducerFactory<String, Object> eventProducerFactory) {
		// Not observed: the observation asks the cluster for its id, which waits out
		// Kafka's absence. The publisher puts the trace context on each record itself.
		return new KafkaTemplate<>(eventProducerFactory);
	}

}
