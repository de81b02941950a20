package io.handoff.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

import io.handoff.access.DemoSecrets;
import io.handoff.events.EngagementRecorded;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadIds;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadReturned;
import io.handoff.events.SalesActivity;
import io.handoff.events.Topics;
import io.handoff.intake.events.ReturnReasons;
import io.handoff.test.Http;
import io.handoff.test.OnTestKafka;
import io.handoff.test.TestAgreements;
import io.handoff.test.TestKafka;
import io.handoff.test.TopicOffsets;
import io.handoff.test.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ActiveProfiles(DemoSecrets.PROFILE)
@OnTestKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=intake-service",
				// Counting what HTTP writes: the leads.inbound reader stays off
				// (CloudEventsTests runs it).
				"spring.kafka.listener.auto-startup=false",
				// The demo clients, and one with a rate limit small enough to reach: two
				// requests an hour.
				"handoff.intake.clients[0].name=demo-marketing-platform", "handoff.intake.clients[0].roles=LEAD_SOURCE",
				"handoff.intake.clients[0].key-sha256=862cd1d9fc4b09928c453dca54fd3563d984bfdc4f04c3746d9fb743ae245287",
				"handoff.intake.clients[1].name=demo-sales-tool", "handoff.intake.clients[1].roles=SALES_TOOL",
				"handoff.intake.clients[1].key-sha256=062a3f0c0ff72cc6f6130ac2e19a56e380167a87b0789b818c9129fa1b4f3ba9",
				"handoff.intake.clients[2].name=test-limited", "handoff.intake.clients[2].roles=LEAD_SOURCE",
				"handoff.intake.clients[2].key-sha256=8b6e9e7b72ce6330fefd6b00f6bf07dab92f6925c156b404c03fd2211a3d1e35",
				"handoff.intake.clients[2].requests=2", "handoff.intake.clients[2].per=1h" })
class IntakeServiceTests {

	static final TopicReader<LeadReceived> received = new TopicReader<>(Topics.LEADS_RECEIVED);

	@LocalServerPort
	int port;

	@Autowired
	ReturnReasons returnReasons;

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
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(received.records()).filteredOn((record) -> record.key().equals(leadId.toString()))
						.singleElement()
						.satisfies((record) -> {
							LeadReceived lead = record.value();
							assertThat(lead.email()).isEqualTo(email.toLowerCase());
							assertThat(lead.firstName()).isEqualTo("Dana");
							assertThat(lead.title()).isEqualTo("VP Marketing");
							assertThat(lead.phone()).isEqualTo("+14155550100");
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
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(received.records()).filteredOn((record) -> record.key().equals(leadId))
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
		assertThat(malformedEmail.refusal(400))
			.contains("email: must be an email address such as dana.reyes@northwind.com")
			.doesNotContain("dana.reyes(at)northwind");

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
		assertThat(tooLarge.refusal(413)).contains("larger than the limit of 1048576 bytes");

		Http.Response tooLargeChunked = http().post("/api/v1/leads", "application/json", twoMegabytes, true);
		assertThat(tooLargeChunked.status()).isEqualTo(413);

		// Just under the body limit, one lead is still far too big for the events it
		// travels in downstream: refused naming the field, never sent to the broker
		// (where it once failed as "try again" and opened the breaker).
		StringBuilder nearlyOneMegabyte = new StringBuilder("{\"email\": \"big@northwind.com\"");
		for (int i = 0; i < 100; i++) {
			nearlyOneMegabyte.append(", \"note").append(i).append("\": \"").append("x".repeat(1_990)).append('"');
		}
		Http.Response tooBigALead = http().post("/api/v1/leads", nearlyOneMegabyte.append('}').toString());
		assertThat(tooBigALead.status()).isEqualTo(400);
		assertThat(tooBigALead.body()).contains("attributes").contains("more than the 65536 a lead may be");
		assertThat(http().post("/api/v1/leads", "{\"email\": \"after-big@northwind.com\"}").status()).isEqualTo(202);

		Http.Response notJson = http().post("/api/v1/leads", "text/plain",
				"dana@northwind.com".getBytes(StandardCharsets.UTF_8), false);
		assertThat(notJson.status()).isEqualTo(415);

		assertThat(TopicOffsets.endOffsetSum(Topics.LEADS_RECEIVED)).isEqualTo(before + 1);
	}

	@Test
	void anActivityOnALeadNamedByEmailIsWrittenForThatLead() {
		try (TopicReader<SalesActivity> activities = new TopicReader<>(Topics.SALES_ACTIVITIES)) {
			String email = "pat." + UUID.randomUUID() + "@contoso.com";
			Http.Response response = sales().post("/api/v1/activities",
					Map.of("email", email, "repId", "anna-snelling", "type", "call", "note", "left a voicemail"));

			assertThat(response.status()).isEqualTo(202);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(activities.values())
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

		Http.Response response = sales().post("/api/v1/activities",
				Map.of("repId", "anna-snelling", "type", "fax", "occurredAt", "2999-01-01T00:00:00Z"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("\"leadId\"")
			.contains("must be one of [CALL, EMAIL, MEETING, ACCEPT]")
			.contains("must not be in the future");
		Http.Response unknown = sales().post("/api/v1/activities", Map.of("leadId", UUID.randomUUID().toString(),
				"repId", "anna-snelling", "type", "unknown", "occurredAt", "2026-01-01T00:00:00Z"));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body()).contains("must be one of [CALL, EMAIL, MEETING, ACCEPT], not 'unknown'");
		assertThat(TopicOffsets.endOffsetSum(Topics.SALES_ACTIVITIES)).isEqualTo(before);
	}

	@Test
	void aBatchWritesItsGoodLeadsAndAnswersForEachLeadInOrder() {
		String good = "batch." + UUID.randomUUID() + "@northwind.com";
		String alsoGood = "batch." + UUID.randomUUID() + "@contoso.com";
		long before = TopicOffsets.endOffsetSum(Topics.LEADS_RECEIVED);

		Http.Response response = http().post("/api/v1/leads/batch",
				List.of(Map.of("email", good), Map.of("email", "not-an-email"), "a string", Map.of("email", alsoGood)));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("accepted").asInt()).isEqualTo(2);
		assertThat(response.json().get("refused").asInt()).isEqualTo(2);
		JsonNode results = response.json().get("results");
		assertThat(results.get(0).get("status").asInt()).isEqualTo(202);
		assertThat(results.get(0).get("leadId").asString()).isEqualTo(LeadIds.ofEmail(good).toString());
		assertThat(results.get(1).get("status").asInt()).isEqualTo(400);
		assertThat(results.get(1).get("errors").get(0).get("field").asString()).isEqualTo("[1].email");
		assertThat(results.get(2).get("errors").get(0).get("message").asString()).contains("must be a lead");
		assertThat(results.get(3).get("status").asInt()).isEqualTo(202);
		assertThat(TopicOffsets.endOffsetSum(Topics.LEADS_RECEIVED)).isEqualTo(before + 2);
	}

	@Test
	void aBatchOfMoreThanAThousandLeadsIsRefusedWhole() {
		long before = TopicOffsets.endOffsetSum(Topics.LEADS_RECEIVED);
		List<Map<String, String>> leads = IntStream.range(0, 1001)
			.mapToObj((i) -> Map.of("email", "many" + i + "@northwind.com"))
			.toList();

		Http.Response response = http().post("/api/v1/leads/batch", leads);

		assertThat(response.refusal(400)).contains("at most 1000 leads, not 1001");
		assertThat(TopicOffsets.endOffsetSum(Topics.LEADS_RECEIVED)).isEqualTo(before);
	}

	@Test
	void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndWritesNothingMore() {
		String key = UUID.randomUUID().toString();
		Map<String, String> lead = Map.of("email", "retry." + UUID.randomUUID() + "@northwind.com");
		long before = TopicOffsets.endOffsetSum(Topics.LEADS_RECEIVED);

		Http.Response first = http().post("/api/v1/leads", lead, Map.of("Idempotency-Key", key));
		Http.Response retry = http().post("/api/v1/leads", lead, Map.of("Idempotency-Key", key));
		Http.Response misuse = http().post("/api/v1/leads", Map.of("email", "other@northwind.com"),
				Map.of("Idempotency-Key", key));

		assertThat(first.status()).isEqualTo(202);
		assertThat(retry.status()).isEqualTo(202);
		assertThat(retry.body()).isEqualTo(first.body());
		assertThat(misuse.refusal(422)).contains("already used for a different request");
		assertThat(TopicOffsets.endOffsetSum(Topics.LEADS_RECEIVED)).isEqualTo(before + 1);
	}

	@Test
	void engagementsReturnsAndOutcomesAreWrittenToTheirTopics() {
		String email = "sales." + UUID.randomUUID() + "@northwind.com";
		UUID leadId = LeadIds.ofEmail(email);
		try (TopicReader<EngagementRecorded> engagements = new TopicReader<>(Topics.LEADS_ENGAGEMENT);
				TopicReader<LeadReturned> returns = new TopicReader<>(Topics.LEADS_RETURNED);
				TopicReader<LeadOutcome> outcomes = new TopicReader<>(Topics.LEADS_OUTCOMES)) {
			assertThat(http()
				.post("/api/v1/engagements",
						Map.of("email", email, "type", "demo request", "detail", "https://northwind.com/demo"))
				.status()).isEqualTo(202);
			assertThat(
					sales()
						.post("/api/v1/returns",
								Map.of("leadId", leadId.toString(), "repId", "anna-snelling", "reasonCode",
										"NO_BUDGET"))
						.status())
				.isEqualTo(202);
			assertThat(sales().post("/api/v1/outcomes", Map.of("email", email, "outcome", "won", "amount", 4821.5))
				.status()).isEqualTo(202);

			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(engagements.values()).filteredOn((e) -> e.leadId().equals(leadId))
					.singleElement()
					.satisfies((e) -> assertThat(e.type()).isEqualTo("DEMO_REQUEST"));
				assertThat(returns.values()).filteredOn((r) -> r.leadId().equals(leadId))
					.singleElement()
					.satisfies((r) -> assertThat(r.reasonCode()).isEqualTo("NO_BUDGET"));
				assertThat(outcomes.values()).filteredOn((o) -> o.leadId().equals(leadId))
					.singleElement()
					.satisfies((o) -> assertThat(o.amount()).isEqualByComparingTo("4821.5"));
			});
		}
	}

	@Test
	void aReturnForAReasonTheAgreementInForceDoesNotListIsRefusedNamingTheAgreedReasons() {
		LeadAgreement agreement = TestAgreements.inForce(Duration.ofHours(4));
		TestKafka.sendRaw(Topics.AGREEMENTS.name(), LeadAgreement.ACTIVE_KEY,
				new String(Topics.AGREEMENTS.valueSerde().serializer().serialize(Topics.AGREEMENTS.name(), agreement),
						StandardCharsets.UTF_8));
		// Intake follows the agreements topic: it holds returns to the agreement once it
		// has read it.
		await().atMost(Duration.ofSeconds(30)).until(() -> this.returnReasons.inForce() != null);
		UUID leadId = LeadIds.ofEmail("returned." + UUID.randomUUID() + "@northwind.com");
		long before = TopicOffsets.endOffsetSum(Topics.LEADS_RETURNED);

		Http.Response madeUp = sales().post("/api/v1/returns",
				Map.of("leadId", leadId.toString(), "repId", "anna-snelling", "reasonCode", "DOES_NOT_LIKE_THEM"));
		Http.Response agreed = sales().post("/api/v1/returns",
				Map.of("leadId", leadId.toString(), "repId", "anna-snelling", "reasonCode", "BAD_CONTACT_DATA"));

		assertThat(madeUp.refusal(422))
			.isEqualTo("reasonCode DOES_NOT_LIKE_THEM is not a reason the agreement in force (v1) lets sales return a "
					+ "lead for; send one of [NOT_A_DECISION_MAKER, NO_BUDGET, BAD_CONTACT_DATA], or keep the lead "
					+ "and log what happened as an activity");
		assertThat(madeUp.json().path("errors").get(0).path("field").asString()).isEqualTo("reasonCode");
		assertThat(madeUp.json().path("agreedReasons").valueStream().map((reason) -> reason.path("code").asString()))
			.containsExactly("NOT_A_DECISION_MAKER", "NO_BUDGET", "BAD_CONTACT_DATA");
		assertThat(agreed.status()).isEqualTo(202);
		// The refused return never reached Kafka: only the agreed one is on
		// leads.returned.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> TopicOffsets.endOffsetSum(Topics.LEADS_RETURNED) == before + 1);
	}

	@Test
	void badEngagementsReturnsAndOutcomesAreRefusedNamingTheField() {
		long before = TopicOffsets
			.endOffsetSum(List.of(Topics.LEADS_ENGAGEMENT, Topics.LEADS_RETURNED, Topics.LEADS_OUTCOMES));

		Http.Response engagement = http().post("/api/v1/engagements", Map.of("email", "a@northwind.com", "type", "!!"));
		Http.Response unknownEngagement = http().post("/api/v1/engagements",
				Map.of("email", "a@northwind.com", "type", "carrier pigeon"));
		Http.Response returned = sales().post("/api/v1/returns", Map.of("email", "a@northwind.com"));
		Http.Response outcome = sales().post("/api/v1/outcomes",
				Map.of("leadId", "42", "outcome", "WON", "amount", -5));

		assertThat(engagement.status()).isEqualTo(400);
		assertThat(engagement.body()).contains("\"type\"").contains("letters, digits and underscores");
		assertThat(unknownEngagement.status()).isEqualTo(400);
		assertThat(unknownEngagement.body()).contains("must be one of [CHAT, CONTACT_REQUEST")
			.contains("not 'CARRIER_PIGEON'");
		assertThat(returned.status()).isEqualTo(400);
		assertThat(returned.body()).contains("repId: is required").contains("reasonCode: is required");
		assertThat(outcome.status()).isEqualTo(400);
		assertThat(outcome.body()).contains("must be the leadId intake returned").contains("must not be negative");
		assertThat(TopicOffsets
			.endOffsetSum(List.of(Topics.LEADS_ENGAGEMENT, Topics.LEADS_RETURNED, Topics.LEADS_OUTCOMES)))
			.isEqualTo(before);
	}

	@Test
	void withoutAKnownKeyOrTheRightRoleNothingIsAcceptedAndNothingWritten() {
		long before = TopicOffsets.endOffsetSum(List.of(Topics.LEADS_RECEIVED, Topics.SALES_ACTIVITIES));
		Map<String, String> lead = Map.of("email", "dana@northwind.com");

		Http.Response noKey = Http.localhost(this.port).post("/api/v1/leads", lead);
		Http.Response unknownKey = Http.localhost(this.port)
			.withHeader("X-API-Key", "guess")
			.post("/api/v1/leads", lead);
		Http.Response salesToolSendingLeads = sales().post("/api/v1/leads", lead);
		Http.Response platformSendingActivities = http().post("/api/v1/activities",
				Map.of("email", "dana@northwind.com", "repId", "anna-snelling", "type", "CALL"));

		assertThat(noKey.refusal(401)).isEqualTo("Send your API key in the X-API-Key header");
		assertThat(unknownKey.status()).isEqualTo(401);
		assertThat(salesToolSendingLeads.refusal(403)).contains("needs the role LEAD_SOURCE");
		assertThat(platformSendingActivities.status()).isEqualTo(403);
		assertThat(TopicOffsets.endOffsetSum(List.of(Topics.LEADS_RECEIVED, Topics.SALES_ACTIVITIES)))
			.isEqualTo(before);
	}

	@Test
	void aClientOverItsRateIsRefusedWith429AndRetryAfter() {
		Http limited = Http.localhost(this.port).withHeader("X-API-Key", "test-limited-key");

		Http.Response first = limited.post("/api/v1/leads",
				Map.of("email", "r1." + UUID.randomUUID() + "@northwind.com"));
		Http.Response second = limited.post("/api/v1/leads",
				Map.of("email", "r2." + UUID.randomUUID() + "@northwind.com"));
		Http.Response third = limited.post("/api/v1/leads",
				Map.of("email", "r3." + UUID.randomUUID() + "@northwind.com"));

		assertThat(first.status()).isEqualTo(202);
		assertThat(second.status()).isEqualTo(202);
		assertThat(third.status()).isEqualTo(429);
		assertThat(third.header("Retry-After")).isEqualTo("3600");
		assertThat(third.json().get("detail").asString()).contains("more than 2 requests in PT1H");
	}

	/** The demo marketing platform of intake-service.yml. */
	private Http http() {
		return Http.localhost(this.port).withHeader("X-API-Key", "demo-lead-source-key");
	}

	/** The demo sales tool of intake-service.yml. */
	private Http sales() {
		return Http.localhost(this.port).withHeader("X-API-Key", "demo-sales-tool-key");
	}

	private static byte[] twoMegabyteLead() {
		char[] padding = new char[2 * 1024 * 1024];
		Arrays.fill(padding, 'x');
		return ("{\"email\": \"big@northwind.com\", \"note\": \"" + new String(padding) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
