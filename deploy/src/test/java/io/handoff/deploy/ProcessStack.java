package io.handoff.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

import io.handoff.events.LeadEventsJson;
import io.handoff.test.ChildJvm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker and Handoff's services each in a process of their own, as the suites that kill
 * them run them: small and quick to start, each on its own state directory, all of a
 * run's instances sharing one instance secret. Closing it kills every process.
 */
final class ProcessStack implements AutoCloseable {

	/** What the instances of each service share to sign their reads of each other. */
	static final String INSTANCE_SECRET = "the-process-stack-instance-secret-32";

	final String run = UUID.randomUUID().toString().substring(0, 8);

	final Path home;

	final int brokerPort = ChildJvm.freePort();

	final String bootstrap = "localhost:" + this.brokerPort;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** Every process by name, in the order they were added. */
	final Map<String, ChildJvm> children = new LinkedHashMap<>();

	/**
	 * @param suite names the directory under {@code target} that holds the run's data and
	 * logs
	 */
	ProcessStack(String suite) {
		this.home = Path.of("target", suite + "-" + this.run).toAbsolutePath();
	}

	/** The single KRaft broker, formatted, added as {@code broker}, not started. */
	ChildJvm broker() throws IOException, InterruptedException {
		int controllerPort = ChildJvm.freePort();
		ChildJvm broker = KraftBroker.formatted(this.home, this.home.resolve("kafka"), this.brokerPort,
				List.of("controller.quorum.voters=1@localhost:" + controllerPort,
						"listeners=PLAINTEXT://localhost:" + this.brokerPort + ",CONTROLLER://localhost:"
								+ controllerPort,
						"advertised.listeners=PLAINTEXT://localhost:" + this.brokerPort,
						"inter.broker.listener.name=PLAINTEXT"));
		this.children.put("broker", broker);
		return broker;
	}

	/**
	 * A service in a JVM of its own, added as {@code name} with its state in a directory
	 * of that name; not started.
	 */
	ChildJvm service(String name, Class<?> application, String... extra) {
		List<String> arguments = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + this.bootstrap,
				"--handoff.data-dir=" + this.home.resolve(name), "--logging.level.root=WARN",
				"--spring.profiles.active=demo", "--handoff.instance-secret=" + INSTANCE_SECRET,
				// The test classpath logs as production does (deploy's logback-test.xml).
				"--logging.structured.format.console=ecs"));
		arguments.addAll(List.of(extra));
		ChildJvm service = ChildJvm.service(name, this.home,
				List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), application,
				arguments.toArray(String[]::new));
		this.children.put(name, service);
		return service;
	}

	ChildJvm get(String name) {
		return this.children.get(name);
	}

	/**
	 * Starts every process not started yet, the broker first, and waits until each is
	 * ready.
	 */
	void startAll() throws IOException {
		for (ChildJvm child : this.children.values()) {
			child.start();
		}
		for (ChildJvm child : this.children.values()) {
			child.awaitReady(Duration.ofMinutes(3));
		}
	}

	/**
	 * A GET as a demo person ({@code name} signs in with {@code demo-<name>}); its JSON,
	 * asserting a 200.
	 */
	JsonNode json(String url, String person) throws IOException, InterruptedException {
		HttpResponse<String> response = get(url, person);
		assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
		return LeadEventsJson.mapper().readTree(response.body());
	}

	/** A GET as a demo person, whatever it answers. */
	HttpResponse<String> get(String url, String person) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", basic(person))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String basic(String person) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((person + ":demo-" + person).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Raises every rep's cap of open leads: these suites test crashes, not the overflow
	 * queue, and no lead is closed.
	 */
	void roomForEveryLead(ChildJvm routing) throws IOException, InterruptedException {
		String csv;
		try (InputStream reps = getClass().getResourceAsStream("/demo/reps.csv")) {
			csv = new String(reps.readAllBytes(), StandardCharsets.UTF_8);
		}
		StringBuilder raised = new StringBuilder();
		csv.lines().forEach((line) -> {
			if (raised.isEmpty()) {
				raised.append(line).append('\n');
				return;
			}
			String[] cells = line.split(",", -1);
			cells[6] = "100000";
			raised.append(String.join(",", cells)).append('\n');
		});
		HttpResponse<String> imported = this.http
			.send(HttpRequest.newBuilder(URI.create(routing.url("/api/v1/reps/import")))
				.header("Content-Type", "text/csv")
				.header("Authorization", basic("sales-ops"))
				.POST(HttpRequest.BodyPublishers.ofString(raised.toString()))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
		assertThat(LeadEventsJson.mapper().readTree(imported.body()).get("rejected").size()).as(imported.body())
			.isZero();
	}

	/**
	 * Sends a batch to intake until it has accepted every lead: an unanswered request
	 * again with the same idempotency key (so a batch written before intake died is
	 * answered, not written twice, when intake survived), the leads Kafka did not
	 * acknowledge again under a new key. Answers the ids of the leads accepted.
	 */
	List<String> untilAccepted(ChildJvm intake, List<Map<String, Object>> leads, String key)
			throws InterruptedException {
		List<String> ids = new ArrayList<>();
		List<Map<String, Object>> pending = leads;
		int round = 0;
		for (int attempt = 0; attempt < 600 && !pending.isEmpty(); attempt++) {
			try {
				HttpResponse<String> response = this.http
					.send(request(intake, "/api/v1/leads/batch", pending, "demo-lead-source-key")
						.header("Idempotency-Key", key + "-" + round)
						.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					List<Map<String, Object>> refused = new ArrayList<>();
					List<JsonNode> results = LeadEventsJson.mapper()
						.readTree(response.body())
						.get("results")
						.valueStream()
						.toList();
					for (int i = 0; i < results.size(); i++) {
						if (results.get(i).get("status").asInt() == 202) {
							ids.add(results.get(i).get("leadId").asString());
						}
						else {
							refused.add(pending.get(i));
						}
					}
					pending = refused;
					round++;
				}
			}
			catch (IOException ex) {
				// intake is down: the same request again shortly
			}
			if (!pending.isEmpty()) {
				TimeUnit.MILLISECONDS.sleep(500);
			}
		}
		if (!pending.isEmpty()) {
			throw new IllegalStateException("intake did not accept batch " + key + " in five minutes");
		}
		return ids;
	}

	/** Posts to intake with a demo key; its status, or 0 when intake did not answer. */
	int post(ChildJvm intake, String path, Object body, String apiKey) {
		try {
			return this.http.send(request(intake, path, body, apiKey).build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	private static HttpRequest.Builder request(ChildJvm intake, String path, Object body, String apiKey) {
		return HttpRequest.newBuilder(URI.create(intake.url(path)))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.header("X-API-Key", apiKey)
			.POST(HttpRequest.BodyPublishers.ofString(LeadEventsJson.mapper().writeValueAsString(body)));
	}

	@Override
	public void close() {
		this.children.values().forEach(ChildJvm::kill);
	}

}
