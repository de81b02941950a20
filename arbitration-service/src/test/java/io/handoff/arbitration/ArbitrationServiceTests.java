package io.handoff.arbitration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.SlaEvent;
import io.handoff.events.Topics;
import io.handoff.test.Doors;
import io.handoff.test.Http;
import io.handoff.test.OnTestKafka;
import io.handoff.test.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@OnTestKafka("arbitration-tests")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=arbitration-service", "handoff.api-keys[0].name=crm",
				"handoff.api-keys[0].key-sha256=714815f9ca35a80bf606f03cffb3bd66f2511788b0342a0d1e60605d83979167",
				"handoff.api-keys[0].roles=SALES_TOOL" })
class ArbitrationServiceTests {

	static final KeyPair TOKEN_KEYS = keys();

	@LocalServerPort
	int port;

	static UUID annasLead;

	static UUID cecilysLead;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		Path publicKey = Path.of("target", "arbitration-tests", "token-key.pem");
		Files.createDirectories(publicKey.getParent());
		Files.writeString(publicKey,
				"-----BEGIN PUBLIC KEY-----\n"
						+ Base64.getMimeEncoder().encodeToString(TOKEN_KEYS.getPublic().getEncoded())
						+ "\n-----END PUBLIC KEY-----\n");
		registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
				() -> "file:" + publicKey.toAbsolutePath());
		Doors.people(registry, "judge:{noop}j-secret:JUDGE", "cfo:{noop}c-secret:EXECUTIVE",
				"anna:{noop}a-secret:SALES_REP:anna-snelling", "cro:{noop}r-secret:JUDGE,SALES_MANAGER",
				"deputy:{noop}d-secret:JUDGE");
	}

	@Test
	void everyDoorIsLockedAndOpensOnlyToTheRolesItNames(
			@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers) {
		Doors.tryEvery(handlers, this.port,
				Map.of("GET /api/v1/cases", Doors.ANYONE, "GET /api/v1/cases/refused-returns", Doors.ANYONE,
						"GET /api/v1/cases/{caseId}", Doors.ANYONE, "GET /api/v1/scorecard", Doors.ANYONE,
						"GET /api/v1/leads/{leadId}/evidence", Doors.ANYONE, "POST /api/v1/cases/{caseId}/ruling",
						Set.of("JUDGE"), Doors.INTERNAL_READS, Doors.INSTANCES_ONLY, Doors.INTERNAL_FIGURES,
						Doors.INSTANCES_ONLY),
				Map.of("caseId", UUID.randomUUID().toString(), "leadId", UUID.randomUUID().toString(), "store", "cases",
						"figure", "none"));
	}

	@BeforeAll
	static void twoIgnoredLeads() {
		annasLead = ignoredLead("anna-snelling");
		cecilysLead = ignoredLead("cecily-lampkin");
	}

	Http as(String user, String password) {
		return Http.localhost(this.port).as(user, password);
	}

	Http judge() {
		return as("judge", "j-secret");
	}

	@Test
	void readingCasesNeedsASignInAndARepSeesOnlyTheCasesOnTheirOwnLeads() {
		String cecilysCase = caseOf(cecilysLead);
		caseOf(annasLead);

		Http.Response anonymous = Http.localhost(this.port).get("/api/v1/cases");
		Http.Response unknownKey = Http.localhost(this.port).withHeader("X-API-Key", "guess").get("/api/v1/cases");
		Http.Response anna = as("anna", "a-secret").get("/api/v1/cases");
		Http.Response annaOnCecily = as("anna", "a-secret").get("/api/v1/cases/" + cecilysCase);
		Http.Response executive = as("cfo", "c-secret").get("/api/v1/cases/" + cecilysCase);

		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
		assertThat(unknownKey.status()).isEqualTo(401);
		assertThat(anna.status()).isEqualTo(200);
		assertThat(anna.json().valueStream().map((found) -> found.path("repId").asString()))
			.containsOnly("anna-snelling");
		assertThat(anna.body()).contains(annasLead.toString()).doesNotContain(cecilysLead.toString());
		assertThat(annaOnCecily.status()).isEqualTo(403);
		assertThat(executive.status()).isEqualTo(200);
		assertThat(executive.json().path("evidence").path("assignment").path("repId").asString())
			.isEqualTo("cecily-lampkin");
		// A lead's evidence for its journey, case or not: a rep reads only their own
		// leads'.
		assertThat(as("anna", "a-secret").get("/api/v1/leads/" + annasLead + "/evidence")
			.json()
			.path("assignment")
			.path("repId")
			.asString()).isEqualTo("anna-snelling");
		Http.Response annaOnCecilysLead = as("anna", "a-secret").get("/api/v1/leads/" + cecilysLead + "/evidence");
		assertThat(annaOnCecilysLead.status()).isEqualTo(404);
		assertThat(as("cfo", "c-secret").get("/api/v1/leads/" + cecilysLead + "/evidence").status()).isEqualTo(200);
		assertThat(as("cfo", "c-secret").get("/api/v1/leads/" + UUID.randomUUID() + "/evidence").status())
			.isEqualTo(404);
		// Without credentials, with a guessed key, or with a lead id that is not one:
		// refused, saying why.
		assertThat(Http.localhost(this.port).get("/api/v1/leads/" + annasLead + "/evidence").status()).isEqualTo(401);
		assertThat(Http.localhost(this.port)
			.withHeader("X-API-Key", "guess")
			.get("/api/v1/leads/" + annasLead + "/evidence")
			.status()).isEqualTo(401);
		assertThat(as("anna", "a-secret").get("/api/v1/leads/not-a-lead/evidence").status()).isEqualTo(400);
		assertThat(annaOnCecilysLead.body()).doesNotContain("cecily");
	}

	@Test
	void onlyTheJudgeRulesWithAWrittenReasonAndOnlyOnce() {
		String caseId = caseOf(annasLead);
		Map<String, String> ruling = Map.of("decision", "FOLLOW_UP_REQUIRED", "reason", "The lead asked for a call");

		Http.Response byExecutive = as("cfo", "c-secret").post("/api/v1/cases/" + caseId + "/ruling", ruling);
		Http.Response byRep = as("anna", "a-secret").post("/api/v1/cases/" + caseId + "/ruling", ruling);
		Http.Response byAParty = as("cro", "r-secret").post("/api/v1/cases/" + caseId + "/ruling", ruling);
		Http.Response withoutReason = judge().post("/api/v1/cases/" + caseId + "/ruling",
				Map.of("decision", "REASSIGN", "reason", " "));
		Http.Response unknownDecision = judge().post("/api/v1/cases/" + caseId + "/ruling",
				Map.of("decision", "BANISH", "reason", "no"));
		Http.Response decisionUnknownValuesReadAs = judge().post("/api/v1/cases/" + caseId + "/ruling",
				Map.of("decision", "UNKNOWN", "reason", "no"));
		Http.Response ruled = judge().post("/api/v1/cases/" + caseId + "/ruling", ruling);
		Http.Response again = judge().post("/api/v1/cases/" + caseId + "/ruling",
				Map.of("decision", "RETURN_TO_MARKETING", "reason", "Second thoughts"));

		assertThat(byExecutive.refusal(403)).contains("only the JUDGE rules");
		assertThat(byRep.status()).isEqualTo(403);
		assertThat(byAParty.refusal(403)).contains("the judge must be neutral");
		assertThat(withoutReason.refusal(400)).startsWith("reason:");
		assertThat(unknownDecision.refusal(400)).contains("[RETURN_TO_MARKETING, FOLLOW_UP_REQUIRED, REASSIGN]");
		assertThat(decisionUnknownValuesReadAs.status()).isEqualTo(400);
		assertThat(ruled.status()).isEqualTo(201);
		assertThat(ruled.json().path("judge").asString()).isEqualTo("judge");
		assertThat(again.refusal(409)).contains("was ruled FOLLOW_UP_REQUIRED by judge");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode file = judge().get("/api/v1/cases/" + caseId).json();
			assertThat(file.path("docket").path("status").asString()).isEqualTo("RULED");
			assertThat(file.path("docket").path("ruling").path("reason").asString())
				.isEqualTo("The lead asked for a call");
		});
		assertThat(judge().get("/api/v1/cases/" + caseId + "/ruling").status()).isIn(404, 405);
	}

	@Test
	void twoJudgesRulingOneCaseAtTheSameMomentGetOneRulingCarriedOut() throws Exception {
		UUID leadId = ignoredLead("elliot-birch");
		String caseId = caseOf(leadId);
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService judges = Executors.newFixedThreadPool(2);
		try {
			Future<Http.Response> first = judges.submit(() -> {
				go.await();
				return judge().post("/api/v1/cases/" + caseId + "/ruling",
						Map.of("decision", "REASSIGN", "reason", "Give it to someone who calls"));
			});
			Future<Http.Response> second = judges.submit(() -> {
				go.await();
				return as("deputy", "d-secret").post("/api/v1/cases/" + caseId + "/ruling",
						Map.of("decision", "RETURN_TO_MARKETING", "reason", "Not ready for sales"));
			});
			go.countDown();
			List<Http.Response> answers = List.of(first.get(), second.get());

			// One taken (201), one refused naming it (409); on a slow machine either may
			// still be deciding (202).
			assertThat(answers).extracting(Http.Response::status)
				.allSatisfy((status) -> assertThat(status).isIn(201, 202, 409));
			assertThat(answers).filteredOn((answer) -> answer.status() == 201).hasSizeLessThanOrEqualTo(1);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> judge().get("/api/v1/cases/" + caseId).json().path("docket").path("status").asString(),
						"RULED"::equals);
			JsonNode ruled = judge().get("/api/v1/cases/" + caseId).json().path("docket").path("ruling");
			String decision = ruled.path("decision").asString();
			assertThat(decision).isIn("REASSIGN", "RETURN_TO_MARKETING");
			answers.stream()
				.filter((answer) -> answer.status() == 201)
				.forEach((taken) -> assertThat(taken.json().path("decision").asString()).isEqualTo(decision));
			answers.stream()
				.filter((answer) -> answer.status() == 409)
				.forEach((refused) -> assertThat(refused.json().path("detail").asString())
					.contains("was ruled " + decision + " by " + ruled.path("judge").asString()));
			// The case shows its ruling as soon as it is taken; the ruling is on the
			// topic once that transaction commits (within the commit interval). The
			// submission is on the topic already, so a crash meanwhile takes the same
			// first submission again.
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(TestKafka.readCommitted(Topics.ARBITRATION_RULINGS.name())
					.stream()
					.filter((record) -> record.getKey().equals(leadId.toString()))
					.map(Map.Entry::getValue)
					.toList()).singleElement()
					.satisfies(
							(ruling) -> assertThat(LeadEventsJson.mapper().readTree(ruling).path("decision").asString())
								.isEqualTo(decision)));
			// ... and stays alone.
			await().during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(TestKafka.readCommitted(Topics.ARBITRATION_RULINGS.name()))
					.filteredOn((record) -> record.getKey().equals(leadId.toString()))
					.hasSize(1));
		}
		finally {
			judges.shutdownNow();
		}
	}

	@Test
	void peopleWithABearerTokenAndSalesToolsWithAKeyReadTheScorecard() throws Exception {
		String token = token("dana", List.of("EXECUTIVE"));
		Http bearer = Http.localhost(this.port).withHeader("Authorization", "Bearer " + token);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Http.Response scorecard = bearer.get("/api/v1/scorecard");
			assertThat(scorecard.status()).isEqualTo(200);
			assertThat(scorecard.json().path("ignoredByRep").path("cecily-lampkin").asInt()).isEqualTo(1);
			assertThat(scorecard.json().path("ignoredByTeam").path("Central").asInt()).isGreaterThanOrEqualTo(2);
		});
		Http.Response forged = Http.localhost(this.port)
			.withHeader("Authorization", "Bearer " + token + "x")
			.get("/api/v1/scorecard");
		Http.Response salesTool = Http.localhost(this.port).withHeader("X-API-Key", "crm-key").get("/api/v1/scorecard");
		Http.Response salesToolRuling = Http.localhost(this.port)
			.withHeader("X-API-Key", "crm-key")
			.post("/api/v1/cases/" + caseOf(cecilysLead) + "/ruling", Map.of("decision", "REASSIGN", "reason", "x"));
		assertThat(forged.status()).isEqualTo(401);
		assertThat(salesTool.status()).isEqualTo(200);
		assertThat(salesToolRuling.status()).isEqualTo(403);
	}

	private String caseOf(UUID leadId) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> judge().get("/api/v1/cases")
				.json()
				.valueStream()
				.filter((found) -> found.path("leadId").asString().equals(leadId.toString()))
				.map((found) -> found.path("caseId").asString())
				.findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	private static UUID ignoredLead(String repId) {
		UUID leadId = UUID.randomUUID();
		Instant assignedAt = Instant.now().minus(Duration.ofHours(30));
		LeadAssigned assigned = new LeadAssigned(UUID.randomUUID(), assignedAt, leadId, repId, repId, "Central",
				LeadAssigned.Method.ROUND_ROBIN, "B", 1, List.of("round robin"));
		SlaEvent ignored = new SlaEvent(UUID.randomUUID(), Instant.now(), leadId, repId, SlaEvent.Type.IGNORED,
				SlaEvent.Clock.FIRST_TOUCH, assignedAt.plus(Duration.ofHours(4)));
		TestKafka.sendRaw(Topics.LEADS_ASSIGNED.name(), leadId.toString(),
				LeadEventsJson.mapper().writeValueAsString(assigned));
		TestKafka.sendRaw(Topics.SLA_EVENTS.name(), leadId.toString(),
				LeadEventsJson.mapper().writeValueAsString(ignored));
		return leadId;
	}

	private static String token(String subject, List<String> roles) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256),
				new JWTClaimsSet.Builder().subject(subject)
					.claim("roles", roles)
					.expirationTime(new Date(System.currentTimeMillis() + 600_000))
					.build());
		jwt.sign(new RSASSASigner((RSAPrivateKey) TOKEN_KEYS.getPrivate()));
		return jwt.serialize();
	}

	private static KeyPair keys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
