package io.handoff.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.handoff.events.LeadIds;
import io.handoff.events.LeadReceived;
import io.handoff.events.SalesActivity;
import io.handoff.events.Topics;
import io.handoff.test.Http;
import io.handoff.test.TestKafka;
import io.handoff.test.TopicOffsets;
import io.handoff.test.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=intake-service")
class IntakeServiceTests {

	static final TopicReader<LeadReceived> received = new TopicReader<>(Topics.LEADS_RECEIVED);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
	}

	@AfterAll
	static void closeReader() {
		received.close();
	}

	@Test
	void anAcceptedLeadIsOnLeadsReceivedNormalizedAndKeyedByItsLeadId() {
		String email = "Dana.Reyes+" + UUID.randomUUID() + "@Northwind.com";
		Http.Response response = http().post("/api/v1/leads", """
				{"email": "  %s ", "firstName": " Dana ", "lastName": "Reyes",
				 "title": "VP   Marketing", "phone": "+1 415 555 0100",
				 "company": {"name": "Northwind", "employees": 1200, "industry": "Software",
				             "country": "United States", "region": "CA"},
				 "source": "webinar", "campaign": "q4-launch", "externalId": "hs-1001",
				 "attributes": {"specialization": "Finance"}, "hubspotScore": 42}
				""".formatted(email));

		assertThat(response.status()).isEqualTo(202);
		UUID leadId = UUID.fromString(response.json().get("leadId").asString());
		assertThat(leadId).isEqualTo(LeadIds.ofEmail(email));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received.records())
			.filteredOn((record) -> record.key().equals(leadId.toString()))
			.singleElement()
			.satisfies((record) -> {
				LeadReceived lead = record.value();
				assertThat(lead.email()).isEqualTo(email.toLowerCase());
				assertThat(lead.firstName()).isEqualTo("Dana");
				assertThat(lead.title()).isEqualTo("VP Marketing");
				assertThat(lead.company().domain()).isEqualTo("northwind.com");
				assertThat(lead.company().country()).isEqualTo("US");
				assertThat(lead.company().industry()).isEqualTo("software");
				assertThat(lead.attributes()).containsEntry("specialization", "Finance")
					.containsEntry("hubspotScore", 42);
			}));
	}

	@Test
	void aFreeMailAddressSaysNothingAboutTheCompany() {
		Http.Response response = http().post("/api/v1/leads",
				Map.of("email", "someone." + UUID.randomUUID() + "@gmail.com", "title", "Director of IT"));

		assertThat(response.status()).isEqualTo(202);
		String leadId = response.json().get("leadId").asString();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received.records())
			.filteredOn((record) -> record.key().equals(leadId))
			.singleElement()
			.satisfies((record) -> assertThat(record.value().company().domain()).isNull()));
	}

	@Test
	void badLeadsAreRefusedWithProblemDetailsNamingTheProblemAndNothingIsWritten() {
		long before = TopicOffsets.endOffsetSum(Topics.LEADS_RECEIVED);

		Http.Response noEmail = http().post("/api/v1/leads", Map.of("firstName", "Dana", "title", "VP Sales"));
		assertThat(noEmail.status()).isEqualTo(400);
		assertThat(noEmail.header("Content-Type")).startsWith("application/problem+json");
		assertThat(noEmail.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
		assertThat(noEmail.json().get("detail").asString()).contains("email: is required");

		Http.Response malformedEmail = http().post("/api/v1/leads", Map.of("email", "dana.reyes(at)northwind"));
		assertThat(malformedEmail.status()).isEqualTo(400);
		assertThat(malformedEmail.json().get("detail").asString())
			.contains("email: must be an email address such as dana.reyes@northwind.com, not 'dana.reyes(at)northwind'");

		Http.Response wrongTypes = http().post("/api/v1/leads",
				"{\"email\": \"dana@northwind.com\", \"company\": {\"employees\": \"many\", \"country\": \"Atlantis\"}}");
		assertThat(wrongTypes.status()).isEqualTo(400);
		assertThat(wrongTypes.json().get("errors")).hasSize(2);
		assertThat(wrongTypes.body()).contains("company.employees").contains("company.country");

		Http.Response malformedJson = http().post("/api/v1/leads", "{\"email\": \"dana@northwind.com\",");
		assertThat(malformedJson.status()).isEqualTo(400);
		assertThat(malformedJson.json().get("title").asString()).isEqualTo("The request body is not valid JSON");

		byte[] twoMegabytes = twoMegabyteLead();
		Http.Response tooLarge = http().post("/api/v1/leads", "application/json", twoMegabytes, false);
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.json().get("detail").asString()).contains("larger than the limit of 1048576 bytes");

		Http.Response tooLargeChunked = http().post("/api/v1/leads", "application/json", twoMegabytes, true);
		assertThat(tooLargeChunked.status()).isEqualTo(413);

		Http.Response notJson = http().post("/api/v1/leads", "text/plain",
				"dana@northwind.com".getBytes(StandardCharsets.UTF_8), false);
		assertThat(notJson.status()).isEqualTo(415);

		assertThat(TopicOffsets.endOffsetSum(Topics.LEADS_RECEIVED)).isEqualTo(before);
	}

	@Test
	void anActivityOnALeadNamedByEmailIsWrittenForThatLead() {
		try (TopicReader<SalesActivity> activities = new TopicReader<>(Topics.SALES_ACTIVITIES)) {
			String email = "pat." + UUID.randomUUID() + "@contoso.com";
			Http.Response response = http().post("/api/v1/activities",
					Map.of("email", email, "repId", "anna-snelling", "type", "call", "note", "left a voicemail"));

			assertThat(response.status()).isEqualTo(202);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(activities.values())
				.filteredOn((activity) -> activity.leadId().equals(LeadIds.ofEmail(email)))
				.singleElement()
				.satisfies((activity) -> {
					assertThat(activity.type()).isEqualTo(SalesActivity.Type.CALL);
					assertThat(activity.repId()).isEqualTo("anna-snelling");
				}));
		}
	}

	@Test
	void anActivityWithoutLeadOrOfAnUnknownKindOrFromTheFutureIsRefused() {
		long before = TopicOffsets.endOffsetSum(Topics.SALES_ACTIVITIES);

		Http.Response response = http().post("/api/v1/activities",
				Map.of("repId", "anna-snelling", "type", "fax", "occurredAt", "2999-01-01T00:00:00Z"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("\"leadId\"").contains("must be one of [CALL, EMAIL, MEETING]")
			.contains("must not be in the future");
		assertThat(TopicOffsets.endOffsetSum(Topics.SALES_ACTIVITIES)).isEqualTo(before);
	}

	private Http http() {
		return Http.localhost(this.port);
	}

	private static byte[] twoMegabyteLead() {
		char[] padding = new char[2 * 1024 * 1024];
		Arrays.fill(padding, 'x');
		return ("{\"email\": \"big@northwind.com\", \"note\": \"" + new String(padding) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
