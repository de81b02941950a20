package io.handoff.events;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Handoff's topics ({@link Topics#newTopics}), created at start-up by every service that
 * imports the shared Kafka settings ({@code handoff-kafka.yml} sets
 * {@code handoff.topics.create}), before its streams or books read them. Creating a topic
 * that exists changes nothing, so every instance of every service may.
 */
@AutoConfiguration
@ConditionalOnClass(KafkaAdmin.class)
@ConditionalOnProperty(name = "handoff.topics.create", havingValue = "true")
public class HandoffTopicsAutoConfiguration {

	@Bean
	KafkaAdmin.NewTopics handoffTopics(@Value("${handoff.topics.replication-factor:1}") short replicationFactor) {
		return new KafkaAdmin.NewTopics(Topics.newTopics(replicationFactor).toArray(NewTopic[]::new));
	}

}
