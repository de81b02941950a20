package io.handoff.scoring;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import io.handoff.events.DeadLetters;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored;
import io.handoff.events.Topic;
import io.handoff.events.Topics;
import io.handoff.scoring.scores.LeadProfile;
import io.handoff.test.Leads;
import io.handoff.test.OnTestKafka;
import io.handoff.test.TestKafka;
import io.handoff.test.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A result too large to write (a lead that fits on {@code leads.received} and in the
 * store, whose score, which carries it and the rules that fired, is over the 1 MB a
 * record may have) fails as it is serialized: the lead goes to its dead letters with the
 * cause, the exactly-once transaction stays good, and the next lead is scored.
 */
@OnTestKafka("scoring-dead-letters-tests")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=scoring-service")
class ScoringDeadLettersTests {

	@Test
	void aLeadWhoseScoreIsTooLargeToWriteGoesToTheDeadLettersAndTheNextLeadIsScored() {
		Instant now = Instant.now();
		LeadReceived small = Leads.salesReady("small-" + UUID.randomUUID() + "@northwind.example", now);
		LeadReceived large = justUnderTheLimitInTheStore(
				Leads.salesReady("large-" + UUID.randomUUID() + "@northwind.example", now));
		LeadReceived next = Leads.salesReady("next-" + UUID.randomUUID() + "@northwind.example", now);

		try (TopicReader<LeadScored> scored = new TopicReader<>(Topics.LEADS_SCORED);
				TopicReader<LeadReceived> deadLetters = new TopicReader<>(
						Topics.LEADS_RECEIVED.name() + Topic.DEAD_LETTER_SUFFIX, Topics.LEADS_RECEIVED)) {
			send(small);
			await().atMost(Duration.ofSeconds(90)).until(() -> scoredIds(scored).contains(small.leadId()));
			send(large);
			send(next);

			await().atMost(Duration.ofSeconds(60)).until(() -> scoredIds(scored).contains(next.leadId()));
			ConsumerRecord<String, LeadReceived> deadLetter = await().atMost(Duration.ofSeconds(30))
				.until(() -> deadLetters.records()
					.stream()
					.filter((record) -> record.key().equals(large.leadId().toString()))
					.findFirst()
					.orElse(null), (found) -> found != null);
			assertThat(deadLetter.value().attributes()).isEqualTo(large.attributes());
			assertThat(header(deadLetter, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(Topics.LEADS_RECEIVED.name());
			assertThat(header(deadLetter, DeadLetters.ERROR_MESSAGE)).contains("A LeadScored of")
				.contains("for leads.scored is over the limit of " + LeadEventsJson.MAX_RECORD_BYTES + " bytes");
			assertThat(scoredIds(scored)).doesNotContain(large.leadId());
		}
	}

	/**
	 * {@code lead} padded so that its profile in the store is 300 bytes under the limit,
	 * and its score over it.
	 */
	private static LeadReceived justUnderTheLimitInTheStore(LeadReceived lead) {
		int padding = LeadEventsJson.MAX_RECORD_BYTES - 300 - size(LeadProfile.EMPTY.withLead(withNotes(lead, "")));
		LeadReceived padded = withNotes(lead, "x".repeat(padding));
		assertThat(size(LeadProfile.EMPTY.withLead(padded))).isEqualTo(LeadEventsJson.MAX_RECORD_BYTES - 300);
		return padded;
	}

	private static LeadReceived withNotes(LeadReceived lead, String notes) {
		return new LeadReceived(lead.eventId(), lead.occurredAt(), lead.leadId(), lead.email(), lead.firstName(),
				lead.lastName(), lead.title(), lead.phone(), lead.company(), lead.source(), lead.campaign(),
				lead.externalId(), Map.of("notes", notes));
	}

	private static int size(Object value) {
		return LeadEventsJson.mapper().writeValueAsBytes(value).length;
	}

	private static List<UUID> scoredIds(TopicReader<LeadScored> scored) {
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
