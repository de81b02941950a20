package io.handoff.events;

import org.apache.kafka.clients.admin.NewTopic;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service that imports the shared Kafka settings creates Handoff's topics; the
 * console does not.
 */
class HandoffTopicsAutoConfigurationTests {

	final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HandoffTopicsAutoConfiguration.class));

	@Test
	void aServiceWithTheSharedKafkaSettingsCreatesEveryTopicWithItsReplicationFactor() {
		this.contexts.withPropertyValues("handoff.topics.create=true", "handoff.topics.replication-factor=3")
			.run((context) -> {
				// What the application's KafkaAdmin creates at start-up: the topics of
				// the registry, as declared.
				assertThat(context.getBean(KafkaAdmin.NewTopics.class)).extracting("newTopics")
					.asInstanceOf(InstanceOfAssertFactories.list(NewTopic.class))
					.containsExactlyElementsOf(Topics.newTopics((short) 3))
					.extracting(NewTopic::name)
					.contains(Topics.LEADS_RECEIVED.name(), Topics.AGREEMENTS.name(),
							Topics.ARBITRATION_RULINGS.name());
			});
	}

	@Test
	void anApplicationWithoutThemCreatesNone() {
		this.contexts.run((context) -> assertThat(context).doesNotHaveBean(KafkaAdmin.NewTopics.class));
	}

	@Test
	void theAutoConfigurationIsRegisteredForSpringBootToFind() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
			.contains(HandoffTopicsAutoConfiguration.class.getName());
	}

}
