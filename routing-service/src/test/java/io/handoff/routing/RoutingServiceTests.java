package io.handoff.routing;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import io.handoff.access.Caller;
import io.handoff.events.Company;
import io.handoff.events.DeadLetters;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadIds;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored;
import io.handoff.events.SalesRep;
import io.handoff.events.Topics;
import io.handoff.events.WebhookSubscription;
import io.handoff.routing.webhook.WebhookSubscriptions;
import io.handoff.test.Doors;
import io.handoff.test.Http;
import io.handoff.test.OnTestKafka;
import io.handoff.test.TestKafka;
import io.handoff.test.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The routing service on a real broker: the demo organisation seeded onto the compacted
 * topics, changes and CSV imports over the API, leads assigned and explained, and webhook
 * deliveries to a real HTTP server.
 */
@OnTestKafka("routing-tests")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=routing-service", "handoff.routing.seed=classpath:demo/",
				"handoff.api-keys[0].name=crm",
				"handoff.api-keys[0].key-sha256=714815f9ca35a80bf606f03cffb3bd66f2511788b0342a0d1e60605d83979167",
				"handoff.api-keys[0].roles=SALES_TOOL", "handoff.api-keys[1].name=other-tool",
				"handoff.api-keys[1].key-sha256=580843d03d2216ff1a275d0991bad66e4d1af871171d929e9de604b7959f9bca",
				"handoff.api-keys[1].roles=SALES_TOOL", "handoff.webhooks.give-up-after=PT8S",
				"handoff.webhooks.secret-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
				"handoff.outbound.allowed-hosts=127.0.0.1",
				"resilience4j.circuitbreaker.configs.webhook.wait-duration-in-open-state=2s" })
@DirtiesContext
class RoutingServiceTests {

	/** The API key whose SHA-256 is configured above. */
	static final String CRM_KEY = "crm-key";

	static HttpServer receiver;

	static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	static final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

	@LocalServerPort
	int port;

	@Autowired
	CircuitBreakerRegistry breakers;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		String run = UUID.randomUUID().toString();
		registry.add("handoff.webhooks.group-prefix", () -> "routing-tests-webhooks-" + run);
		Doors.people(registry, "ops:{noop}o-secret:SALES_OPS", "anna:{noop}a-secret:SALES_REP",
				"root:{noop}r-secret:ADMIN");
	}

	@Test
	void everyDoorIsLockedAndOpensOnlyToTheRolesItNames(
			@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers) {
		Set<String> webhooks = Set.of("SALES_TOOL", "SALES_OPS", "ADMIN");
		Set<String> organisation = Set.of("SALES_OPS", "SALES_MANAGER", "ADMIN");
		Set<String> readers = Set.of(Caller.everyLeadRoles());
		Map<String, Set<String>> allowed = new HashMap<>();
		for (String door : List.of("GET /api/v1/webhooks", "GET /api/v1/webhooks/{subscriptionId}",
				"POST /api/v1/webhooks", "DELETE /api/v1/webhooks/{subscriptionId}")) {
			allowed.put(door, webhooks);
		}
		for (String door : List.of("GET /api/v1/assignments/waiting", "GET /api/v1/teams", "GET /api/v1/reps",
				"GET /api/v1/reps/{repId}", "GET /api/v1/accounts", "GET /api/v1/accounts/{domain}",
				"GET /api/v1/territories", "GET /api/v1/territories/{territoryId}", "GET /api/v1/managers",
				"GET /api/v1/managers/{managerId}", "GET /api/v1/routing", "GET /api/v1/routing/versions",
				"GET /api/v1/routing/versions/{version}", "GET /api/v1/routing/versions/{version}/diff",
				"GET /api/v1/routing/versions/{version}/preview", "GET /api/v1/routing/fairness")) {
			allowed.put(door, readers);
		}
		for (String door : List.of("POST /api/v1/routing/versions", "PUT /api/v1/routing/versions/{version}",
				"POST /api/v1/routing/versions/{version}/activation", "POST /api/v1/routing/simulate")) {
			allowed.put(door, organisation);
		}
		allowed.put("POST /api/v1/routing/versions/{version}/approval", Set.of("SALES_OPS", "ADMIN"));
		for (String door : List.of("PUT /api/v1/reps/{repId}", "PUT /api/v1/accounts/{domain}",
				"PUT /api/v1/territories/{territoryId}", "DELETE /api/v1/territories/{territoryId}",
				"POST /api/v1/reps/import", "POST /api/v1/accounts/import", "POST /api/v1/territories/import",
				"PUT /api/v1/managers/{managerId}", "POST /api/v1/managers/import")) {
			allowed.put(door, organisation);
		}
		allowed.put("GET /api/v1/assignments/{leadId}", Doors.ANYONE);
		allowed.put(Doors.INTERNAL_READS, Doors.INSTANCES_ONLY);
		allowed.put(Doors.INTERNAL_FIGURES, Doors.INSTANCES_ONLY);
		Doors.tryEvery(handlers, this.port, allowed,
				Map.of("subscriptionId", UUID.randomUUID().toString(), "repId", "door-nobody", "domain",
						"door-nobody.example", "territoryId", "door-nobody", "managerId", "door-nobody", "leadId",
						UUID.randomUUID().toString(), "store", "lead-routing", "figure", "none", "version", "9999"));
	}

	/**
	 * A sales tool's receiver: answers 503 while its path has failures left, then 204;
	 * records every request.
	 */
	@BeforeAll
	static void startReceiver() throws Exception {
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String path = exchange.getRequestURI().getPath();
			deliveries.add(new Delivery(path, exchange.getRequestHeaders().getFirst("webhook-id"),
					exchange.getRequestHeaders().getFirst("webhook-timestamp"),
					exchange.getRequestHeaders().getFirst("webhook-signature"), body));
			AtomicInteger left = failuresLeft.get(path);
			boolean fail = left != null && left.getAndDecrement() > 0;
			exchange.sendResponseHeaders(fail ? 503 : 204, -1);
			exchange.close();
		});
		receiver.start();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.stop(0);
	}

	Http http() {
		return Http.localhost(this.port);
	}

	Http ops() {
		return http().as("ops", "o-secret");
	}

	Http crm() {
		return http().withHeader("X-API-Key", CRM_KEY);
	}

	@Test
	void theDemoOrganisationIsSeededOntoTheCompactedTopicsAndReadable() {
		// The seed is written to the compacted topics and read back from them: it arrives
		// shortly after start-up.
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(ops().get("/api/v1/reps").json().size()).isEqualTo(35);
			assertThat(ops().get("/api/v1/territories").json().size()).isEqualTo(4);
			assertThat(ops().get("/api/v1/accounts").json().size()).isEqualTo(85);
			// The six managers the reps name, each with an e-mail: where their reps'
			// breaches go.
			assertThat(ops().get("/api/v1/managers").json().size()).isEqualTo(6);
		});
		assertThat(ops().get("/api/v1/managers/dustin-brinkmann").json().path("email").asString())
			.isEqualTo("dustin.brinkmann@handoff-demo.example");
		assertThat(ops().get("/api/v1/managers/nobody").status()).isEqualTo(404);
		assertThat(ops().get("/api/v1/accounts/eu.acmecorporation.com").json().path("name").asString())
			.isEqualTo("Acme Corporation");
		assertThat(ops().get("/api/v1/reps/nobody").status()).isEqualTo(404);
		try (TopicReader<SalesRep> reps = new TopicReader<>(Topics.SALES_REPS)) {
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(
						() -> assertThat(reps.records()).extracting(ConsumerRecord::key).contains("anna-snelling"));
		}
	}

	@Test
	void theOrganisationIsReadSignedInByThoseWhoReadEveryLeadAndTheApiDescriptionIsOpen() {
		for (String path : List.of("/api/v1/reps/anna-snelling", "/api/v1/teams", "/api/v1/assignments/waiting")) {
			// Right after start the stores may still be restoring: 503 with Retry-After,
			// then 200.
			Http.Response response = await().atMost(Duration.ofSeconds(30))
				.until(() -> ops().get(path), (answer) -> answer.status() != 503);
			assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
			assertThat(http().get(path).status()).as(path).isEqualTo(401);
			assertThat(http().as("anna", "a-secret").get(path).status()).as(path).isEqualTo(403);
		}
		for (String path : List.of("/v3/api-docs", "/actuator/prometheus")) {
			assertThat(http().get(path).status()).as(path).isEqualTo(200);
		}
		JsonNode paths = http().get("/v3/api-docs").json().path("paths");
		assertThat(paths.has("/api/v1/assignments/{leadId}")).isTrue();
		// Each operation names who may call it, read from the service's own rules.
		assertThat(roles(paths, "/api/v1/webhooks", "get")).containsExactly("ADMIN", "SALES_OPS", "SALES_TOOL");
		assertThat(roles(paths, "/api/v1/reps/{repId}", "put")).containsExactly("ADMIN", "SALES_MANAGER", "SALES_OPS");
		assertThat(roles(paths, "/api/v1/reps", "get")).containsExactlyInAnyOrder(Caller.everyLeadRoles());
		assertThat(roles(paths, "/api/v1/assignments/{leadId}", "get")).hasSize(9).contains("SALES_REP");
		assertThat(paths.path("/api/v1/webhooks").path("get").path("description").asString())
			.contains("Roles: ADMIN, SALES_OPS, SALES_TOOL.");
	}

	private static List<String> roles(JsonNode paths, String path, String method) {
		return paths.path(path).path(method).path("x-handoff-roles").valueStream().map(JsonNode::asString).toList();
	}

	@Test
	void onlySalesOpsChangeTheOrganisationAndEveryProblemIsSaid() {
		Map<String, Object> rep = Map.of("repId", "zoe-ng", "name", "Zoe Ng", "team", "West", "weight", 1,
				"maxOpenLeads", 10, "timeZone", "America/Denver", "active", true);

		assertThat(http().put("/api/v1/reps/zoe-ng", rep).status()).isEqualTo(401);
		assertThat(http().as("anna", "a-secret").put("/api/v1/reps/zoe-ng", rep).status()).isEqualTo(403);
		Http.Response bad = ops().put("/api/v1/reps/zoe-ng", Map.of("repId", "zoe-ng", "name", "Zoe Ng", "team", "West",
				"weight", 0, "maxOpenLeads", 10, "timeZone", "Denver", "active", true));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
		assertThat(bad.json().path("problems").valueStream().map(JsonNode::asString)).containsExactly(
				"weight 0 must be between 1 and 100",
				"timeZone 'Denver' is not an IANA time zone such as America/Chicago");
		assertThat(ops().put("/api/v1/reps/zoe-ng", rep).status()).isEqualTo(200);
		assertThat(ops().get("/api/v1/reps/zoe-ng").json().path("timeZone").asString()).isEqualTo("America/Denver");
		// A body that does not name what the path does is refused saying so, never a
		// server error.
		Http.Response nameless = ops().put("/api/v1/accounts/nameless.example", Map.of("name", "Nameless"));
		assertThat(nameless.refusal(400)).contains("The body has no domain");
		Http.Response badManager = ops().put("/api/v1/managers/zoe-boss",
				Map.of("managerId", "zoe-boss", "name", "Zoe Boss", "email", "not-an-address"));
		assertThat(badManager.status()).isEqualTo(400);
		assertThat(badManager.json().path("problems").valueStream().map(JsonNode::asString))
			.containsExactly("email 'not-an-address' is not an email address");
		assertThat(http().as("anna", "a-secret").get("/api/v1/managers").status()).isEqualTo(403);
	}

	@Test
	void aCsvImportKeepsTheGoodLinesAndReportsEachBadOneByLine() {
		String csv = "repId,name,email,team,territories,weight,maxOpenLeads,timeZone,workingHours,outOfOffice,manager,"
				+ "active\n"
				+ "liv-ortiz,Liv Ortiz,liv@x.example,West,americas,1,20,America/Denver,Mon-Fri 08:00-16:00,,"
				+ "Summer Sewald,true\n" + "max-bad,Max,max@x.example,West,,heavy,20,America/Denver,,,,true\n"
				+ "ned-park,Ned Park,ned@x.example,West,,1,20,America/Denver,,,,true\n"
				+ "oz,Oz,oz@x.example,West,,1,20,America/Denver,Mon-Fri 9-5,,,true\n";

		Http.Response imported = ops().post("/api/v1/reps/import", "text/csv", csv.getBytes(StandardCharsets.UTF_8),
				false);
		Http.Response badHeader = ops().post("/api/v1/accounts/import", "text/csv",
				"domain,name,owner\nx.com,X,ned-park\n".getBytes(StandardCharsets.UTF_8), false);
		Http.Response byRep = http().as("anna", "a-secret")
			.post("/api/v1/reps/import", "text/csv", csv.getBytes(StandardCharsets.UTF_8), false);

		assertThat(imported.status()).isEqualTo(200);
		assertThat(imported.json().path("lines").asInt()).isEqualTo(4);
		assertThat(imported.json().path("accepted").asInt()).isEqualTo(2);
		assertThat(imported.json()
			.path("rejected")
			.valueStream()
			.map((line) -> line.path("line").asInt() + ": " + line.path("reason").asString()))
			.containsExactly("3: weight 'heavy' is not a whole number",
					"5: working hours 'Mon-Fri 9-5' should give hours like 09:00-17:00 (end after start)");
		assertThat(ops().get("/api/v1/reps/liv-ortiz").json().path("workingHours").path("start").asString())
			.isEqualTo("08:00:00");
		assertThat(badHeader.refusal(400)).contains("missing: ownerRepId,sector,employees").contains("unknown: owner");
		assertThat(byRep.status()).isEqualTo(403);
	}

	@Test
	void aCsvFileOverTheLimitIsRefusedWith413WhetherItsLengthIsAnnouncedOrItStreams() {
		// Just over 2 MB (the console passes on files of at most 2,000,000 bytes): no
		// import is attempted.
		byte[] large = ("repId,name\n" + "x,y\n".repeat(600_000)).getBytes(StandardCharsets.UTF_8);

		Http.Response announced = ops().post("/api/v1/reps/import", "text/csv", large, false);
		Http.Response streamed = ops().post("/api/v1/reps/import", "text/csv", large, true);
		Http.Response anonymous = http().post("/api/v1/reps/import", "text/csv", large, false);

		for (Http.Response refused : List.of(announced, streamed, anonymous)) {
			assertThat(refused.refusal(413)).contains("larger than the limit of 2097152 bytes");
		}
	}

	@Test
	void aFormStreamedToAPutIsCutOffAtTheLimitBeforeAnyoneSignsIn() throws Exception {
		// Spring reads a PUT's form into memory itself, before the controllers and before
		// Spring Security: the limit comes first.
		byte[] form = ("a=" + "x".repeat(3_000_000)).getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> refused = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/reps/anyone"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form)))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(refused.body()).contains("larger than the limit of 2097152 bytes");
	}

	@Test
	void aSalesReadyLeadIsAssignedAndTheAssignmentApiSaysWhoWhenHowAndWhy() {
		LeadScored lead = salesReady("priya@school.example", "IN");

		JsonNode assignment = assignedOnceSent(lead);
		assertThat(assignment.path("team").asString()).isEqualTo("East");
		assertThat(assignment.path("method").asString()).isEqualTo("ROUND_ROBIN");
		assertThat(assignment.path("assignedAt").isMissingNode()).isFalse();
		assertThat(assignment.path("reasons").valueStream().map(JsonNode::asString)).hasSize(3)
			.element(1)
			.asString()
			.startsWith("territory: Asia-Pacific");
		JsonNode east = ops().get("/api/v1/teams")
			.json()
			.valueStream()
			.filter((team) -> team.path("team").asString().equals("East"))
			.findFirst()
			.orElseThrow();
		assertThat(east.path("reps").valueStream().mapToInt((rep) -> rep.path("openLeads").asInt()).sum()).isPositive();
		assertThat(ops().get("/api/v1/assignments/" + UUID.randomUUID()).status()).isEqualTo(404);
		// A sales rep reads the assignments of their own leads only: another rep's lead
		// has none.
		Http.Response byAnotherRep = http().as("door-sales-rep", "door-test")
			.get("/api/v1/assignments/" + lead.leadId());
		assertThat(byAnotherRep.status()).isEqualTo(404);
		assertThat(byAnotherRep.body()).doesNotContain(assignment.path("repId").asString());
	}

	@Test
	void salesOpsTryALeadDraftATerritoryChangeSeeWhatWouldMoveActivateItAndFindItInTheHistory() {
		List<LeadScored> india = List.of(salesReady("v1@school.example", "IN"), salesReady("v2@school.example", "IN"));
		india.forEach(this::send);
		india.forEach((lead) -> await().atMost(Duration.ofSeconds(30))
			.until(() -> ops().get("/api/v1/assignments/" + lead.leadId()).json().path("status").asString(),
					"ASSIGNED"::equals));
		JsonNode inForce = ops().get("/api/v1/routing").json();
		assertThat(inForce.path("status").asString()).isEqualTo("ACTIVE");

		// A dry run twice gives the same rep: it took no turn of the round robin; the
		// next real lead gets that rep.
		Map<String, Object> indian = Map.of("lead",
				Map.of("email", "new@school.example", "company", Map.of("country", "IN")));
		JsonNode tried = ops().post("/api/v1/routing/simulate", indian).json();
		assertThat(tried.path("team").asString()).isEqualTo("East");
		assertThat(tried.path("method").asString()).isEqualTo("ROUND_ROBIN");
		assertThat(tried.path("steps").valueStream().map(JsonNode::asString))
			.anySatisfy((step) -> assertThat(step).startsWith("territory: Asia-Pacific"))
			.anySatisfy((step) -> assertThat(step).startsWith("round robin: "));
		assertThat(ops().post("/api/v1/routing/simulate", indian).json().path("repId").asString())
			.isEqualTo(tried.path("repId").asString());
		assertThat(ops().post("/api/v1/routing/simulate", Map.of("leadId", india.get(0).leadId().toString()))
			.json()
			.path("team")
			.asString()).isEqualTo("East");
		LeadScored next = salesReady("v3@school.example", "IN");
		assertThat(assignedOnceSent(next).path("repId").asString()).isEqualTo(tried.path("repId").asString());

		// A free-mail lead from a known company goes to the account's owner, with the
		// match's confidence.
		JsonNode acme = ops()
			.post("/api/v1/routing/simulate",
					Map.of("lead",
							Map.of("email", "pat@gmail.com", "company", Map.of("name", "ACME Corp.", "country", "US"))))
			.json();
		assertThat(acme.path("method").asString()).isEqualTo("ACCOUNT_OWNER");
		assertThat(acme.path("account").asString()).isEqualTo("Acme Corporation");
		assertThat(acme.path("confidence").asDouble()).isGreaterThanOrEqualTo(0.92);
		assertThat(acme.path("steps").get(0).asString())
			.contains("company name 'ACME Corp.' is like 'Acme Corporation'");

		// Asia-Pacific moves to Central in a draft: the diff says so, the preview says
		// which leads would move.
		List<Map<String, Object>> territories = new ArrayList<>();
		for (JsonNode territory : inForce.path("territories")) {
			Map<String, Object> copy = LeadEventsJson.mapper().convertValue(territory, Map.class);
			if (territory.path("territoryId").asString().equals("apac")) {
				copy.put("team", "Central");
			}
			territories.add(copy);
		}
		Http.Response drafted = ops().post("/api/v1/routing/versions",
				Map.of("territories", territories, "note", "Central sells Asia-Pacific"));
		assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
		int version = drafted.json().path("version").asInt();
		assertThat(drafted.json().path("status").asString()).isEqualTo("DRAFT");
		assertThat(drafted.json().path("basedOn").asInt()).isEqualTo(inForce.path("version").asInt());
		assertThat(ops().get("/api/v1/routing/versions/" + version + "/diff").json().path("changes").toString())
			.contains("\"id\":\"apac\",\"field\":\"team\",\"from\":\"East\",\"to\":\"Central\"");
		JsonNode preview = ops().get("/api/v1/routing/versions/" + version + "/preview?days=1").json();
		assertThat(preview.path("result").path("moved").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(preview.path("result").path("moves").valueStream().map((move) -> move.path("leadId").asString()))
			.contains(india.get(0).leadId().toString(), india.get(1).leadId().toString(), next.leadId().toString());
		JsonNode east = preview.path("result")
			.path("teams")
			.valueStream()
			.filter((team) -> team.path("team").asString().equals("East"))
			.findFirst()
			.orElseThrow();
		assertThat(east.path("change").asLong()).isEqualTo(-east.path("inForce").asLong());
		// The same version tried: the lead goes to Central now.
		assertThat(ops().post("/api/v1/routing/simulate", Map.of("lead", indian.get("lead"), "version", version))
			.json()
			.path("team")
			.asString()).isEqualTo("Central");

		// Approved by sales ops only, activated only once approved; then in force and in
		// the history.
		assertThat(ops().post("/api/v1/routing/versions/" + version + "/activation", Map.of()).status()).isEqualTo(409);
		assertThat(http().as("anna", "a-secret")
			.post("/api/v1/routing/versions/" + version + "/approval", Map.of())
			.status()).isEqualTo(403);
		assertThat(ops().post("/api/v1/routing/versions/" + version + "/approval", Map.of())
			.json()
			.path("approvedBy")
			.asString()).isEqualTo("ops");
		JsonNode activated = ops().post("/api/v1/routing/versions/" + version + "/activation", Map.of()).json();
		assertThat(activated.path("status").asString()).isEqualTo("ACTIVE");
		assertThat(activated.path("activatedBy").asString()).isEqualTo("ops");
		assertThat(ops().get("/api/v1/territories/apac").json().path("team").asString()).isEqualTo("Central");
		JsonNode history = ops().get("/api/v1/routing/versions").json();
		assertThat(history.get(0).path("version").asInt()).isEqualTo(version);
		assertThat(history.valueStream()
			.filter((entry) -> entry.path("version").asInt() == inForce.path("version").asInt())
			.findFirst()
			.orElseThrow()
			.path("status")
			.asString()).isEqualTo("SUPERSEDED");
		assertThat(assignedOnceSent(salesReady("v4@school.example", "IN")).path("team").asString())
			.isEqualTo("Central");

		// The fairness report: each rep's leads by turn against their fair share, which
		// add up to the team's turns.
		JsonNode fairness = ops().get("/api/v1/routing/fairness").json();
		JsonNode eastFairness = fairness.path("teams")
			.valueStream()
			.filter((team) -> team.path("team").asString().equals("East"))
			.findFirst()
			.orElseThrow();
		assertThat(eastFairness.path("turns").asLong()).isGreaterThanOrEqualTo(3);
		assertThat(eastFairness.path("reps").valueStream().mapToDouble((rep) -> rep.path("fairShare").asDouble()).sum())
			.isCloseTo(eastFairness.path("turns").asDouble(), Offset.offset(0.1));
		assertThat(eastFairness.path("reps").valueStream())
			.allSatisfy((rep) -> assertThat(Math.abs(rep.path("difference").asDouble())).isLessThanOrEqualTo(1.0));

		// Back as it was, for the other tests: a direct change is a version of its own.
		Map<String, Object> apac = LeadEventsJson.mapper()
			.convertValue(ops().get("/api/v1/territories/apac").json(), Map.class);
		apac.put("team", "East");
		assertThat(ops().put("/api/v1/territories/apac", apac).status()).isEqualTo(200);
		JsonNode direct = ops().get("/api/v1/routing").json();
		assertThat(direct.path("version").asInt()).isEqualTo(version + 1);
		assertThat(direct.path("note").asString()).isEqualTo("changed directly: PUT /api/v1/territories/apac");
		assertThat(direct.path("author").asString()).isEqualTo("ops");
	}

	@Test
	void everyBadRoutingRequestIsRefusedSayingWhatIsWrong() {
		Http.Response badDraft = ops().post("/api/v1/routing/versions",
				Map.of("matching", Map.of("byName", true, "nameThreshold", 0.5), "reps",
						Map.of("nobody-here", Map.of("team", "West", "weight", 0, "maxOpenLeads", 5))));
		assertThat(badDraft.status()).isEqualTo(400);
		assertThat(badDraft.header("Content-Type")).startsWith("application/problem+json");
		assertThat(badDraft.json().path("problems").valueStream().map(JsonNode::asString)).containsExactly(
				"matching.nameThreshold must be between 0.8 and 1 (it is 0.5): below 0.8, different companies' names match",
				"rep nobody-here is not on the roster (reps are added to the organisation first)");
		Map<String, Object> emptyRep = new HashMap<>();
		emptyRep.put("anna-snelling", null);
		Http.Response nulls = ops().post("/api/v1/routing/versions", Map.of("reps", emptyRep));
		assertThat(nulls.status()).isEqualTo(400);
		assertThat(nulls.json().path("problems").get(0).asString()).startsWith("reps.anna-snelling is empty");

		// Two drafts of the version in force: once one is in force the other is outdated,
		// and refused.
		int inForce = ops().get("/api/v1/routing").json().path("version").asInt();
		int first = ops().post("/api/v1/routing/versions", Map.of("note", "first", "basedOn", inForce))
			.json()
			.path("version")
			.asInt();
		int second = ops().post("/api/v1/routing/versions", Map.of("note", "second")).json().path("version").asInt();
		assertThat(ops().put("/api/v1/routing/versions/" + second, Map.of("note", "second, edited"))
			.json()
			.path("note")
			.asString()).isEqualTo("second, edited");
		assertThat(ops().post("/api/v1/routing/versions/" + first + "/approval", Map.of()).status()).isEqualTo(200);
		assertThat(ops().post("/api/v1/routing/versions/" + first + "/approval", Map.of()).status()).isEqualTo(409);
		assertThat(ops().post("/api/v1/routing/versions/" + first + "/activation", Map.of()).status()).isEqualTo(200);
		assertThat(ops().get("/api/v1/routing/versions/" + second).json().path("status").asString())
			.isEqualTo("OUTDATED");
		assertThat(ops().post("/api/v1/routing/versions/" + second + "/approval", Map.of()).status()).isEqualTo(409);
		assertThat(ops().put("/api/v1/routing/versions/" + first, Map.of("note", "too late")).status()).isEqualTo(409);
		Http.Response stale = ops().post("/api/v1/routing/versions", Map.of("note", "stale", "basedOn", inForce));
		assertThat(stale.refusal(409)).contains("version " + first + " is in force now");

		Http.Response neither = ops().post("/api/v1/routing/simulate", Map.of());
		assertThat(neither.refusal(400)).contains("Give either a leadId or a lead");
		assertThat(ops().post("/api/v1/routing/simulate", Map.of("leadId", UUID.randomUUID().toString())).status())
			.isEqualTo(404);
		assertThat(ops().get("/api/v1/routing/versions/1/preview?days=0").status()).isEqualTo(400);
		assertThat(ops().get("/api/v1/routing/versions/9999").status()).isEqualTo(404);
		assertThat(ops().post("/api/v1/routing/versions/1/approval", Map.of()).status()).isEqualTo(409);
		Http.Response backwards = ops().get("/api/v1/routing/fairness?from=2026-12-10&to=2026-12-01");
		assertThat(backwards.refusal(400)).contains("must be on or before");
		assertThat(ops().get("/api/v1/routing/fairness?from=yesterday").status()).isEqualTo(400);
		assertThat(ops().get("/api/v1/routing/fairness?from=-999999999-01-01").status()).isEqualTo(400);
		assertThat(ops()
			.post("/api/v1/routing/simulate", "application/json", "{not json".getBytes(StandardCharsets.UTF_8), false)
			.status()).isEqualTo(400);
	}

	@Test
	void aRecordRoutingCannotReadGoesToTheDeadLetterTopicWithTheCauseAndRoutingGoesOn() {
		String poison = "{\"leadId\": \"not a lead\"";
		LeadScored after = salesReady("after-poison@school.example", "US");

		TestKafka.sendRaw(Topics.LEADS_SCORED.name(), "poison-key", poison);
		send(after);

		try (TopicReader<String> dead = new TopicReader<>(Topics.LEADS_SCORED.deadLetter(), Topics.LEADS_INBOUND)) {
			ConsumerRecord<String, String> letter = await().atMost(Duration.ofSeconds(30))
				.until(() -> dead.records()
					.stream()
					.filter((record) -> "poison-key".equals(record.key()))
					.findFirst()
					.orElse(null), Objects::nonNull);
			assertThat(letter.value()).isEqualTo(poison);
			assertThat(
					new String(letter.headers().lastHeader(DeadLetters.ERROR_MESSAGE).value(), StandardCharsets.UTF_8))
				.isNotBlank();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> ops().get("/api/v1/assignments/" + after.leadId()).status() == 200);
	}

	@Test
	void subscribingNeedsTheSalesToolsKeyAndAValidRequest() {
		Map<String, Object> request = Map.of("url", "http://127.0.0.1:1/hooks", "eventTypes", List.of("lead.assigned"));

		assertThat(http().post("/api/v1/webhooks", request).status()).isEqualTo(401);
		assertThat(http().as("anna", "a-secret").post("/api/v1/webhooks", request).status()).isEqualTo(403);
		Http.Response bad = crm().post("/api/v1/webhooks",
				Map.of("url", "ftp://crm.example/hooks", "eventTypes", List.of("lead.won")));
		assertThat(bad.refusal(400)).contains("url 'ftp://crm.example/hooks' must be an absolute https")
			.contains("event type 'lead.won' is not one of");
		// Nothing inside the network: the cloud's metadata address, this machine by
		// another name, plain http.
		for (String inside : List.of("https://169.254.169.254/latest/meta-data", "https://[::1]/hooks",
				"https://10.0.0.1/hooks", "http://crm.example/hooks")) {
			Http.Response refused = crm().post("/api/v1/webhooks",
					Map.of("url", inside, "eventTypes", List.of("lead.assigned")));
			assertThat(refused.refusal(400, inside)).as(inside)
				.containsAnyOf("link-local", "loopback", "private", "must use https");
		}
	}

	@Test
	void deliveriesAreSignedPerStandardWebhooksAndRetriedUntilTheReceiverTakesThem() throws Exception {
		String path = "/flaky-crm";
		failuresLeft.put(path, new AtomicInteger(2));
		JsonNode subscription = subscribe(path);
		String secret = subscription.path("secret").asString();
		assertThat(secret).startsWith("whsec_");
		assertThat(crm().get("/api/v1/webhooks").body()).doesNotContain(secret);
		List<LeadScored> leads = List.of(salesReady("w1@school.example", "US"), salesReady("w2@school.example", "IN"),
				salesReady("w3@school.example", "GB"));

		leads.forEach(this::send);

		List<Delivery> accepted = await().atMost(Duration.ofSeconds(40))
			.until(() -> deliveries.stream().filter((delivery) -> delivery.path().equals(path)).toList(),
					(all) -> all.stream().map(Delivery::body).distinct().count() >= 3 && all.size() >= 5);
		for (Delivery delivery : accepted) {
			// The receiver's check, written from the scheme, not with Handoff's signer.
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
			String expected = "v1," + Base64.getEncoder()
				.encodeToString(mac.doFinal((delivery.id() + "." + delivery.timestamp() + "." + delivery.body())
					.getBytes(StandardCharsets.UTF_8)));
			assertThat(delivery.signature()).isEqualTo(expected);
			assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(delivery.timestamp()))).isLessThan(120);
			JsonNode message = LeadEventsJson.mapper().readTree(delivery.body());
			assertThat(message.path("type").asString()).isEqualTo("lead.assigned");
			assertThat(delivery.id()).isEqualTo("msg_" + message.path("data").path("eventId").asString());
		}
		assertThat(accepted.stream()
			.map((delivery) -> LeadEventsJson.mapper().readTree(delivery.body()).path("data").path("leadId").asString())
			.distinct())
			.containsExactlyInAnyOrderElementsOf(leads.stream().map((lead) -> lead.leadId().toString()).toList());
	}

	@Test
	void aReceiverThatStaysDownOpensItsCircuitAndItsDeliveriesEndOnTheDeadLetterTopicWithTheCause() {
		String path = "/down-crm";
		failuresLeft.put(path, new AtomicInteger(Integer.MAX_VALUE));
		String subscriptionId = subscribe(path).path("subscriptionId").asString();
		LeadScored lead = salesReady("down@school.example", "US");

		try (TopicReader<String> dead = new TopicReader<>(Topics.LEADS_ASSIGNED.deadLetter(), Topics.LEADS_INBOUND)) {
			send(lead);

			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.breakers.circuitBreaker("webhook-" + subscriptionId, "webhook")
					.getState() == CircuitBreaker.State.OPEN);
			ConsumerRecord<String, String> letter = await().atMost(Duration.ofSeconds(40))
				.until(() -> dead.records()
					.stream()
					.filter((record) -> record.key().equals(lead.leadId().toString()))
					.findFirst()
					.orElse(null), Objects::nonNull);
			assertThat(header(letter, "handoff.dlq.webhook-subscription")).isEqualTo(subscriptionId);
			assertThat(header(letter, "handoff.dlq.webhook-url")).endsWith(path);
			assertThat(header(letter, DeadLetters.STAGE)).isEqualTo("webhook-delivery");
			assertThat(header(letter, DeadLetters.ERROR_MESSAGE)).contains(path);
			assertThat(LeadEventsJson.mapper().readValue(letter.value(), LeadAssigned.class).leadId())
				.isEqualTo(lead.leadId());
			// The open circuit spared the receiver: fewer requests reached it than
			// delivery attempts were made.
			long reached = deliveries.stream().filter((delivery) -> delivery.path().equals(path)).count();
			assertThat(reached).isLessThan(12);
		}
	}

	@Test
	void eachSalesToolSeesAndEndsOnlyItsOwnSubscriptionsAtMostTenAndTheirSecretsRestSealed() {
		JsonNode mine = subscribe("/own-crm");
		String id = mine.path("subscriptionId").asString();
		String secret = mine.path("secret").asString();
		Http other = http().withHeader("X-API-Key", "other-key");
		Http admin = http().as("root", "r-secret");

		assertThat(subscriptionIds(other.get("/api/v1/webhooks"))).doesNotContain(id);
		assertThat(other.get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
		assertThat(other.call("DELETE", "/api/v1/webhooks/" + id).status()).isEqualTo(404);
		assertThat(subscriptionIds(crm().get("/api/v1/webhooks"))).contains(id);
		assertThat(subscriptionIds(admin.get("/api/v1/webhooks"))).contains(id);
		try (TopicReader<WebhookSubscription> stored = new TopicReader<>(Topics.SALES_WEBHOOKS)) {
			WebhookSubscription atRest = await().atMost(Duration.ofSeconds(30))
				.until(() -> stored.values()
					.stream()
					.filter((subscription) -> subscription.subscriptionId().equals(id))
					.findFirst()
					.orElse(null), (found) -> found != null);
			assertThat(atRest.secret()).startsWith("sealed:v1:").doesNotContain(secret.substring("whsec_".length()));
		}

		List<String> others = new ArrayList<>();
		for (int i = 0; i < WebhookSubscriptions.MAX_PER_CLIENT; i++) {
			Http.Response made = other.post("/api/v1/webhooks",
					Map.of("url", "http://127.0.0.1:1/hooks-" + i, "eventTypes", List.of("lead.reassigned")));
			assertThat(made.status()).isEqualTo(201);
			others.add(made.json().path("subscriptionId").asString());
		}
		Http.Response oneTooMany = other.post("/api/v1/webhooks",
				Map.of("url", "http://127.0.0.1:1/hooks-more", "eventTypes", List.of("lead.reassigned")));
		assertThat(oneTooMany.refusal(409)).contains("has 10 webhook subscriptions");
		// Another client is not held back by that one's subscriptions; an admin ends
		// anyone's.
		assertThat(subscriptionIds(other.get("/api/v1/webhooks"))).containsExactlyInAnyOrderElementsOf(others);
		for (String made : others) {
			assertThat(other.call("DELETE", "/api/v1/webhooks/" + made).status()).isEqualTo(204);
		}
		assertThat(admin.call("DELETE", "/api/v1/webhooks/" + id).status()).isEqualTo(204);
		assertThat(crm().get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
	}

	private static List<String> subscriptionIds(Http.Response list) {
		assertThat(list.status()).as(list.body()).isEqualTo(200);
		return list.json().valueStream().map((subscription) -> subscription.path("subscriptionId").asString()).toList();
	}

	private JsonNode subscribe(String path) {
		Http.Response created = crm().post("/api/v1/webhooks", Map.of("url",
				"http://127.0.0.1:" + receiver.getAddress().getPort() + path, "eventTypes", List.of("lead.assigned")));
		assertThat(created.status()).isEqualTo(201);
		// Deliveries start at the end of leads.assigned once the subscription's consumer
		// has its partitions.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> TestKafka.groupHasCommitted(created.json().path("subscriptionId").asString(),
					Topics.LEADS_ASSIGNED));
		return created.json();
	}

	private void send(LeadScored lead) {
		TestKafka.sendRaw(Topics.LEADS_SCORED.name(), lead.leadId().toString(),
				LeadEventsJson.mapper().writeValueAsString(lead));
	}

	static LeadScored salesReady(String email, String country) {
		LeadReceived received = new LeadReceived(UUID.randomUUID(), Instant.now(), LeadIds.ofEmail(email), email,
				"Dana", "Reyes", "Head of Learning", null, new Company(null, null, null, null, country, null), "Google",
				null, null, Map.of());
		return new LeadScored(UUID.randomUUID(), Instant.now(), received.leadId(), received, 60, 20, "A",
				LeadScored.Stage.SALES_READY, LeadScored.Stage.MQL, "v1", 1, List.of(), "fit 60 reaches sales-ready");
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	record Delivery(String path, String id, String timestamp, String signature, String body) {
	}

	/** Sends {@code lead} and waits for the assignment API to say it is assigned. */
	private JsonNode assignedOnceSent(LeadScored lead) {
		send(lead);
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			Http.Response response = ops().get("/api/v1/assignments/" + lead.leadId());
			return (response.status() == 200) ? response.json() : null;
		}, (found) -> found != null && found.path("status").asString().equals("ASSIGNED"));
	}

}
