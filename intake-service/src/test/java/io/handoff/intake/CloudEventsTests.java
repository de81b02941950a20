package io.handoff.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import io.handoff.access.DemoSecrets;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadIds;
import io.handoff.events.LeadReceived;
import io.handoff.events.SalesActivity;
import io.handoff.events.Topics;
import io.handoff.test.Http;
import io.handoff.test.OnTestKafka;
import io.handoff.test.TestKafka;
import io.handoff.test.TopicOffsets;
import io.handoff.test.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ActiveProfiles(DemoSecrets.PROFILE)
@OnTestKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=intake-service", "handoff.intake.inbound-group=cloudevents-tests" })
class CloudEventsTests {

	@LocalServerPort
	int port;

	@Test
	void aStructuredCloudEventIsAcceptedOnceHoweverOftenItIsResent() {
		String email = "ce." + UUID.randomUUID() + "@northwind.com";
		Map<String, Object> event = Map.of("specversion", "1.0", "id", UUID.randomUUID().toString(), "source",
				"https://hubspot.example/portal/42", "type", "io.handoff.lead.v1", "data",
				Map.of("email", email, "title", "VP Sales"));
		long before = TopicOffsets.endOffsetSum(Topics.LEADS_RECEIVED);

		Http.Response first = structured(platform(), event);
		Http.Response resent = structured(platform(), event);

		assertThat(first.status()).isEqualTo(202);
		assertThat(first.json().get("leadId").asString()).isEqualTo(LeadIds.ofEmail(email).toString());
		assertThat(resent.body()).isEqualTo(first.body());
		assertThat(TopicOffsets.endOffsetSum(Topics.LEADS_RECEIVED)).isEqualTo(before + 1);
	}

	@Test
	void aBinaryCloudEventCarriesAnActivityAsItsBody() {
		String email = "ce-binary." + UUID.randomUUID() + "@northwind.com";
		try (TopicReader<SalesActivity> activities = new TopicReader<>(Topics.SALES_ACTIVITIES)) {
			Http.Response response = sales().post("/api/v1/cloudevents",
					Map.of("email", email, "repId", "anna-snelling", "type", "MEETING"), Map.of("ce-specversion", "1.0",
							"ce-id", "a-1", "ce-source", "dialer", "ce-type", "io.handoff.activity.v1"));

			assertThat(response.status()).isEqualTo(202);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(activities.values()).anyMatch(
						(a) -> a.leadId().equals(LeadIds.ofEmail(email)) && a.type() == SalesActivity.Type.MEETING));
		}
	}

	@Test
	void aCloudEventOfAnUnknownTypeOrForAnotherRoleIsRefused() {
		Http.Response unknownType = structured(platform(), Map.of("specversion", "0.3", "id", "1", "source", "x",
				"type", "com.example.signup", "data", Map.of("email", "a@b.com")));
		Http.Response notItsRole = structured(platform(), Map.of("specversion", "1.0", "id", "2", "source", "x", "type",
				"io.handoff.outcome.v1", "data", Map.of("email", "a@b.com", "outcome", "WON")));

		assertThat(unknownType.status()).isEqualTo(400);
		assertThat(unknownType.body()).contains("specversion").contains("must be one of [io.handoff.lead.v1");
		assertThat(notItsRole.refusal(403)).contains("needs the role SALES_TOOL");
	}

	@Test
	void rawLeadsAndCloudEventsOnLeadsInboundAreAcceptedAndWhatCannotBeReadGoesToItsDeadLetterTopic() {
		String raw = "raw." + UUID.randomUUID() + "@northwind.com";
		String wrapped = "wrapped." + UUID.randomUUID() + "@northwind.com";
		String unreadable = "{\"email\": " + UUID.randomUUID();
		String invalid = "{\"email\": \"not-an-email-" + UUID.randomUUID() + "\"}";
		try (TopicReader<LeadReceived> received = new TopicReader<>(Topics.LEADS_RECEIVED);
				TopicReader<String> deadLetters = new TopicReader<>(Topics.LEADS_INBOUND.deadLetter(),
						Topics.LEADS_INBOUND)) {
			TestKafka.sendRaw(Topics.LEADS_INBOUND.name(), "1", unreadable);
			TestKafka.sendRaw(Topics.LEADS_INBOUND.name(), "2", "{\"email\": \"" + raw + "\"}");
			TestKafka.sendRaw(Topics.LEADS_INBOUND.name(), "3", invalid);
			TestKafka.sendRaw(Topics.LEADS_INBOUND.name(), "4",
					LeadEventsJson.mapper()
						.writeValueAsString(Map.of("specversion", "1.0", "id", "x", "source", "connector", "type",
								"io.handoff.lead.v1", "data", Map.of("email", wrapped))));

			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				assertThat(received.values()).extracting(LeadReceived::email).contains(raw, wrapped);
				assertThat(deadLetters.records()).extracting(ConsumerRecord::value).contains(unreadable, invalid);
			});
			ConsumerRecord<String, String> dead = deadLetters.records()
				.stream()
				.filter((record) -> record.value().equals(invalid))
				.findFirst()
				.orElseThrow();
			assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo("leads.inbound");
			assertThat(header(dead, "kafka_dlt-exception-message")).contains("email: must be an email address");
		}
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private Http.Response structured(Http client, Map<String, Object> event) {
		return client.post("/api/v1/cloudevents", "application/cloudevents+json",
				LeadEventsJson.mapper().writeValueAsBytes(event), false);
	}

	private Http platform() {
		return Http.localhost(this.port).withHeader("X-API-Key", "demo-lead-source-key");
	}

	private Http sales() {
		return Http.localhost(this.port).withHeader("X-API-Key", "demo-sales-tool-key");
	}

}
