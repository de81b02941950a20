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
	KafkaAdmin.NewTopics handoffTopics(@Value("${handoff.topics.replication-factor:1}") short replicationFactor) {
		return new KafkaAdmin.NewTopics(Topics.newTopics(replicationFactor).toArray(NewTopic[]::new));
	}

}
