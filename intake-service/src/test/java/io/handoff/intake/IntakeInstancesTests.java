package io.handoff.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.handoff.access.DemoSecrets;
import io.handoff.events.LeadReceived;
import io.handoff.events.ServiceApplication;
import io.handoff.events.Topics;
import io.handoff.test.Http;
import io.handoff.test.TestKafka;
import io.handoff.test.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two intake instances behind one address: a retry with the same Idempotency-Key that
 * reaches the other instance (which has not seen the key) is written again, as the very
 * same event, which scoring takes once ({@code ScoringTopologyTests}). A different
 * request under the key is a different event.
 */
class IntakeInstancesTests {

	final List<ConfigurableApplicationContext> instances = List.of(start(), start());

	@AfterEach
	void stop() {
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void aRetryAtTheOtherInstanceWritesTheSameEventIdAndADifferentRequestAnotherOne() {
		String email = "retried-" + UUID.randomUUID() + "@northwind.example";
		Map<String, Object> lead = Map.of("email", email, "title", "VP Marketing", "source", "webinar");
		Map<String, String> key = Map.of("Idempotency-Key", "form-" + UUID.randomUUID());

		try (TopicReader<LeadReceived> received = new TopicReader<>(Topics.LEADS_RECEIVED)) {
			Http.Response first = platform(0).post("/api/v1/leads", lead, key);
			Http.Response retry = platform(1).post("/api/v1/leads", lead, key);
			Http.Response other = platform(1).post("/api/v1/leads",
					Map.of("email", email, "title", "CFO", "source", "webinar"),
					Map.of("Idempotency-Key", "other-key"));

			assertThat(first.status()).isEqualTo(202);
			assertThat(retry.status()).isEqualTo(202);
			assertThat(retry.json().path("eventId").asString()).isEqualTo(first.json().path("eventId").asString());
			assertThat(other.json().path("eventId").asString()).isNotEqualTo(first.json().path("eventId").asString());
			List<ConsumerRecord<String, LeadReceived>> written = await().atMost(Duration.ofSeconds(30))
				.until(() -> received.records()
					.stream()
					.filter((record) -> email.equals(record.value().email()))
					.toList(), (records) -> records.size() == 3);
			assertThat(written).extracting((record) -> record.value().eventId().toString())
				.containsExactlyInAnyOrder(first.json().path("eventId").asString(),
						first.json().path("eventId").asString(), other.json().path("eventId").asString());
		}
	}

	private Http platform(int instance) {
		return Http.localhost(((WebServerApplicationContext) this.instances.get(instance)).getWebServer().getPort())
			.withHeader("X-API-Key", "demo-lead-source-key");
	}

	private static ConfigurableApplicationContext start() {
		return ServiceApplication.builder(IntakeApplication.class)
			.run("--server.port=0", "--spring.profiles.active=" + DemoSecrets.PROFILE,
					"--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
					"--spring.kafka.listener.auto-startup=false", "--logging.level.root=WARN");
	}

}
