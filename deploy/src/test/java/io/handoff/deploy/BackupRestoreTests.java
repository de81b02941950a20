package io.handoff.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.handoff.events.Company;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadIds;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored;
import io.handoff.events.ServiceApplication;
import io.handoff.events.Topic;
import io.handoff.events.Topics;
import io.handoff.events.backup.Backup;
import io.handoff.events.backup.BackupCommand;
import io.handoff.events.backup.BackupFile;
import io.handoff.routing.RoutingApplication;
import io.handoff.scoring.ScoringApplication;
import io.handoff.test.Http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backup and restore as an operator runs them: on one cluster, an agreement signed and
 * put in force, the sales organisation edited (a rep changed, a territory removed) and
 * webhook subscriptions made (one ended); exported with {@code backup export}; restored
 * with {@code backup restore} into an empty cluster, where every entry is on its
 * partition with its timestamp, scoring and routing start with the same agreement in
 * force, the same versions, roster and subscriptions, and the restored subscription's
 * deliveries are signed with the secret its sales tool was given on the first cluster. A
 * damaged backup, topics that would not keep a restore, and a restore into topics that
 * hold something are refused, naming what is wrong, writing nothing.
 */
class BackupRestoreTests {

	/**
	 * The deployment's secret on both clusters: the webhook secrets are sealed under a
	 * key derived from it.
	 */
	static final String INSTANCE_SECRET = "the-backup-restore-instance-secret-32";

	final ProcessStack source = new ProcessStack("backup-source");

	final ProcessStack target = new ProcessStack("backup-target");

	final List<ConfigurableApplicationContext> services = new ArrayList<>();

	/** The deliveries the test's sales tool receives: headers and body. */
	final BlockingQueue<Map<String, String>> deliveries = new LinkedBlockingQueue<>();

	HttpServer salesTool;

	@TempDir
	Path dir;

	@AfterEach
	void stopEverything() {
		// All at once: each takes seconds to leave its groups and close its books.
		this.services.parallelStream().forEach(ConfigurableApplicationContext::close);
		if (this.salesTool != null) {
			this.salesTool.stop(0);
		}
		this.source.close();
		this.target.close();
	}

	@Test
	void aBackupRestoredIntoAnEmptyClusterHasTheSameAgreementInForceRosterAndSubscriptions() throws Exception {
		this.source.broker();
		this.target.broker();
		this.source.startAll();
		this.target.startAll();
		startSalesTool();

		// On the first cluster: an agreement version signed and in force, the
		// organisation edited, subscriptions.
		Http scoring = scoring(this.source);
		Http routing = routing(this.source, "--handoff.routing.seed=classpath:demo/");
		String activated = activateAnEdit(scoring);
		JsonNode rep = routing.get("/api/v1/reps").json().get(0);
		ObjectNode heavier = (ObjectNode) rep.deepCopy();
		heavier.put("weight", 3);
		assertThat(routing.put("/api/v1/reps/" + rep.get("repId").asString(), heavier).status()).isEqualTo(200);
		String removed = routing.get("/api/v1/territories").json().get(0).get("territoryId").asString();
		assertThat(routing.call("DELETE", "/api/v1/territories/" + removed).status()).isEqualTo(204);
		Http tool = routing.withHeader("X-API-Key", "demo-sales-tool-key");
		JsonNode kept = subscribe(tool);
		String ended = subscribe(tool).get("subscriptionId").asString();
		assertThat(tool.call("DELETE", "/api/v1/webhooks/" + ended).status()).isEqualTo(204);
		Map<String, JsonNode> before = everything(scoring, routing);
		assertThat(before.get("active").get("agreementId").asString()).isEqualTo(activated);
		assertThat(before.get("territories").toString()).doesNotContain("\"" + removed + "\"");

		Path backup = this.dir.resolve("handoff.backup");
		Command exported = command("export", "--bootstrap-server", this.source.bootstrap, "--to", backup.toString());
		assertThat(exported.status()).as(exported.err()).isZero();
		// Every version and the entry naming the one in force; the organisation as
		// listed; the one subscription left.
		String counts = Map
			.of("agreements", before.get("agreements").size() + 1, "sales.reps", 35, "sales.managers",
					before.get("managers").size(), "sales.accounts", before.get("accounts").size(), "sales.territories",
					before.get("territories").size(), "routing.documents", before.get("routing").size() + 1,
					"sales.webhooks", 1)
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(Comparator.comparing(this::topicOrder)))
			.map((count) -> count.getKey() + "=" + count.getValue())
			.collect(Collectors.joining(", ", "{", "}"));
		assertThat(exported.out()).startsWith("Exported " + counts + " to " + backup);

		// A damaged backup is refused whole: the empty cluster stays empty, not a topic
		// made.
		Path cut = this.dir.resolve("cut.backup");
		List<String> lines = Files.readAllLines(backup);
		Files.write(cut, lines.subList(0, lines.size() / 2));
		Command refused = command("restore", "--bootstrap-server", this.target.bootstrap, "--from", cut.toString());
		assertThat(refused.status()).isEqualTo(1);
		assertThat(refused.err()).contains("cut short");
		assertThat(topics(this.target)).doesNotContainAnyElementsOf(Backup.TOPICS.stream().map(Topic::name).toList());
		Command wrongOption = command("restore", "--bootstrap-server", this.target.bootstrap, "--to",
				backup.toString());
		assertThat(wrongOption.status()).isEqualTo(2);
		assertThat(wrongOption.err()).contains("no option --to");

		// Topics made by hand that would not keep the restore (not compacted; fewer
		// partitions) are refused, named, and nothing is written; put right, they take
		// it.
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.target.bootstrap))) {
			admin
				.createTopics(List.of(new NewTopic(Topics.AGREEMENTS.name(), 12, (short) 1),
						new NewTopic(Topics.SALES_TERRITORIES.name(), 3, (short) 1)
							.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
				.all()
				.get();
			Command misfit = command("restore", "--bootstrap-server", this.target.bootstrap, "--from",
					backup.toString());
			assertThat(misfit.status()).isEqualTo(1);
			assertThat(misfit.err()).contains("Nothing restored")
				.contains("agreements is not compacted here (cleanup.policy=delete)")
				.contains("sales.territories has 3 partitions here and had 12");
			assertThat(topics(this.target)).doesNotContain(Topics.SALES_REPS.name());
			admin
				.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.AGREEMENTS.name()),
						List.of(new AlterConfigOp(
								new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
								AlterConfigOp.OpType.SET))))
				.all()
				.get();
			admin.createPartitions(Map.of(Topics.SALES_TERRITORIES.name(), NewPartitions.increaseTo(12))).all().get();
			// Both put right as the broker answers a describe, before the restore asks.
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(admin
					.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.AGREEMENTS.name())))
					.all()
					.get()
					.values()
					.iterator()
					.next()
					.get(TopicConfig.CLEANUP_POLICY_CONFIG)
					.value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
				assertThat(admin.describeTopics(List.of(Topics.SALES_TERRITORIES.name()))
					.allTopicNames()
					.get()
					.get(Topics.SALES_TERRITORIES.name())
					.partitions()).hasSize(12);
			});
		}

		Command restored = command("restore", "--bootstrap-server", this.target.bootstrap, "--from", backup.toString());
		assertThat(restored.status()).as(restored.err()).isZero();
		assertThat(restored.out()).startsWith("Restored " + counts + " from " + backup);
		Command again = command("restore", "--bootstrap-server", this.target.bootstrap, "--from", backup.toString());
		assertThat(again.status()).isEqualTo(1);
		assertThat(again.err()).contains("agreements already holds").contains("sales.reps already holds 35 entries");

		// Every entry on its partition with its timestamp and value, as a backup of the
		// second cluster shows.
		Path copy = this.dir.resolve("copy.backup");
		assertThat(command("export", "--bootstrap-server", this.target.bootstrap, "--to", copy.toString()).status())
			.isZero();
		assertThat(entries(copy)).isEqualTo(entries(backup));

		// On the second cluster, with no seed: the same agreement in force, versions,
		// organisation and subscriptions.
		Http restoredScoring = scoring(this.target);
		Http restoredRouting = routing(this.target);
		assertThat(everything(restoredScoring, restoredRouting)).isEqualTo(before);

		// The restored subscription delivers, signed with the secret its sales tool was
		// given on the first cluster.
		this.deliveries.clear();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.target.bootstrap), new StringSerializer(),
				new StringSerializer())) {
			Map<String, String> delivery = await().atMost(Duration.ofSeconds(60)).until(() -> {
				LeadScored lead = salesReady("restored-" + UUID.randomUUID() + "@northwind.com");
				producer.send(new ProducerRecord<>(Topics.LEADS_SCORED.name(), lead.leadId().toString(),
						LeadEventsJson.mapper().writeValueAsString(lead)));
				producer.flush();
				return this.deliveries.poll(2, TimeUnit.SECONDS);
			}, (received) -> received != null);
			assertThat(delivery.get("webhook-signature")).as("signed with the secret given on the first cluster")
				.contains(sign(kept.get("secret").asString(), delivery.get("webhook-id"),
						delivery.get("webhook-timestamp"), delivery.get("body")));
		}
	}

	/**
	 * Drafts the version in force with one rule changed, signs it for both parties and
	 * activates it; its id.
	 */
	private static String activateAnEdit(Http scoring) {
		String inForce = scoring.get("/api/v1/agreements/active").json().get("agreementId").asString();
		ObjectNode document = (ObjectNode) scoring.get("/api/v1/agreements/" + inForce).json();
		((ObjectNode) document.path("fitRules").get(0)).put("points", 10);
		document.put("changeNote", "Executives alone are no longer sales-ready");
		Http.Response drafted = scoring.post("/api/v1/agreements", document);
		assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
		String draft = drafted.json().get("agreementId").asString();
		assertThat(scoring.post("/api/v1/agreements/" + draft + "/signatures", Map.of("party", "MARKETING")).status())
			.isEqualTo(200);
		assertThat(scoring.as("sales-manager", "demo-sales-manager")
			.post("/api/v1/agreements/" + draft + "/signatures", Map.of("party", "SALES"))
			.status()).isEqualTo(200);
		Http.Response activation = scoring.as("sales-ops", "demo-sales-ops")
			.post("/api/v1/agreements/" + draft + "/activation", "{}");
		assertThat(activation.status()).as(activation.body()).isEqualTo(200);
		return draft;
	}

	private int topicOrder(String topic) {
		return Backup.TOPICS.stream().map(Topic::name).toList().indexOf(topic);
	}

	private static Set<String> topics(ProcessStack cluster) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap))) {
			return admin.listTopics().names().get();
		}
	}

	private static Set<BackupFile.Entry> entries(Path backup) throws IOException {
		return Set.copyOf(BackupFile.read(backup, Backup.BY_NAME).entries());
	}

	private JsonNode subscribe(Http tool) {
		Http.Response subscribed = tool.post("/api/v1/webhooks",
				Map.of("url", "http://127.0.0.1:" + this.salesTool.getAddress().getPort() + "/hooks", "eventTypes",
						List.of("lead.assigned")));
		assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
		return subscribed.json();
	}

	/**
	 * What an operator checks after a restore, each read as the role that may: by what it
	 * is.
	 */
	private static Map<String, JsonNode> everything(Http scoring, Http routing) {
		Http admin = routing.as("admin", "demo-admin");
		Map<String, JsonNode> reads = new LinkedHashMap<>();
		reads.put("active", scoring.get("/api/v1/agreements/active").json());
		reads.put("agreements", scoring.get("/api/v1/agreements").json());
		reads.put("reps", routing.get("/api/v1/reps").json());
		reads.put("managers", routing.get("/api/v1/managers").json());
		reads.put("accounts", routing.get("/api/v1/accounts").json());
		reads.put("territories", routing.get("/api/v1/territories").json());
		reads.put("webhooks", admin.get("/api/v1/webhooks").json());
		reads.put("routing", routing.get("/api/v1/routing/versions").json());
		reads.forEach((read, json) -> assertThat(json.isEmpty()).as(read).isFalse());
		reads.replaceAll((read, json) -> inAnyOrder(json));
		return reads;
	}

	/** A list's entries sorted, as a service lists what it holds in no promised order. */
	private static JsonNode inAnyOrder(JsonNode json) {
		if (!json.isArray()) {
			return json;
		}
		ArrayNode sorted = LeadEventsJson.mapper().createArrayNode();
		json.valueStream().sorted(Comparator.comparing(JsonNode::toString)).forEach(sorted::add);
		return sorted;
	}

	private Http scoring(ProcessStack cluster) {
		return start(ServiceApplication.builder(ScoringApplication.class), arguments(cluster, "scoring"))
			.as("marketing-ops", "demo-marketing-ops");
	}

	private Http routing(ProcessStack cluster, String... more) {
		return start(ServiceApplication.builder(RoutingApplication.class),
				Handoff.with(arguments(cluster, "routing"), more))
			.as("sales-ops", "demo-sales-ops");
	}

	private String[] arguments(ProcessStack cluster, String service) {
		String run = service + "-" + cluster.run;
		return new String[] { "--spring.kafka.bootstrap-servers=" + cluster.bootstrap, "--server.port=0",
				"--spring.profiles.active=demo", "--handoff.instance-secret=" + INSTANCE_SECRET,
				"--handoff.data-dir=" + cluster.home.resolve(run), "--handoff.streams.application-id-prefix=" + run,
				"--handoff.outbound.allowed-hosts=127.0.0.1,localhost", "--logging.structured.format.console=ecs" };
	}

	private Http start(SpringApplicationBuilder application, String[] args) {
		ConfigurableApplicationContext context = application.run(args);
		this.services.add(context);
		return Http.localhost(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	private void startSalesTool() throws IOException {
		this.salesTool = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.salesTool.createContext("/hooks", (exchange) -> {
			Map<String, String> delivery = new HashMap<>();
			exchange.getRequestHeaders().forEach((name, values) -> delivery.put(name.toLowerCase(), values.get(0)));
			delivery.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			this.deliveries.add(delivery);
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		this.salesTool.start();
	}

	/** A Standard Webhooks signature, as a receiver computes it to check one. */
	private static String sign(String secret, String id, String timestamp, String body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
		return "v1," + Base64.getEncoder()
			.encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
	}

	private static LeadScored salesReady(String email) {
		LeadReceived received = new LeadReceived(UUID.randomUUID(), Instant.now(), LeadIds.ofEmail(email), email,
				"Dana", "Reyes", "Head of Learning", null, new Company(null, null, null, null, "US", null), "Google",
				null, null, Map.of());
		return new LeadScored(UUID.randomUUID(), Instant.now(), received.leadId(), received, 60, 20, "A",
				LeadScored.Stage.SALES_READY, LeadScored.Stage.MQL, "v1", 1, List.of(), "fit 60 reaches sales-ready");
	}

	private static Command command(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = BackupCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Command(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	record Command(int status, String out, String err) {
	}

}
