package io.handoff.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.handoff.demo.DemoDeals;
import io.handoff.demo.DemoLeads;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAgreement.Party;
import io.handoff.events.LeadAgreement.Status;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored;
import io.handoff.events.Topics;
import io.handoff.test.Doors;
import io.handoff.test.Http;
import io.handoff.test.Leads;
import io.handoff.test.OnTestKafka;
import io.handoff.test.TestKafka;
import io.handoff.test.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@OnTestKafka("scoring-tests")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=scoring-service")
class ScoringServiceTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		Doors.people(registry, "marketing-ops:{noop}m-secret:MARKETING_OPS", "sales-ops:{noop}s-secret:SALES_OPS",
				"cfo:{noop}c-secret:EXECUTIVE", "sales-manager:{noop}sm-secret:SALES_MANAGER");
	}

	@Test
	void everyDoorIsLockedAndOpensOnlyToTheRolesItNames(
			@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers) {
		Set<String> agreementRoles = Set.of("MARKETING_OPS", "SALES_OPS", "SALES_MANAGER", "ADMIN");
		Map<String, Set<String>> allowed = new HashMap<>();
		for (String door : List.of("GET /api/v1/agreements", "GET /api/v1/agreements/active",
				"GET /api/v1/agreements/{agreementId}", "GET /api/v1/agreements/{agreementId}/diff",
				"GET /api/v1/agreements/{agreementId}/calibration", "GET /api/v1/funnel",
				"GET /api/v1/leads/{leadId}/score", "GET /api/v1/stages", "GET /api/v1/segments", "GET /api/v1/leads",
				"GET /api/v1/handoffs/weekly")) {
			allowed.put(door, Doors.ANYONE);
		}
		for (String door : List.of("POST /api/v1/agreements", "PUT /api/v1/agreements/{agreementId}",
				"POST /api/v1/agreements/{agreementId}/signatures", "POST /api/v1/agreements/{agreementId}/activation",
				"POST /api/v1/agreements/{agreementId}/preview")) {
			allowed.put(door, agreementRoles);
		}
		allowed.put("DELETE /api/v1/leads/{leadId}", Set.of("ADMIN"));
		allowed.put(Doors.INTERNAL_READS, Doors.INSTANCES_ONLY);
		allowed.put(Doors.INTERNAL_FIGURES, Doors.INSTANCES_ONLY);
		Doors.tryEvery(handlers, this.port, allowed, Map.of("agreementId", "door-nothing", "leadId",
				UUID.randomUUID().toString(), "store", "lead-profiles", "figure", "funnel"));
	}

	Http anonymous() {
		return Http.localhost(this.port);
	}

	Http marketingOps() {
		return anonymous().as("marketing-ops", "m-secret");
	}

	Http salesOps() {
		return anonymous().as("sales-ops", "s-secret");
	}

	@Test
	void theStarterAgreementIsVersionOneSignedByBothPartiesAndPublishedUnderItsIdAndAsTheOneInForce() {
		try (TopicReader<LeadAgreement> agreements = new TopicReader<>(Topics.AGREEMENTS)) {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(agreements.records()).filteredOn((record) -> record.key().equals("v1"))
					.first()
					.extracting(ConsumerRecord::value)
					.satisfies((agreement) -> {
						assertThat(agreement.version()).isEqualTo(1);
						assertThat(agreement.status()).isEqualTo(Status.ACTIVE);
						assertThat(agreement.signatures()).extracting(LeadAgreement.Signature::party)
							.containsExactly(Party.MARKETING, Party.SALES);
						assertThat(agreement.allowsReturnReason("NOT_A_DECISION_MAKER")).isTrue();
						assertThat(agreement.fitRules().size() + agreement.targetProfiles().size())
							.isGreaterThanOrEqualTo(40);
					});
				assertThat(agreements.records()).filteredOn((record) -> record.key().equals(LeadAgreement.ACTIVE_KEY))
					.isNotEmpty();
			});
		}
		assertThat(salesOps().get("/api/v1/agreements/v1").json().path("name").asString())
			.isEqualTo("Starter lead agreement");
	}

	@Test
	void changingTheAgreementNeedsASignedInPersonWithAnOperationsRole() {
		JsonNode document = salesOps().get("/api/v1/agreements/v1").json();

		Http.Response anonymousDraft = anonymous().post("/api/v1/agreements", document);
		Http.Response wrongPassword = anonymous().as("marketing-ops", "guess").post("/api/v1/agreements", document);
		Http.Response executiveDraft = anonymous().as("cfo", "c-secret").post("/api/v1/agreements", document);

		assertThat(anonymousDraft.status()).isEqualTo(401);
		assertThat(anonymousDraft.header("Content-Type")).startsWith("application/problem+json");
		assertThat(anonymousDraft.json().path("detail").asString()).contains("Sign in");
		assertThat(wrongPassword.status()).isEqualTo(401);
		assertThat(executiveDraft.refusal(403)).contains("MARKETING_OPS");
	}

	@Test
	void anInvalidDraftIsRefusedWithEveryProblemListed() {
		ObjectNode document = (ObjectNode) salesOps().get("/api/v1/agreements/v1").json();
		((ObjectNode) document.path("fitRules").get(0)).put("operator", "SOUNDS_LIKE");
		((ObjectNode) document.path("grades").get(1)).put("maxFitScore", 70);
		((ObjectNode) document.path("stages").path("salesReady").get(0)).put("minFit", 5000);
		((ObjectNode) document.path("engagementRules").get(0)).put("type", "CARRIER_PIGEON");

		Http.Response refused = marketingOps().post("/api/v1/agreements", document);

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().path("problems").valueStream().map((problem) -> problem.path("field").asString()))
			.contains("fitRules[0].operator", "grades", "stages.salesReady[0].minFit", "engagementRules[0].type");
		assertThat(refused.json().path("problems").toString()).contains("SOUNDS_LIKE", "overlap on fit scores 60..70",
				"never be reached", "CARRIER_PIGEON");
	}

	@Test
	void aDraftSignedByMarketingAndSalesIsActivatedAndScoresTheNextLeadButNotTheOnesBefore() {
		try (TopicReader<LeadScored> scored = new TopicReader<>(Topics.LEADS_SCORED)) {
			// given a lead scored under the version in force
			LeadReceived before = Leads.salesReady("before-" + UUID.randomUUID() + "@northwind.com", Instant.now());
			send(before);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(scoredLead(scored, before)).isNotNull());
			String inForce = salesOps().get("/api/v1/agreements/active").json().path("agreementId").asString();

			// when marketing drafts a version that values executives less
			ObjectNode document = (ObjectNode) salesOps().get("/api/v1/agreements/" + inForce).json();
			((ObjectNode) document.path("fitRules").get(0)).put("points", 10);
			document.put("changeNote", "Executives alone are no longer sales-ready");
			Http.Response drafted = marketingOps().post("/api/v1/agreements", document);
			assertThat(drafted.status()).isEqualTo(201);
			String draftId = drafted.json().path("agreementId").asString();
			assertThat(drafted.header("Location")).isEqualTo("/api/v1/agreements/" + draftId);
			assertThat(drafted.json().path("status").asString()).isEqualTo("DRAFT");
			assertThat(drafted.json().path("author").asString()).isEqualTo("marketing-ops");

			// then it cannot be activated until both parties signed, each by a person of
			// that party
			Http.Response unsigned = salesOps().post("/api/v1/agreements/" + draftId + "/activation", "{}");
			assertThat(unsigned.refusal(409)).contains("missing: [MARKETING, SALES]");
			Http.Response salesForMarketing = salesOps().post("/api/v1/agreements/" + draftId + "/signatures",
					Map.of("party", "MARKETING"));
			assertThat(salesForMarketing.status()).isEqualTo(403);
			assertThat(
					marketingOps().post("/api/v1/agreements/" + draftId + "/signatures", Map.of("party", "MARKETING"))
						.status())
				.isEqualTo(200);
			Http.Response halfSigned = salesOps().post("/api/v1/agreements/" + draftId + "/activation", "{}");
			assertThat(halfSigned.refusal(409)).contains("missing: [SALES]");

			// and editing a signed draft clears its signatures
			document.put("changeNote", "Executives alone are no longer sales-ready; reworded");
			Http.Response edited = marketingOps().put("/api/v1/agreements/" + draftId, document);
			assertThat(edited.status()).isEqualTo(200);
			assertThat(edited.json().path("signatures").isEmpty()).isTrue();
			marketingOps().post("/api/v1/agreements/" + draftId + "/signatures", Map.of("party", "MARKETING"));
			Http.Response signed = anonymous().as("sales-manager", "sm-secret")
				.post("/api/v1/agreements/" + draftId + "/signatures", Map.of("party", "SALES"));
			assertThat(signed.json().path("signatures").size()).isEqualTo(2);

			Http.Response diff = salesOps().get("/api/v1/agreements/" + draftId + "/diff?against=" + inForce);
			assertThat(diff.json().path("changes").size()).isEqualTo(1);
			assertThat(diff.json().path("changes").get(0).path("term").asString())
				.isEqualTo("fitRules[title-executive]");
			assertThat(diff.json().path("changes").get(0).path("after").path("points").asInt()).isEqualTo(10);

			Http.Response activated = salesOps().post("/api/v1/agreements/" + draftId + "/activation", "{}");
			assertThat(activated.status()).isEqualTo(200);
			assertThat(activated.json().path("status").asString()).isEqualTo("ACTIVE");
			assertThat(salesOps().get("/api/v1/agreements/" + inForce).json().path("status").asString())
				.isEqualTo("SUPERSEDED");
			assertThat(salesOps().get("/api/v1/agreements/active").json().path("agreementId").asString())
				.isEqualTo(draftId);
			assertThat(salesOps().post("/api/v1/agreements/" + draftId + "/activation", "{}").status()).isEqualTo(409);
			assertThat(marketingOps().put("/api/v1/agreements/" + inForce, document).status()).isEqualTo(409);

			// the next lead is scored under the new version; the earlier one keeps its
			// score A new lead each try: one scored before this instance's agreements
			// store has read the activation keeps its score, and the same event again is
			// taken once.
			AtomicReference<LeadReceived> next = new AtomicReference<>();
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				LeadReceived attempt = Leads.salesReady("after-" + UUID.randomUUID() + "@northwind.com", Instant.now());
				next.set(attempt);
				send(attempt);
				await().atMost(Duration.ofSeconds(10)).until(() -> scoredLead(scored, attempt) != null);
				assertThat(scoredLead(scored, attempt).agreementId()).isEqualTo(draftId);
			});
			LeadReceived after = next.get();
			assertThat(scoredLead(scored, after).stage()).isEqualTo(LeadScored.Stage.MQL);
			assertThat(anonymous().get("/api/v1/leads/" + before.leadId() + "/score").status()).isEqualTo(401);
			JsonNode kept = salesOps().get("/api/v1/leads/" + before.leadId() + "/score").json();
			assertThat(kept.path("agreementId").asString()).isEqualTo(inForce);
			assertThat(kept.path("stage").asString()).isEqualTo("SALES_READY");
			// the store keeps the score without the lead; the API gives it back with the
			// lead from its profile
			assertThat(kept.path("lead").path("email").asString()).isEqualTo(before.email());
			assertThat(kept.path("lead").path("leadId").asString()).isEqualTo(before.leadId().toString());
			// and its way down the waterfall: each stage it entered, who moved it and why
			assertThat(kept.path("stages")).hasSize(1);
			assertThat(kept.path("stages").get(0).path("stage").asString()).isEqualTo("SALES_READY");
			assertThat(kept.path("stages").get(0).path("by").asString()).isEqualTo("scoring");
			assertThat(kept.path("stages").get(0).path("why").asString()).contains("reach sales-ready");
			assertThat(kept.path("changedBy").asString()).isEqualTo("scoring");

			// A sales rep reads a lead's score (and the person in it) once the lead is
			// theirs, and never another's.
			Http rep = anonymous().as("door-sales-rep", "door-test");
			assertThat(rep.get("/api/v1/leads/" + before.leadId() + "/score").status()).isEqualTo(404);
			TestKafka.sendRaw(Topics.LEADS_ASSIGNED.name(), before.leadId().toString(),
					LeadEventsJson.mapper()
						.writeValueAsString(new LeadAssigned(UUID.randomUUID(), Instant.now(), before.leadId(),
								"door-rep", "Door Rep", "Central", LeadAssigned.Method.ROUND_ROBIN, "A", 1,
								List.of("round robin"))));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> rep.get("/api/v1/leads/" + before.leadId() + "/score").status() == 200);
			Http.Response anothers = rep.get("/api/v1/leads/" + after.leadId() + "/score");
			assertThat(anothers.status()).isEqualTo(404);
			assertThat(anothers.body()).doesNotContain(after.email());
			// The stages of many leads at once (the SLA board's): each caller only those
			// they may read.
			String both = "/api/v1/stages?leadId=" + before.leadId() + "&leadId=" + after.leadId();
			assertThat(salesOps().get(both).json().valueStream().map((stage) -> stage.path("stage").asString()))
				.containsExactly("SALES_READY", "MQL");
			assertThat(rep.get(both).json().valueStream().map((stage) -> stage.path("leadId").asString()))
				.containsExactly(before.leadId().toString());
			assertThat(rep.get(both).json().get(0).path("latest").path("by").asString()).isEqualTo("scoring");
			assertThat(salesOps().get("/api/v1/stages?leadId=nope").status()).isEqualTo(400);
		}
	}

	@Test
	void leadsAreFoundByWordsStageAndRepPagedAndSortedAndARepFindsOnlyTheirOwn() {
		// given three leads of one company, two sales-ready, one of them assigned to the
		// door's rep
		String company = "listco" + UUID.randomUUID().toString().substring(0, 8);
		Instant now = Instant.now();
		LeadReceived first = Leads.salesReady("ada@" + company + ".com", now.minusSeconds(30));
		LeadReceived second = Leads.salesReady("bo@" + company + ".com", now.minusSeconds(20));
		LeadReceived third = Leads.lead("cy@" + company + ".com", "Student", 5, "US", now.minusSeconds(10));
		List.of(first, second, third).forEach(ScoringServiceTests::send);
		TestKafka.sendRaw(Topics.LEADS_ASSIGNED.name(), first.leadId().toString(),
				LeadEventsJson.mapper()
					.writeValueAsString(new LeadAssigned(UUID.randomUUID(), now, first.leadId(), "door-rep", "Door Rep",
							"Central", LeadAssigned.Method.ROUND_ROBIN, "A", 1, List.of("round robin"))));
		Http rep = anonymous().as("door-sales-rep", "door-test");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> rep.get("/api/v1/leads?q=" + company).json().path("total").asInt() == 1);

		// when operations look for them, by words, stage and rep, a page at a time
		JsonNode all = salesOps().get("/api/v1/leads?q=" + company.toUpperCase()).json();
		JsonNode salesReady = salesOps().get("/api/v1/leads?q=" + company + "&stage=SALES_READY&sort=ARRIVED").json();
		JsonNode ofTheRep = salesOps().get("/api/v1/leads?q=" + company + "&repId=door-rep").json();
		JsonNode secondPage = salesOps().get("/api/v1/leads?q=" + company + "&size=2&page=1").json();

		// then each finds what it asked for, newest first, with its stage, grade and
		// agreement version
		assertThat(all.path("total").asInt()).isEqualTo(3);
		assertThat(all.path("leads").valueStream().map((lead) -> lead.path("email").asString()))
			.containsExactly(third.email(), second.email(), first.email());
		assertThat(salesReady.path("leads").valueStream().map((lead) -> lead.path("email").asString()))
			.containsExactly(second.email(), first.email());
		assertThat(salesReady.path("leads").get(0).path("grade").asString()).isNotBlank();
		assertThat(salesReady.path("leads").get(0).path("agreementVersion").asInt()).isPositive();
		assertThat(ofTheRep.path("leads").valueStream().map((lead) -> lead.path("leadId").asString()))
			.containsExactly(first.leadId().toString());
		assertThat(secondPage.path("total").asInt()).isEqualTo(3);
		assertThat(secondPage.path("leads").valueStream().map((lead) -> lead.path("email").asString()))
			.containsExactly(first.email());
		// and a rep finds only their own leads, whatever the filter asks
		assertThat(rep.get("/api/v1/leads?q=" + company)
			.json()
			.path("leads")
			.valueStream()
			.map((lead) -> lead.path("leadId").asString())).containsExactly(first.leadId().toString());
		assertThat(rep.get("/api/v1/leads?q=" + company + "&repId=door-rep&repId=someone-else")
			.json()
			.path("total")
			.asInt()).isEqualTo(1);
		assertThat(rep.get("/api/v1/leads?stage=MQL&q=" + company).json().path("total").asInt()).isZero();
		// and a list asked for wrongly is refused naming what was wrong
		Http.Response tooBig = salesOps().get("/api/v1/leads?size=5000");
		assertThat(tooBig.refusal(400)).contains("size");
		assertThat(salesOps().get("/api/v1/leads?page=400&size=50").json().path("detail").asString()).contains("page");
		assertThat(salesOps().get("/api/v1/leads?stage=NOWHERE").status()).isEqualTo(400);
		assertThat(salesOps().get("/api/v1/leads?page=2147483647&size=50").status()).isEqualTo(400);
		assertThat(salesOps().get("/api/v1/leads?stage=MQL&stage=").json().path("detail").asString()).contains("stage");
		assertThat(salesOps().get("/api/v1/leads?repId=a%0Ab").json().path("detail").asString()).contains("repId");
		// and a rep reads segments only of leads enough that none is another rep's lead
		// alone
		assertThat(rep.get("/api/v1/segments?minLeads=5").json().path("detail").asString()).contains("minLeads");
		assertThat(rep.get("/api/v1/segments").status()).isEqualTo(200);
		assertThat(salesOps().get("/api/v1/leads?sort=SIDEWAYS").status()).isEqualTo(400);
		assertThat(salesOps().get("/api/v1/leads?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z").status())
			.isEqualTo(400);
		assertThat(salesOps().get("/api/v1/leads?salesReadyFrom=2026-11-01T00:00:00Z").json().path("detail").asString())
			.contains("salesReadyTo");
		assertThat(salesOps()
			.get("/api/v1/leads?q=" + company + "&salesReadyFrom=" + now.minusSeconds(3600) + "&salesReadyTo="
					+ now.plusSeconds(3600))
			.json()
			.path("total")
			.asInt()).isEqualTo(2);
		assertThat(anonymous().get("/api/v1/leads?q=" + company).status()).isEqualTo(401);

		// and the week's handoffs count the two sales-ready leads, the rep seeing only
		// their own figures
		JsonNode week = salesOps().get("/api/v1/handoffs/weekly?zone=Europe/Berlin&weeks=2").json();
		assertThat(week.path("weeks").size()).isEqualTo(2);
		// (both weeks together: the test may run across midnight of a Sunday)
		JsonNode lastWeek = week.path("weeks").get(0);
		JsonNode thisWeek = week.path("weeks").get(1);
		assertThat(
				lastWeek.path("handedOver").path("leads").asInt() + thisWeek.path("handedOver").path("leads").asInt())
			.isGreaterThanOrEqualTo(2);
		assertThat(lastWeek.path("byRep").path("door-rep").path("leads").asInt()
				+ thisWeek.path("byRep").path("door-rep").path("leads").asInt())
			.isGreaterThanOrEqualTo(1);
		assertThat(thisWeek.path("from").asString()).endsWith(":00:00Z");
		JsonNode repsWeeks = rep.get("/api/v1/handoffs/weekly?weeks=2").json().path("weeks");
		assertThat(repsWeeks.valueStream().flatMap((w) -> w.path("byRep").propertyNames().stream())).isNotEmpty()
			.containsOnly("door-rep");
		assertThat(salesOps().get("/api/v1/handoffs/weekly?zone=Mars/Olympus").json().path("detail").asString())
			.contains("zone");
		assertThat(salesOps().get("/api/v1/handoffs/weekly?weeks=99").status()).isEqualTo(400);
		assertThat(salesOps().get("/api/v1/handoffs/weekly?week=yesterday").status()).isEqualTo(400);
	}

	@Test
	void anErasedPersonIsFoundNoMoreInTheirScoreWhichKeepsItsFigures() {
		LeadReceived lead = Leads.salesReady("erase." + UUID.randomUUID() + "@northwind.com", Instant.now());
		send(lead);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> salesOps().get("/api/v1/leads/" + lead.leadId() + "/score").status() == 200);
		assertThat(salesOps().get("/api/v1/leads/" + lead.leadId() + "/score").body()).contains(lead.email());

		// Only an administrator erases, a lead id that is not one is named as such.
		assertThat(anonymous().delete("/api/v1/leads/" + lead.leadId()).status()).isEqualTo(401);
		assertThat(salesOps().delete("/api/v1/leads/" + lead.leadId()).status()).isEqualTo(403);
		// nor a rep, even the lead's own, nor the judge
		assertThat(anonymous().as("door-sales-rep", "door-test").delete("/api/v1/leads/" + lead.leadId()).status())
			.isEqualTo(403);
		assertThat(anonymous().as("door-judge", "door-test").delete("/api/v1/leads/" + lead.leadId()).status())
			.isEqualTo(403);
		assertThat(admin().delete("/api/v1/leads/not-a-lead").status()).isEqualTo(400);
		Http.Response erased = admin().delete("/api/v1/leads/" + lead.leadId());

		assertThat(erased.status()).isEqualTo(202);
		assertThat(erased.json().path("erasure").path("erasedBy").asString()).isEqualTo("door-admin");
		assertThat(erased.json().path("eventTopicsWithin").asString()).isEqualTo("PT168H");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Http.Response score = salesOps().get("/api/v1/leads/" + lead.leadId() + "/score");
			assertThat(score.status()).isEqualTo(200);
			assertThat(score.body()).doesNotContain(lead.email())
				.doesNotContain(lead.firstName())
				.doesNotContain(lead.lastName())
				.doesNotContain(lead.title());
			assertThat(score.json().path("fitScore").asInt()).isEqualTo(60);
			assertThat(score.json().path("stage").asString()).isEqualTo("SALES_READY");
			assertThat(score.json().path("lead").path("company").path("name").asString()).isEqualTo("Northwind");
		});
	}

	Http admin() {
		return anonymous().as("door-admin", "door-test");
	}

	@Test
	void calibrationLearnsFromTheOutcomesOfScoredLeadsAndThePreviewScoresRecentLeadsUnderBothVersions() {
		// given real leads, scored, and what became of them
		List<DemoLeads.DemoLead> sample = DemoLeads.read(600);
		List<LeadReceived> leads = sample.stream().map((lead) -> lead.received(Instant.now())).toList();
		TestKafka.sendRaw(Topics.LEADS_RECEIVED.name(), leads.stream()
			.map((lead) -> Map.entry(lead.leadId().toString(), LeadEventsJson.mapper().writeValueAsString(lead)))
			.toList());
		List<Map.Entry<String, String>> outcomes = new ArrayList<>();
		for (int i = 0; i < sample.size(); i++) {
			UUID leadId = leads.get(i).leadId();
			// The won ones with the value of a real won deal of the CRM data set.
			LeadOutcome outcome = new LeadOutcome(UUID.randomUUID(), Instant.now(), leadId,
					sample.get(i).converted() ? LeadOutcome.Outcome.WON : LeadOutcome.Outcome.LOST,
					sample.get(i).converted() ? DemoDeals.wonAmount(i) : null);
			outcomes.add(Map.entry(leadId.toString(), LeadEventsJson.mapper().writeValueAsString(outcome)));
		}
		TestKafka.sendRaw(Topics.LEADS_OUTCOMES.name(), outcomes);

		// when calibration and the preview are asked for
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Http.Response calibration = salesOps().get("/api/v1/agreements/v1/calibration");
			assertThat(calibration.status()).isEqualTo(200);
			assertThat(calibration.json().path("leads").asInt()).isGreaterThanOrEqualTo(600);
		});
		Http.Response calibration = salesOps().get("/api/v1/agreements/v1/calibration?pointsToDoubleOdds=20");
		Http.Response preview = marketingOps().post("/api/v1/agreements/v1/preview?window=PT1H", "{}");
		Http.Response anonymousPreview = anonymous().post("/api/v1/agreements/v1/preview", "{}");
		Http.Response unknown = salesOps().get("/api/v1/agreements/v404/calibration");

		// then the suggestions come with their held-out AUC, and the preview counts every
		// recent lead
		assertThat(calibration.json().path("heldOutAuc").asDouble()).isGreaterThan(0.75);
		assertThat(calibration.json().path("pointsToDoubleOdds").asInt()).isEqualTo(20);
		assertThat(calibration.json().path("rules").size()).isGreaterThanOrEqualTo(40);
		assertThat(calibration.json().path("verdict").asString()).isIn("BETTER", "EVEN", "WORSE");
		assertThat(calibration.json().path("curve").path("bins").size()).isEqualTo(10);
		assertThat(calibration.json().path("currentCurve").path("bins").size()).isEqualTo(10);
		assertThat(preview.status()).isEqualTo(200);
		assertThat(preview.json().path("leads").asInt()).isGreaterThanOrEqualTo(600);
		assertThat(preview.json().path("segments").path("source").has("Google")).isTrue();
		assertThat(anonymousPreview.status()).isEqualTo(401);
		assertThat(unknown.refusal(404)).contains("No agreement 'v404'");

		// and the segments of those leads are ranked by conversion, with intervals, won
		// amounts and a model
		Http.Response segments = salesOps().get("/api/v1/segments?minLeads=20");
		assertThat(segments.status()).isEqualTo(200);
		JsonNode google = segments.json()
			.path("ranking")
			.path("segments")
			.valueStream()
			.filter((segment) -> segment.path("name").asString().equals("source=Google"))
			.findFirst()
			.orElseThrow();
		assertThat(google.path("withOutcome").asInt()).isGreaterThanOrEqualTo(20);
		assertThat(google.path("low").asDouble()).isLessThanOrEqualTo(google.path("conversion").asDouble());
		assertThat(google.path("amountsKnown").asInt()).isEqualTo(google.path("won").asInt());
		assertThat(google.path("wonAmountPerLead").decimalValue()).isPositive();
		assertThat(segments.json().path("ranking").path("model").path("coefficients").size()).isPositive();
		assertThat(segments.json().path("currency").asString()).isEqualTo("USD");
		// and a ranking asked for wrongly is refused naming what was wrong
		assertThat(salesOps().get("/api/v1/segments?sort=SIDEWAYS").status()).isEqualTo(400);
		Http.Response noLeads = salesOps().get("/api/v1/segments?minLeads=0");
		assertThat(noLeads.refusal(400)).contains("minLeads");
		assertThat(salesOps().get("/api/v1/segments?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z").status())
			.isEqualTo(400);
		assertThat(anonymous().get("/api/v1/segments").status()).isEqualTo(401);
	}

	private static void send(LeadReceived lead) {
		TestKafka.sendRaw(Topics.LEADS_RECEIVED.name(), lead.leadId().toString(),
				LeadEventsJson.mapper().writeValueAsString(lead));
	}

	private static LeadScored scoredLead(TopicReader<LeadScored> scored, LeadReceived lead) {
		return scored.values()
			.stream()
			.filter((score) -> score.leadId().equals(lead.leadId()))
			.reduce((first, second) -> second)
			.orElse(null);
	}

}
