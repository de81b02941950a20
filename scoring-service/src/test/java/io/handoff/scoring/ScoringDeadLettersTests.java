package io.handoff.scoring;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.handoff.events.DeadLetters;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored;
import io.handoff.events.Topic;
import io.handoff.events.Topics;
import io.handoff.test.Leads;
import io.handoff.test.TestKafka;
import io.handoff.test.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A result the broker will not take (here larger than the producer's limit, made small for the test: a lead's score
 * carries the lead and the rules that fired, so it is a little larger than the lead's profile in the store) goes to
 * its topic's dead letters with the cause, under exactly-once, and the stream thread goes on with the next lead
 * instead of dying.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=scoring-service",
				"spring.cloud.stream.kafka.streams.binder.configuration.producer.max.request.size=21000" })
class ScoringDeadLettersTests {

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
		registry.add("handoff.streams.application-id-prefix", () -> "scoring-dead-letters-" + UUID.randomUUID());
		registry.add("handoff.data-dir", () -> "target/scoring-dead-letters-tests");
	}

	@Test
	void aLeadWhoseScoreCannotBeWrittenGoesToTheDeadLettersAndTheNextLeadIsScored() {
		Instant now = Instant.now();
		LeadReceived small = Leads.salesReady("small-" + UUID.randomUUID() + "@northwind.example", now);
		// About 20 KB of attributes: taken on leads.received and in the store, but its score is over the limit.
		Map<String, Object> attributes = new LinkedHashMap<>();
		for (int i = 0; i < 10; i++) {
			attributes.put("notes" + i, "x".repeat(2000));
		}
		LeadReceived large = Leads.salesReady("large-" + UUID.randomUUID() + "@northwind.example", now);
		large = new LeadReceived(large.eventId(), large.occurredAt(), large.leadId(), large.email(), large.firstName(),
				large.lastName(), large.title(), large.phone(), large.company(), large.source(), large.campaign(),
				large.externalId(), attributes);
		LeadReceived next = Leads.salesReady("next-" + UUID.randomUUID() + "@northwind.example", now);

		try (TopicReader<LeadScored> scored = new TopicReader<>(Topics.LEADS_SCORED);
				TopicReader<LeadScored> deadLetters = new TopicReader<>(
						Topics.LEADS_SCORED.name() + Topic.DEAD_LETTER_SUFFIX, Topics.LEADS_SCORED)) {
			send(small);
			await().atMost(Duration.ofSeconds(90)).until(() -> scoredIds(scored).contains(small.leadId()));
			send(large);
			send(next);

			await().atMost(Duration.ofSeconds(60)).until(() -> scoredIds(scored).contains(next.leadId()));
			LeadReceived sent = large;
			ConsumerRecord<String, LeadScored> deadLetter = await().atMost(Duration.ofSeconds(30))
				.until(() -> deadLetters.records()
					.stream()
					.filter((record) -> record.key().equals(sent.leadId().toString()))
					.findFirst()
					.orElse(null), (found) -> found != null);
			assertThat(deadLetter.value().lead().attributes()).isEqualTo(attributes);
			assertThat(header(deadLetter, DeadLetters.STAGE)).isEqualTo("production");
			assertThat(header(deadLetter, DeadLetters.ERROR_CLASS)).endsWith("RecordTooLargeException");
			assertThat(header(deadLetter, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(Topics.LEADS_SCORED.name());
			assertThat(scoredIds(scored)).doesNotContain(large.leadId());
		}
	}

	private static java.util.List<UUID> scoredIds(TopicReader<LeadScored> scored) {
		return scored.values().stream().map(LeadScored::leadId).toList();
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private static void send(LeadReceived lead) {
		TestKafka.sendRaw(Topics.LEADS_RECEIVED.name(), lead.leadId().toString(),
				LeadEventsJson.mapper().writeValueAsString(lead));
	}

}
