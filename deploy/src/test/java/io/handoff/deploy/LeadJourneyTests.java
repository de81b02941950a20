package io.handoff.deploy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import io.handoff.arbitration.ArbitrationApplication;
import io.handoff.events.DeadLetters;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.Ruling;
import io.handoff.events.SlaEvent;
import io.handoff.events.Topics;
import io.handoff.intake.IntakeApplication;
import io.handoff.routing.RoutingApplication;
import io.handoff.scoring.ScoringApplication;
import io.handoff.sla.SlaMonitorApplication;
import io.handoff.test.Http;
import io.handoff.test.TestKafka;
import io.handoff.test.TopicReader;

import static io.handoff.deploy.Handoff.arbitration;
import static io.handoff.deploy.Handoff.intake;
import static io.handoff.deploy.Handoff.routing;
import static io.handoff.deploy.Handoff.salesTool;
import static io.handoff.deploy.Handoff.scoring;
import static io.handoff.deploy.Handoff.sla;
import static io.handoff.deploy.Handoff.smtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * All five services in one JVM against one real broker ({@link Handoff}), following leads
 * from the front door to the judge.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
@ExtendWith(Handoff.class)
class LeadJourneyTests {

	@Test
	void aLeadPostedToIntakeIsAssignedToARepOfTheRoster() {
		try (TopicReader<LeadAssigned> assigned = new TopicReader<>(Topics.LEADS_ASSIGNED)) {
			// given
			String email = "dana.reyes." + UUID.randomUUID() + "@northwind.com";

			// when
			Http.Response accepted = intake.post("/api/v1/leads", salesReadyLead(email));

			// then
			assertThat(accepted.status()).isEqualTo(202);
			String leadId = accepted.json().get("leadId").asString();
			LeadAssigned assignment = await().atMost(Duration.ofSeconds(60))
				.until(() -> assigned.values().stream().filter((a) -> a.leadId().toString().equals(leadId)).findFirst(),
						Optional::isPresent)
				.orElseThrow();
			Http.Response rep = routing.get("/api/v1/reps/" + assignment.repId());
			assertThat(rep.status()).as(rep.body()).isEqualTo(200);
			assertThat(rep.json().get("name").asString()).isEqualTo(assignment.repName());
			// Routing marks the lead assigned once it reads its own assignment back: a
			// moment after the topic has it.
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				Http.Response why = routing.get("/api/v1/assignments/" + leadId);
				assertThat(why.status()).isEqualTo(200);
				assertThat(why.json().path("method").asString()).isEqualTo("ROUND_ROBIN");
				assertThat(why.json().get("reasons").toString()).contains("round robin");
			});
		}
	}

	@Test
	void theLogsAreJsonLinesThatFollowALeadByItsIdAndNeverNameThePerson(CapturedOutput output) {
		String email = "private.person." + UUID.randomUUID() + "@northwind.com";
		Map<String, Object> lead = new HashMap<>(salesReadyLead(email));
		lead.put("lastName", "Quixotically");
		lead.put("phone", "+1 415 555 0199");

		Http.Response accepted = intake.post("/api/v1/leads", lead);

		assertThat(accepted.status()).isEqualTo(202);
		String leadId = accepted.json().get("leadId").asString();
		List<JsonNode> lines = await().atMost(Duration.ofSeconds(60))
			.until(() -> output.getOut()
				.lines()
				.filter((line) -> line.contains(leadId))
				.map((line) -> LeadEventsJson.mapper().readTree(line))
				.toList(),
					(found) -> found.stream()
						.anyMatch((line) -> line.path("message").asString().startsWith("Lead assigned")));
		assertThat(lines).allSatisfy((line) -> {
			assertThat(line.path("@timestamp").isMissingNode()).isFalse();
			assertThat(line.path("log.level").isMissingNode() && line.path("log").path("level").isMissingNode())
				.isFalse();
		});
		assertThat(lines).anySatisfy((line) -> assertThat(line.path("leadId").asString()).isEqualTo(leadId));
		assertThat(output.getAll()).doesNotContain(email).doesNotContain("Quixotically").doesNotContain("555 0199");
	}

	@Test
	void theTraceContextOfTheRequestThatBroughtALeadTravelsWithItToItsAssignment() {
		String traceId = UUID.randomUUID().toString().replace("-", "");
		String email = "traced." + UUID.randomUUID() + "@northwind.com";
		try (TopicReader<LeadAssigned> assigned = new TopicReader<>(Topics.LEADS_ASSIGNED);
				// As text: the other tests put records on these topics that are not
				// events (poison).
				TopicReader<String> received = new TopicReader<>(Topics.LEADS_RECEIVED.name(), Topics.LEADS_INBOUND);
				TopicReader<String> scored = new TopicReader<>(Topics.LEADS_SCORED.name(), Topics.LEADS_INBOUND)) {
			Http.Response accepted = intake.withHeader("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
				.post("/api/v1/leads", salesReadyLead(email));

			assertThat(accepted.status()).isEqualTo(202);
			String leadId = accepted.json().get("leadId").asString();
			ConsumerRecord<String, LeadAssigned> assignment = await().atMost(Duration.ofSeconds(60))
				.until(() -> assigned.records().stream().filter((record) -> record.key().equals(leadId)).findFirst(),
						Optional::isPresent)
				.orElseThrow();
			// Through intake's HTTP request, its Kafka record, scoring and routing's two
			// stages: one trace.
			for (TopicReader<?> reader : List.of(received, scored, assigned)) {
				ConsumerRecord<String, ?> record = await().atMost(Duration.ofSeconds(30))
					.until(() -> reader.records()
						.stream()
						.filter((candidate) -> candidate.key().equals(leadId))
						.findFirst(), Optional::isPresent)
					.orElseThrow();
				Header traceparent = record.headers().lastHeader("traceparent");
				assertThat(traceparent).as(record.topic() + " " + record.headers()).isNotNull();
				assertThat(new String(traceparent.value(), StandardCharsets.UTF_8)).as(record.topic())
					.startsWith("00-" + traceId + "-");
			}
		}
	}

	@Test
	void anIgnoredLeadIsBreachedAndOpensACaseWhileALeadTouchedInTimeIsNot() {
		try (TopicReader<LeadAssigned> assigned = new TopicReader<>(Topics.LEADS_ASSIGNED);
				TopicReader<SlaEvent> slaEvents = new TopicReader<>(Topics.SLA_EVENTS)) {
			// given
			String ignoredId = newSalesReadyLead("ignored", "contoso.com");
			String touchedId = newSalesReadyLead("touched", "fabrikam.com");
			LeadAssigned touchedAssignment = await().atMost(Duration.ofSeconds(60))
				.until(() -> assigned.values()
					.stream()
					.filter((a) -> a.leadId().toString().equals(touchedId))
					.findFirst(), Optional::isPresent)
				.orElseThrow();

			// when
			Http.Response touch = salesTool.post("/api/v1/activities",
					Map.of("leadId", touchedId, "repId", touchedAssignment.repId(), "type", "CALL"));

			// then
			assertThat(touch.status()).isEqualTo(202);
			await().atMost(Duration.ofMinutes(2))
				.untilAsserted(() -> assertThat(slaEvents.values())
					.filteredOn((event) -> event.leadId().toString().equals(ignoredId))
					.extracting(SlaEvent::type)
					.containsExactly(SlaEvent.Type.WARNING, SlaEvent.Type.WARNING, SlaEvent.Type.BREACH,
							SlaEvent.Type.IGNORED));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				Http.Response cases = arbitration.get("/api/v1/cases?status=OPEN");
				assertThat(cases.status()).isEqualTo(200);
				assertThat(cases.body()).contains(ignoredId).doesNotContain(touchedId);
			});
			assertThat(slaEvents.values()).noneMatch(
					(event) -> event.leadId().toString().equals(touchedId) && event.type() != SlaEvent.Type.WARNING);
			Http.Response clock = sla.get("/api/v1/clocks/" + touchedId);
			assertThat(clock.json().get("state").asString()).isEqualTo("TOUCHED");
			// The touched lead's journey has its call though no case was opened.
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(arbitration.get("/api/v1/leads/" + touchedId + "/evidence")
					.json()
					.path("activities")
					.valueStream()
					.map((activity) -> activity.path("type").asString())).containsExactly("CALL"));
			// The breach reached the rep's own manager in the demo roster, naming the
			// lead and linking its journey.
			LeadAssigned ignoredAssignment = assigned.values()
				.stream()
				.filter((a) -> a.leadId().toString().equals(ignoredId))
				.findFirst()
				.orElseThrow();
			String managerName = routing.get("/api/v1/reps/" + ignoredAssignment.repId())
				.json()
				.path("manager")
				.asString();
			String managerEmail = routing.get("/api/v1/managers")
				.json()
				.valueStream()
				.filter((manager) -> manager.path("name").asString().equals(managerName))
				.map((manager) -> manager.path("email").asString())
				.findFirst()
				.orElseThrow();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(smtp.getReceivedMessages())
					.filteredOn((mail) -> GreenMailUtil.getBody(mail).contains(ignoredId))
					.anySatisfy((mail) -> {
						assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly(managerEmail);
						assertThat(mail.getSubject()).isEqualTo("SLA breach: " + ignoredAssignment.repName() + " ("
								+ ignoredAssignment.repId() + ") missed the first touch on Dana Reyes of Northwind");
						assertThat(GreenMailUtil.getBody(mail)).contains("/journey?q=" + ignoredId);
					})
					.anySatisfy((mail) -> assertThat(mail.getSubject())
						.isEqualTo("Lead ignored: Dana Reyes of Northwind was never touched by "
								+ ignoredAssignment.repName() + " (" + ignoredAssignment.repId() + ")")));
			Http.Response compliance = sla.get("/api/v1/compliance");
			assertThat(compliance.json().path("reps").path(touchedAssignment.repId()).path("touchedInTime").asInt())
				.isGreaterThanOrEqualTo(1);
			assertThat(compliance.json().path("teams").path(touchedAssignment.team()).path("assigned").asInt())
				.isGreaterThanOrEqualTo(1);
			// The rep's call accepted the touched lead; the sales tool reports it won:
			// WON, with the way it came.
			assertThat(
					salesTool.post("/api/v1/outcomes", Map.of("leadId", touchedId, "outcome", "WON", "amount", 48000))
						.status())
				.isEqualTo(202);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				JsonNode score = scoring.get("/api/v1/leads/" + touchedId + "/score").json();
				assertThat(score.path("stage").asString()).isEqualTo("WON");
				assertThat(score.path("stages")
					.valueStream()
					.map((change) -> change.path("stage").asString() + " by " + change.path("by").asString()))
					.containsExactly("SALES_READY by scoring", "ACCEPTED by " + touchedAssignment.repId(),
							"WON by sales tool");
			});
		}
	}

	@Test
	void aReturnByARepWhoDoesNotHaveTheLeadIsRefusedAndVisible() {
		// given
		String leadId = intake
			.post("/api/v1/leads", Map.of("email", "unassigned." + UUID.randomUUID() + "@contoso.com"))
			.json()
			.get("leadId")
			.asString();

		// when
		Http.Response returned = salesTool.post("/api/v1/returns",
				Map.of("leadId", leadId, "repId", "anna-snelling", "reasonCode", "NO_BUDGET"));

		// then
		assertThat(returned.status()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(arbitration.get("/api/v1/cases/refused-returns").body())
				.contains(leadId + " was never assigned"));
		assertThat(arbitration.get("/api/v1/cases").body()).doesNotContain(leadId);
	}

	@Test
	void aLeadTheRepSendsBackOpensACaseAtTheJudgesDesk() {
		try (TopicReader<LeadAssigned> assigned = new TopicReader<>(Topics.LEADS_ASSIGNED)) {
			// given
			String leadId = newSalesReadyLead("returned", "contoso.com");
			LeadAssigned assignment = await().atMost(Duration.ofSeconds(60))
				.until(() -> assigned.values().stream().filter((a) -> a.leadId().toString().equals(leadId)).findFirst(),
						Optional::isPresent)
				.orElseThrow();

			// when
			Http.Response returned = salesTool.post("/api/v1/returns", Map.of("leadId", leadId, "repId",
					assignment.repId(), "reasonCode", "NOT_A_DECISION_MAKER", "note", "an intern"));

			// then
			assertThat(returned.status()).isEqualTo(202);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				Http.Response cases = arbitration.get("/api/v1/cases?status=OPEN");
				assertThat(cases.json().valueStream()).filteredOn((c) -> c.get("leadId").asString().equals(leadId))
					.singleElement()
					.satisfies((c) -> {
						assertThat(c.get("cause").asString()).isEqualTo("RETURNED");
						assertThat(c.get("returned").get("reasonCode").asString()).isEqualTo("NOT_A_DECISION_MAKER");
						Http.Response file = arbitration.get("/api/v1/cases/" + c.get("caseId").asString());
						assertThat(file.status()).isEqualTo(200);
						assertThat(file.json().get("evidence").get("score").get("explanation").toString())
							.contains("title-executive");
						assertThat(file.json().get("evidence").get("assignment").get("repId").asString())
							.isEqualTo(assignment.repId());
						assertThat(file.json().get("evidence").get("returns")).hasSize(1);
					});
			});
		}
	}

	@Test
	void anErasedPersonIsFoundByNoApiWhileTheirLeadStillCountsEverywhere() {
		try (TopicReader<LeadAssigned> assigned = new TopicReader<>(Topics.LEADS_ASSIGNED)) {
			// given a lead that went the whole way: scored, assigned, touched, returned,
			// before the judge
			String email = "erin.forgetme." + UUID.randomUUID() + "@contoso.com";
			Map<String, Object> person = new HashMap<>(salesReadyLead(email));
			person.put("firstName", "Erin");
			person.put("lastName", "Forgetme");
			person.put("phone", "+1 415 555 0199");
			String leadId = intake.post("/api/v1/leads", person).json().get("leadId").asString();
			LeadAssigned assignment = await().atMost(Duration.ofSeconds(60))
				.until(() -> assigned.values().stream().filter((a) -> a.leadId().toString().equals(leadId)).findFirst(),
						Optional::isPresent)
				.orElseThrow();
			assertThat(salesTool
				.post("/api/v1/activities", Map.of("leadId", leadId, "repId", assignment.repId(), "type", "CALL",
						"note", "Erin Forgetme asked for pricing"))
				.status()).isEqualTo(202);
			assertThat(salesTool
				.post("/api/v1/returns",
						Map.of("leadId", leadId, "repId", assignment.repId(), "reasonCode", "NOT_A_DECISION_MAKER",
								"note", "Erin Forgetme is an intern"))
				.status()).isEqualTo(202);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(arbitration.get("/api/v1/cases").body()).contains(leadId)
					.contains("Erin Forgetme is an intern"));
			Http admin = Http.localhost(port(scoring)).as("admin", "demo-admin");

			// when
			Http.Response erased = admin.delete("/api/v1/leads/" + leadId);

			// then nothing any service answers names the person, and the lead still
			// counts
			assertThat(erased.status()).isEqualTo(202);
			List<String> answers = List.of("scoring /api/v1/leads/" + leadId + "/score",
					"routing /api/v1/assignments/" + leadId, "sla /api/v1/clocks/" + leadId,
					"arbitration /api/v1/leads/" + leadId + "/evidence", "arbitration /api/v1/cases");
			Map<String, Http> services = Map.of("scoring", scoring, "routing", routing, "sla", sla, "arbitration",
					arbitration);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				for (String answer : answers) {
					String[] parts = answer.split(" ");
					Http.Response response = services.get(parts[0]).get(parts[1]);
					assertThat(response.status()).as(answer).isEqualTo(200);
					assertThat(response.body()).as(answer)
						.doesNotContain(email)
						.doesNotContain("Erin")
						.doesNotContain("Forgetme")
						.doesNotContain("555 0199");
				}
			});
			assertThat(scoring.get("/api/v1/leads/" + leadId + "/score").json().path("stage").asString())
				.isEqualTo("RETURNED");
			assertThat(arbitration.get("/api/v1/cases").body()).contains(leadId);
			assertThat(sla.get("/api/v1/clocks/" + leadId).json().path("repId").asString())
				.isEqualTo(assignment.repId());
		}
	}

	@Test
	void recordsThatCannotBeReadOrProcessedGoToTheDeadLetterTopicWithTheCauseAndProcessingGoesOn() {
		try (TopicReader<String> deadLetters = new TopicReader<>(Topics.LEADS_RECEIVED.deadLetter(),
				Topics.LEADS_INBOUND); TopicReader<LeadAssigned> assigned = new TopicReader<>(Topics.LEADS_ASSIGNED)) {
			// given
			String unreadable = "not json " + UUID.randomUUID();
			String withoutLeadId = "{\"email\": \"" + UUID.randomUUID() + "@northwind.com\"}";

			// when
			TestKafka.sendRaw(Topics.LEADS_RECEIVED.name(), "broken-1", unreadable);
			TestKafka.sendRaw(Topics.LEADS_RECEIVED.name(), "broken-2", withoutLeadId);
			String leadId = newSalesReadyLead("after", "contoso.com");

			// then
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				assertThat(deadLetters.records()).filteredOn((record) -> record.value().equals(unreadable))
					.singleElement()
					.satisfies((record) -> {
						assertThat(header(record, DeadLetters.ORIGINAL_TOPIC)).isEqualTo("leads.received");
						assertThat(header(record, DeadLetters.STAGE)).isEqualTo("deserialization");
						assertThat(header(record, DeadLetters.ORIGINAL_OFFSET)).matches("\\d+");
						assertThat(header(record, DeadLetters.ERROR_MESSAGE)).isNotBlank();
					});
				assertThat(deadLetters.records()).filteredOn((record) -> record.value().equals(withoutLeadId))
					.singleElement()
					.satisfies((record) -> {
						assertThat(header(record, DeadLetters.STAGE)).isEqualTo("processing");
						assertThat(header(record, DeadLetters.ERROR_MESSAGE)).contains("without leadId");
					});
			});
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(
						() -> assertThat(assigned.values()).anyMatch((a) -> a.leadId().toString().equals(leadId)));
		}
	}

	@Test
	void eachPipelineMetricMovesWhenItsEventHappens() throws Exception {
		HttpServer crm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		crm.createContext("/hooks", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		crm.start();
		Http salesToolOnRouting = routing.withHeader("X-API-Key", "demo-sales-tool-key");
		String subscription = null;
		try {
			subscription = salesToolOnRouting
				.post("/api/v1/webhooks", Map.of("url", "http://127.0.0.1:" + crm.getAddress().getPort() + "/hooks",
						"eventTypes", List.of("lead.assigned")))
				.json()
				.get("subscriptionId")
				.asString();
			String subscribed = subscription;
			// The subscription starts at the end of leads.assigned once its consumer has
			// joined.
			await().atMost(Duration.ofSeconds(30))
				.until(() -> TestKafka.groupHasCommitted(subscribed, Topics.LEADS_ASSIGNED));
			Map<String, Double> before = pipelineMetrics(subscription);

			intake.post("/api/v1/leads", salesReadyLead("metered." + UUID.randomUUID() + "@northwind.com"));
			TestKafka.sendRaw(Topics.LEADS_SCORED.name(), "metered-poison", "not a score");

			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				Map<String, Double> after = pipelineMetrics(subscribed);
				before.forEach((metric, value) -> assertThat(after.get(metric)).as(metric).isGreaterThan(value));
			});
		}
		finally {
			// The stack runs on for the other suites: the subscription does not outlive
			// its receiver.
			if (subscription != null) {
				salesToolOnRouting.call("DELETE", "/api/v1/webhooks/" + subscription);
			}
			crm.stop(0);
		}
	}

	/**
	 * What /actuator/prometheus of each service says now, summed over the series of each
	 * metric named here.
	 */
	private static Map<String, Double> pipelineMetrics(String subscription) {
		Map<String, Double> metrics = new LinkedHashMap<>();
		metrics.put("intake: leads accepted",
				scrape(intake, "handoff_intake_accepted_total{", "topic=\"leads.received\""));
		metrics.put("scoring: leads scored sales-ready",
				scrape(scoring, "handoff_leads_scored_total{", "stage=\"SALES_READY\""));
		metrics.put("routing: leads assigned",
				scrape(routing, "handoff_leads_assigned_total{", "method=\"ROUND_ROBIN\""));
		metrics.put("routing: intake to assignment",
				scrape(routing, "handoff_leads_time_to_assignment_seconds_count{", ""));
		metrics.put("routing: dead letters of leads.scored",
				scrape(routing, "handoff_dead_letters_total{", "topic=\"leads.scored\""));
		metrics.put("routing: webhook deliveries",
				scrape(routing, "handoff_webhooks_delivered_total{", "subscription=\"" + subscription + "\""));
		return metrics;
	}

	private static double scrape(Http service, String series, String label) {
		return service.get("/actuator/prometheus")
			.body()
			.lines()
			.filter((line) -> line.startsWith(series) && line.contains(label))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	@Test
	void eachRulingOfTheJudgeIsCarriedOutByScoringSlaMonitorAndRouting() {
		try (TopicReader<LeadAssigned> assigned = new TopicReader<>(Topics.LEADS_ASSIGNED)) {
			// given three leads their reps ignore, each with a case at the judge's desk
			Map<Ruling.Decision, String> leads = new EnumMap<>(Ruling.Decision.class);
			for (Ruling.Decision decision : LeadEventsJson.writable(Ruling.Decision.class)) {
				leads.put(decision,
						intake
							.post("/api/v1/leads",
									salesReadyLead(decision.name().toLowerCase(Locale.ROOT) + "." + UUID.randomUUID()
											+ "@contoso.com"))
							.json()
							.get("leadId")
							.asString());
			}
			Map<Ruling.Decision, String> cases = new EnumMap<>(Ruling.Decision.class);
			await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
				JsonNode open = arbitration.get("/api/v1/cases?status=OPEN").json();
				leads.forEach((decision, leadId) -> open.valueStream()
					.filter((found) -> found.get("leadId").asString().equals(leadId))
					.findFirst()
					.ifPresent((found) -> cases.put(decision, found.get("caseId").asString())));
				assertThat(cases).hasSize(3);
			});
			String firstRep = await().atMost(Duration.ofSeconds(30))
				.until(() -> assigned.values()
					.stream()
					.filter((a) -> a.leadId().toString().equals(leads.get(Ruling.Decision.REASSIGN)))
					.findFirst(), Optional::isPresent)
				.orElseThrow()
				.repId();

			// when the judge rules on each
			cases.forEach((decision,
					caseId) -> assertThat(arbitration
						.post("/api/v1/cases/" + caseId + "/ruling",
								Map.of("decision", decision.name(), "reason", "e2e: " + decision))
						.status()).isEqualTo(201));

			// then marketing gets its lead back to nurture, sales owes a fresh follow-up,
			// and another rep gets the third
			await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
				JsonNode nurtured = scoring
					.get("/api/v1/leads/" + leads.get(Ruling.Decision.RETURN_TO_MARKETING) + "/score")
					.json();
				assertThat(nurtured.get("stage").asString()).isEqualTo("NURTURE");
				assertThat(nurtured.get("stageReason").asString()).contains("e2e: RETURN_TO_MARKETING");
				assertThat(sla.get("/api/v1/clocks/" + leads.get(Ruling.Decision.RETURN_TO_MARKETING))
					.json()
					.get("state")
					.asString()).isEqualTo("STOPPED");
				JsonNode followUp = sla.get("/api/v1/clocks/" + leads.get(Ruling.Decision.FOLLOW_UP_REQUIRED)).json();
				assertThat(followUp.get("history").valueStream().map((event) -> event.get("type").asString()))
					.containsSubsequence("IGNORED", "WARNING");
				JsonNode reassigned = routing.get("/api/v1/assignments/" + leads.get(Ruling.Decision.REASSIGN)).json();
				assertThat(reassigned.get("method").asString()).isEqualTo("REASSIGNMENT");
				assertThat(reassigned.get("repId").asString()).isNotEqualTo(firstRep);
				assertThat(arbitration.get("/api/v1/cases/" + cases.get(Ruling.Decision.REASSIGN))
					.json()
					.get("docket")
					.get("status")
					.asString()).isEqualTo("RULED");
			});
			JsonNode scorecard = arbitration.get("/api/v1/scorecard").json();
			assertThat(scorecard.get("againstMarketing").asInt()).isGreaterThanOrEqualTo(1);
			assertThat(scorecard.get("againstSales").asInt()).isGreaterThanOrEqualTo(2);
		}
	}

	/** Last, when every flow above has moved its metrics. */
	@Test
	@Order(Integer.MAX_VALUE)
	@SuppressWarnings("unchecked")
	void theDashboardsAndAlertRulesNameOnlyMetricsTheRunningServicesExport() throws Exception {
		Path deploy = Path.of(".").toAbsolutePath();
		// A refusal at the front door, the one event no flow above causes.
		assertThat(Http.localhost(port(intake)).post("/api/v1/leads", Map.of("email", "x@contoso.com")).status())
			.isEqualTo(401);
		// A webhook subscription, whose delivery counters start at zero with it (and go
		// with it).
		Http salesToolOnRouting = routing.withHeader("X-API-Key", "demo-sales-tool-key");
		Http.Response subscribed = salesToolOnRouting.post("/api/v1/webhooks",
				Map.of("url", "http://127.0.0.1:9/hooks", "eventTypes", List.of("lead.assigned")));
		assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
		Set<String> exported = new TreeSet<>();
		try {
			for (Http service : List.of(intake, scoring, routing, sla, arbitration)) {
				service.get("/actuator/prometheus")
					.body()
					.lines()
					.filter((line) -> !line.startsWith("#") && !line.isBlank())
					.map((line) -> line.split("[{ ]", 2)[0])
					.forEach(exported::add);
			}
		}
		finally {
			salesToolOnRouting.call("DELETE", "/api/v1/webhooks/" + subscribed.json().get("subscriptionId").asString());
		}
		Map<String, String> expressions = new LinkedHashMap<>();
		for (String dashboard : List.of("pipeline-health.json", "alignment-scorecard.json")) {
			JsonNode json = LeadEventsJson.mapper()
				.readTree(Files.readString(deploy.resolve("grafana/dashboards/" + dashboard)));
			assertThat(json.get("uid").asString()).startsWith("handoff-");
			assertThat(json.get("panels").size()).isGreaterThanOrEqualTo(6);
			json.get("panels").valueStream().forEach((panel) -> {
				assertThat(panel.get("targets").size()).as(panel.get("title").asString()).isPositive();
				panel.get("targets")
					.valueStream()
					.forEach((target) -> expressions.put(
							dashboard + ": " + panel.get("title").asString() + " " + target.get("refId").asString(),
							target.get("expr").asString()));
			});
		}
		Map<String, Object> alerts = new Yaml().load(Files.readString(deploy.resolve("prometheus/alerts.yml")));
		List<Map<String, Object>> groups = (List<Map<String, Object>>) alerts.get("groups");
		for (Map<String, Object> group : groups) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				assertThat(rule).containsKeys("alert", "expr", "annotations");
				expressions.put("alert " + rule.get("alert"), rule.get("expr").toString());
			}
		}
		assertThat(expressions).hasSizeGreaterThan(20);
		Pattern metric = Pattern.compile("\\b((?:handoff|resilience4j)_[a-z0-9_]+)");
		List<String> missing = new ArrayList<>();
		expressions.forEach((where, expression) -> {
			Matcher names = metric.matcher(expression);
			while (names.find()) {
				if (!exported.contains(names.group(1))) {
					missing.add(where + " names " + names.group(1));
				}
			}
		});
		assertThat(missing).isEmpty();
	}

	@Test
	void everyServicePublishesItsOpenApiDocumentAndPrometheusMetrics() {
		Map<Http, String> paths = Map.of(intake, "/api/v1/leads", scoring, "/api/v1/leads/{leadId}/score", routing,
				"/api/v1/assignments/{leadId}", sla, "/api/v1/clocks", arbitration, "/api/v1/cases");
		paths.forEach((service, path) -> {
			Http.Response openApi = service.get("/v3/api-docs");
			assertThat(openApi.status()).as(path + ": " + openApi.body()).isEqualTo(200);
			assertThat(openApi.json().get("paths").has(path)).as(path).isTrue();
			// How to authenticate, for a client generated from the document; the reads
			// between instances left out.
			assertThat(openApi.json().path("components").path("securitySchemes").has("apiKey")).as(path).isTrue();
			openApi.json().get("paths").properties().forEach((entry) -> {
				assertThat(entry.getKey()).doesNotStartWith("/internal/");
				if (entry.getKey().startsWith("/api/")) {
					entry.getValue()
						.properties()
						.stream()
						.filter((operation) -> List.of("get", "put", "post", "delete", "patch")
							.contains(operation.getKey()))
						.forEach((operation) -> assertThat(operation.getValue().path("security").isEmpty())
							.as(entry.getKey() + " " + operation.getKey())
							.isFalse());
				}
			});
			assertThat(service.get("/actuator/prometheus").body()).contains("application=");
			assertThat(service.get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
		});
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	/** Sends intake a new sales-ready lead at {@code domain}; the id intake gave it. */
	private static String newSalesReadyLead(String name, String domain) {
		Http.Response accepted = intake.post("/api/v1/leads",
				salesReadyLead(name + "." + UUID.randomUUID() + "@" + domain));
		return accepted.json().get("leadId").asString();
	}

	static Map<String, Object> salesReadyLead(String email) {
		return Map.of("email", email, "firstName", "Dana", "lastName", "Reyes", "title", "VP Marketing", "company",
				Map.of("name", "Northwind", "employees", 1200, "country", "US"), "source", "webinar");
	}

	private static int port(Http service) {
		return URI.create(service.baseUrl()).getPort();
	}

}
