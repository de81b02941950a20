package io.handoff.scoring;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import io.handoff.events.Topics;

/**
 * Handoff's topics, created at start-up before the topology reads them.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

	@Bean
	KafkaAdmin.NewTopics handoffTopics(@Value("${handoff.topics.replication-factor:1}") short replicationFactor,
			@Value("${handoff.scoring.agreements-topic:agreements}") String agreementsTopic) {
		java.util.List<NewTopic> topics = new java.util.ArrayList<>(Topics.newTopics(replicationFactor));
		// A separate agreements topic (for a trial or a test) is compacted like the shared one.
		NewTopic agreements = Topics.AGREEMENTS.newTopic(replicationFactor);
		if (!agreementsTopic.equals(agreements.name())) {
			topics.add(new NewTopic(agreementsTopic, agreements.numPartitions(), agreements.replicationFactor())
				.configs(agreements.configs()));
		}
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

}
