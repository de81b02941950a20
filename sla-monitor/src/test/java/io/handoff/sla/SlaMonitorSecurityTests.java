package io.handoff.sla;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

import io.handoff.access.PersonTokens;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.Topics;
import io.handoff.test.Doors;
import io.handoff.test.Http;
import io.handoff.test.OnTestKafka;
import io.handoff.test.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * sla-monitor's reads as outsiders and reps try them: every endpoint refuses a caller
 * without credentials, and a sales rep reads the clocks and figures of their own leads
 * only, however they ask.
 */
@OnTestKafka("sla-security-tests")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=sla-monitor")
class SlaMonitorSecurityTests {

	/**
	 * The console's key pair: the private key signs the tokens, the service is given the
	 * public key.
	 */
	static final List<String> KEYS = PersonTokens.newKeyPair();

	static final UUID annasLead = UUID.randomUUID();

	static final UUID cecilysLead = UUID.randomUUID();

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlers;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		Doors.people(registry, "anna:{noop}a-secret:SALES_REP:anna-snelling", "boss:{noop}b-secret:SALES_MANAGER",
				"guessed:{noop}g-secret:SALES_MANAGER");
		registry.add("handoff.person-token-public-key", () -> KEYS.get(1));
	}

	@BeforeAll
	static void twoRepsEachWithALead() {
		assign(annasLead, "anna-snelling");
		assign(cecilysLead, "cecily-lampkin");
	}

	@Test
	void everyDoorIsLockedAndOpensOnlyToTheRolesItNamesWhileProbesAndScrapersGetIn() {
		Doors.tryEvery(this.handlers, this.port,
				Map.of("GET /api/v1/clocks", Doors.ANYONE, "GET /api/v1/clocks/{leadId}", Doors.ANYONE,
						"GET /api/v1/compliance", Doors.ANYONE, Doors.INTERNAL_READS, Doors.INSTANCES_ONLY,
						Doors.INTERNAL_FIGURES, Doors.INSTANCES_ONLY),
				Map.of("leadId", annasLead.toString(), "store", "sla-clocks", "figure", "none"));
		assertThat(Http.localhost(this.port).get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(Http.localhost(this.port).get("/actuator/prometheus").status()).isEqualTo(200);
	}

	@Test
	void aSalesRepReadsTheClocksAndFiguresOfTheirOwnLeadsOnly() {
		Http anna = Http.localhost(this.port).as("anna", "a-secret");
		Http manager = Http.localhost(this.port).as("boss", "b-secret");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(leadIds(manager.get("/api/v1/clocks"))).contains(annasLead.toString(),
					cecilysLead.toString()));

		assertThat(leadIds(anna.get("/api/v1/clocks"))).contains(annasLead.toString())
			.doesNotContain(cecilysLead.toString());
		assertThat(leadIds(anna.get("/api/v1/clocks?repId=cecily-lampkin"))).isEmpty();
		assertThat(anna.get("/api/v1/clocks/" + annasLead).status()).isEqualTo(200);
		Http.Response other = anna.get("/api/v1/clocks/" + cecilysLead);
		assertThat(other.status()).isEqualTo(404);
		assertThat(other.body()).doesNotContain("cecily");
		JsonNode own = anna.get("/api/v1/compliance").json();
		assertThat(own.get("reps").propertyNames()).containsExactly("anna-snelling");
		assertThat(own.get("teams").isEmpty()).isTrue();
		JsonNode all = manager.get("/api/v1/compliance").json();
		assertThat(all.get("reps").propertyNames()).contains("anna-snelling", "cecily-lampkin");
		assertThat(all.get("teams").has("Central")).isTrue();
	}

	@Test
	void repeatedFailedSignInsAreHeldBackWith429BeforeThePasswordIsCheckedAndOthersStillSignIn() {
		Http service = Http.localhost(this.port);
		for (int i = 0; i < 5; i++) {
			assertThat(service.as("guessed", "wrong-" + i).get("/api/v1/compliance").status()).isEqualTo(401);
		}

		Http.Response heldBack = service.as("guessed", "g-secret").get("/api/v1/compliance");
		assertThat(heldBack.status()).isEqualTo(429);
		assertThat(Integer.parseInt(heldBack.header("Retry-After"))).isBetween(1, 60);
		assertThat(heldBack.json().path("detail").asString()).contains("Too many failed sign-ins");
		// However the header is spelled, as long as the Basic filter would read it.
		String credentials = Base64.getEncoder().encodeToString("guessed:g-secret".getBytes(StandardCharsets.UTF_8));
		assertThat(service.withHeader("Authorization", "Basic:" + credentials).get("/api/v1/compliance").status())
			.isEqualTo(429);
		// Another person at the same address is not held back, nor is a machine or a
		// probe.
		assertThat(service.as("boss", "b-secret").get("/api/v1/compliance").status()).isNotIn(401, 403, 429);
		assertThat(service.get("/actuator/health/readiness").status()).isEqualTo(200);
	}

	@Test
	void theConsolesPersonTokenActsAsThatPersonWithTheRolesThisServiceKnowsForThisServiceOnly() {
		PersonTokens tokens = PersonTokens.of(KEYS.get(0), null, Clock.systemUTC());
		Http service = Http.localhost(this.port);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(leadIds(service.as("boss", "b-secret").get("/api/v1/clocks")))
				.contains(cecilysLead.toString(), annasLead.toString()));

		List<String> annas = leadIds(
				service.withHeader(PersonTokens.HEADER, tokens.issue("sla-monitor", "anna")).get("/api/v1/clocks"));
		Http.Response forScoring = service.withHeader(PersonTokens.HEADER, tokens.issue("scoring-service", "anna"))
			.get("/api/v1/clocks");
		Http.Response forged = service
			.withHeader(PersonTokens.HEADER,
					PersonTokens.of(PersonTokens.newKeyPair().get(0), null, Clock.systemUTC())
						.issue("sla-monitor", "anna"))
			.get("/api/v1/clocks");

		assertThat(annas).contains(annasLead.toString()).doesNotContain(cecilysLead.toString());
		assertThat(forScoring.status()).isEqualTo(401);
		// A token for someone this service does not know (no longer configured) lets
		// nobody in.
		assertThat(service.withHeader(PersonTokens.HEADER, tokens.issue("sla-monitor", "gone"))
			.get("/api/v1/clocks")
			.status()).isEqualTo(401);
		assertThat(forged.refusal(401)).contains(PersonTokens.HEADER);
	}

	private static List<String> leadIds(Http.Response clocks) {
		assertThat(clocks.status()).as(clocks.body()).isEqualTo(200);
		return clocks.json().valueStream().map((clock) -> clock.get("leadId").asString()).toList();
	}

	private static void assign(UUID leadId, String repId) {
		LeadAssigned assigned = new LeadAssigned(UUID.randomUUID(), Instant.now(), leadId, repId, repId, "Central",
				LeadAssigned.Method.ROUND_ROBIN, "B", 1, List.of("round robin"));
		TestKafka.sendRaw(Topics.LEADS_ASSIGNED.name(), leadId.toString(),
				LeadEventsJson.mapper().writeValueAsString(assigned));
	}

}
