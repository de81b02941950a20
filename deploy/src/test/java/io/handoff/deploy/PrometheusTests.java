package io.handoff.deploy;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.Topics;
import io.handoff.test.ChildJvm;
import io.handoff.test.Http;
import io.handoff.test.TestKafka;
import io.handoff.test.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Prometheus (Debian's, on a free port with a data directory of its own, never the
 * packaged daemon) scraping every service of the running stack ({@link Handoff}) every
 * second, with the alert rules loaded and evaluated every second. After real traffic
 * (leads, one touched in time and the rest left to breach and be ignored, a refused
 * request, a poison record, webhooks to one sales tool that takes them and one that
 * answers 500), every target is up, every dashboard panel's query (read from the
 * dashboard files, with {@code $__range} filled in) returns series, and the alerts those
 * events raise are pending or firing.
 */
@ExtendWith(Handoff.class)
class PrometheusTests {

	static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

	/** What a panel's range is when the test asks: the whole of the test's traffic. */
	static final String RANGE = "30m";

	/** Panels that look a week back: no week of history here, so they are not asked. */
	static final Set<String> WEEK_BACK = Set.of("offset 1w");

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	static Process prometheus;

	static String url;

	@BeforeAll
	static void startPrometheus() throws Exception {
		assumeTrue(Files.isExecutable(PROMETHEUS),
				"Prometheus is not installed here (Debian's prometheus package); CI's .ci/run installs it");
		Path dir = Path.of("target", "prometheus-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
		Files.createDirectories(dir);
		List<String> targets = new ArrayList<>();
		for (Http service : List.of(Handoff.intake, Handoff.scoring, Handoff.routing, Handoff.sla, Handoff.arbitration,
				Handoff.console)) {
			targets.add("\"localhost:" + URI.create(service.baseUrl()).getPort() + "\"");
		}
		Files.writeString(dir.resolve("prometheus.yml"),
				String.join("\n", "global:", "  scrape_interval: 1s", "  evaluation_interval: 1s", "rule_files:",
						"  - " + Path.of("prometheus", "alerts.yml").toAbsolutePath(), "scrape_configs:",
						"  - job_name: handoff", "    metrics_path: /actuator/prometheus", "    static_configs:",
						"      - targets: [" + String.join(", ", targets) + "]", ""));
		int port = ChildJvm.freePort();
		url = "http://127.0.0.1:" + port;
		prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
				"--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(new File(dir.toFile(), "prometheus.log"))
			.start();
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> get("/-/ready").statusCode() == 200);
	}

	@AfterAll
	static void stopPrometheus() throws InterruptedException {
		if (prometheus != null) {
			prometheus.destroy();
			prometheus.waitFor();
		}
	}

	@Test
	void everyTargetIsUpEveryPanelAnswersAndTheAlertsOfWhatHappenedAreRaised() throws Exception {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			List<JsonNode> active = api("/api/v1/targets").path("activeTargets").valueStream().toList();
			assertThat(active).hasSize(6)
				.allSatisfy((target) -> assertThat(target.path("health").asString())
					.as(target.path("scrapeUrl").asString() + ": " + target.path("lastError").asString())
					.isEqualTo("up"));
		});

		// Real traffic: sales-ready leads, one touched in time, the others left to breach
		// and be ignored; a request with a wrong key; a poison record; the leads'
		// webhooks to a sales tool that takes them and to one that fails.
		List<String> leads = new ArrayList<>();
		HttpServer tools = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		tools.createContext("/takes", (exchange) -> answer(exchange, 204));
		tools.createContext("/fails", (exchange) -> answer(exchange, 500));
		tools.start();
		Http salesTool = Handoff.routing.withHeader("X-API-Key", "demo-sales-tool-key");
		Map<String, String> subscriptions = new LinkedHashMap<>();
		try {
			try (TopicReader<LeadAssigned> assigned = new TopicReader<>(Topics.LEADS_ASSIGNED)) {
				for (String path : List.of("/takes", "/fails")) {
					Http.Response subscribed = salesTool.post("/api/v1/webhooks",
							Map.of("url", "http://127.0.0.1:" + tools.getAddress().getPort() + path, "eventTypes",
									List.of("lead.assigned")));
					assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
					subscriptions.put(path, subscribed.json().path("subscriptionId").asString());
				}
				assertThat(subscriptions.values()).allSatisfy((id) -> assertThat(id).isNotBlank());
				// Each subscription starts at the end of leads.assigned once its consumer
				// has joined.
				await().atMost(Duration.ofSeconds(30))
					.until(() -> subscriptions.values()
						.stream()
						.allMatch((subscription) -> TestKafka.groupHasCommitted(subscription, Topics.LEADS_ASSIGNED)));
				for (int i = 0; i < 4; i++) {
					leads
						.add(Handoff.intake
							.post("/api/v1/leads",
									LeadJourneyTests
										.salesReadyLead("prometheus-" + UUID.randomUUID() + "@northwind.com"))
							.json()
							.path("leadId")
							.asString());
				}
				LeadAssigned first = await().atMost(Duration.ofSeconds(60))
					.until(() -> assigned.values()
						.stream()
						.filter((a) -> a.leadId().toString().equals(leads.get(0)))
						.findFirst(), Optional::isPresent)
					.orElseThrow();
				assertThat(Handoff.salesTool
					.post("/api/v1/activities", Map.of("leadId", leads.get(0), "repId", first.repId(), "type", "CALL"))
					.status()).isEqualTo(202);
			}
			assertThat(Handoff.intake.withHeader("X-API-Key", "guessed").post("/api/v1/leads", Map.of()).status())
				.isEqualTo(401);
			TestKafka.sendRaw(Topics.LEADS_SCORED.name(), "prometheus-poison", "not a score");
			panelsAnswerAndAlertsAreRaised(subscriptions.get("/fails"), subscriptions.get("/takes"));
		}
		finally {
			// The stack runs on for the other suites: no subscription of this test is
			// left delivering.
			subscriptions.values()
				.forEach((subscription) -> assertThat(
						salesTool.call("DELETE", "/api/v1/webhooks/" + subscription).status())
					.as("ending subscription %s", subscription)
					.isEqualTo(204));
			tools.stop(0);
		}
	}

	private static void panelsAnswerAndAlertsAreRaised(String failing, String taking) throws IOException {

		// Every panel's query answers with series (the stack's short SLA breaches and
		// ignores the untouched leads within half a minute).
		Map<String, String> panels = panelQueries();
		assertThat(panels).hasSizeGreaterThan(20);
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			List<String> empty = new ArrayList<>();
			panels.forEach((panel, query) -> {
				if (query(query).isEmpty()) {
					empty.add(panel + ": " + query);
				}
			});
			assertThat(empty).as("panels whose query returns no series").isEmpty();
		});

		// The alerts of what happened, from Prometheus's own evaluation of the rules.
		await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
			Map<String, String> alerts = api("/api/v1/alerts").path("alerts")
				.valueStream()
				.collect(Collectors.toMap(
						(alert) -> alert.path("labels").path("alertname").asString()
								+ alert.path("labels").path("topic").asString("")
								+ alert.path("labels").path("subscription").asString(""),
						(alert) -> alert.path("state").asString(), (one, other) -> one));
			assertThat(alerts).containsEntry("HandoffLeadsIgnored", "firing")
				.containsEntry("HandoffDeadLettersAppearingleads.scored", "firing")
				.doesNotContainKey("HandoffServiceDown")
				.doesNotContainKey("HandoffWebhooksFailing" + taking);
			// Failing for 5 minutes before it fires: pending within this test.
			assertThat(alerts.get("HandoffWebhooksFailing" + failing)).as("the failing sales tool's alert")
				.isIn("pending", "firing");
		});
	}

	private static void answer(HttpExchange exchange, int status) throws IOException {
		exchange.getRequestBody().readAllBytes();
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	/**
	 * Every target of both dashboards by panel title and ref id, {@code $__range} filled
	 * in; week-back ones left out.
	 */
	static Map<String, String> panelQueries() throws IOException {
		Map<String, String> queries = new LinkedHashMap<>();
		for (String dashboard : List.of("pipeline-health.json", "alignment-scorecard.json")) {
			JsonNode json = LeadEventsJson.mapper()
				.readTree(Files.readString(Path.of("grafana", "dashboards", dashboard)));
			json.path("panels")
				.valueStream()
				.forEach((panel) -> panel.path("targets").valueStream().forEach((target) -> {
					String expression = target.path("expr").asString();
					if (WEEK_BACK.stream().noneMatch(expression::contains)) {
						queries.put(dashboard + ": " + panel.path("title").asString() + " "
								+ target.path("refId").asString(), expression.replace("$__range", RANGE));
					}
				}));
		}
		return queries;
	}

	private static List<JsonNode> query(String expression) {
		return api("/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8)).path("result")
			.valueStream()
			.toList();
	}

	private static JsonNode api(String path) {
		try {
			HttpResponse<String> response = get(path);
			assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
			return LeadEventsJson.mapper().readTree(response.body()).path("data");
		}
		catch (IOException ex) {
			throw new AssertionError("Prometheus did not answer " + path, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
