package io.handoff.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.yaml.snakeyaml.Yaml;

import io.handoff.arbitration.ArbitrationApplication;
import io.handoff.events.DeadLetters;
import io.handoff.events.ServiceApplication;
import io.handoff.events.Topic;
import io.handoff.events.Topics;
import io.handoff.intake.IntakeApplication;
import io.handoff.routing.RoutingApplication;
import io.handoff.scoring.ScoringApplication;
import io.handoff.sla.SlaMonitorApplication;
import io.handoff.test.ChildJvm;
import io.handoff.test.Http;
import io.handoff.test.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The five services against a broker that speaks only TLS with SCRAM-SHA-512 sign-ins and
 * authorizes every request by ACL, as the Kubernetes base's cluster does: each service
 * trusts the cluster's CA as PEM and signs in as its own user with the ACLs the
 * Kubernetes base gives it ({@code kafka-access.yaml}), through the very settings the
 * base sets. The services' producers, consumers, admin clients, Kafka Streams, the
 * compacted topics' readers and transactional writers and the dead-letter producers all
 * connect with the standard {@code spring.kafka.*} settings. A lead travels from intake
 * to its score, its assignment and its SLA clock, a poison record reaches its dead-letter
 * topic, a client that does not trust the CA, or reaches the broker by a name its
 * certificate does not carry, gets no connection, and a user the ACLs do not name reads
 * nothing.
 */
class SecuredKafkaTests {

	final Path home = Path.of("target", "secured-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();

	final int port = ChildJvm.freePort();

	final String bootstrap = "localhost:" + this.port;

	final List<ConfigurableApplicationContext> services = new ArrayList<>();

	ChildJvm broker;

	/**
	 * The cluster's CA, as PEM, which the clients trust (Strimzi's
	 * {@code <cluster>-cluster-ca-cert}).
	 */
	String clusterCa;

	@AfterEach
	void stop() {
		this.services.forEach(ConfigurableApplicationContext::close);
		if (this.broker != null) {
			this.broker.kill();
		}
	}

	@Test
	void aLeadTravelsAndAPoisonRecordIsDeadLetteredOnABrokerWithTlsScramAndAcls() throws Exception {
		startBroker();
		// TLS is on: a client that does not trust the cluster's CA gets no connection
		// (hostnames are checked too).
		Map<String, Object> untrusting = client("admin", "admin-secret");
		untrusting.remove(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
		untrusting.remove(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG);
		assertNoTlsConnection(untrusting);
		// Nor does one that trusts the CA but reaches the broker by a name its
		// certificate does not carry.
		Map<String, Object> elsewhere = client("admin", "admin-secret");
		elsewhere.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + this.port);
		assertNoTlsConnection(elsewhere);
		try (Admin admin = Admin.create(client("admin", "admin-secret"))) {
			for (String user : USERS) {
				admin.createAcls(aclsOf(user)).all().get();
			}
		}
		Http intake = start(ServiceApplication.builder(IntakeApplication.class).run(signedInAs("handoff-intake")))
			.withHeader("X-API-Key", "demo-lead-source-key");
		start(ServiceApplication.builder(ScoringApplication.class).run(signedInAs("handoff-scoring")));
		start(ServiceApplication.builder(RoutingApplication.class)
			.run(Handoff.with(signedInAs("handoff-routing"), "--handoff.routing.seed=classpath:demo/")));
		Http sla = start(ServiceApplication.builder(SlaMonitorApplication.class).run(signedInAs("handoff-sla")))
			.as("admin", "demo-admin");
		Http arbitration = start(
				ServiceApplication.builder(ArbitrationApplication.class).run(signedInAs("handoff-arbitration")))
			.as("judge", "demo-judge");

		Http.Response accepted = intake.post("/api/v1/leads",
				LeadJourneyTests.salesReadyLead("secured-" + UUID.randomUUID() + "@northwind.example"));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String leadId = accepted.json().path("leadId").asString();
		try (KafkaProducer<String, String> poison = new KafkaProducer<>(client("admin", "admin-secret"),
				new StringSerializer(), new StringSerializer())) {
			poison.send(new ProducerRecord<>(Topics.LEADS_RECEIVED.name(), "poison-" + leadId, "not json")).get();
		}

		// Scored, assigned by routing, and on an SLA clock: every service read and wrote
		// as its own user.
		await().atMost(Duration.ofMinutes(2))
			.until(() -> read(Topics.LEADS_SCORED.name()).stream().anyMatch((record) -> record.key().equals(leadId)));
		await().atMost(Duration.ofMinutes(2))
			.until(() -> read(Topics.LEADS_ASSIGNED.name()).stream().anyMatch((record) -> record.key().equals(leadId)));
		await().atMost(Duration.ofMinutes(1)).until(() -> sla.get("/api/v1/clocks/" + leadId).status() == 200);
		await().atMost(Duration.ofMinutes(1)).until(() -> arbitration.get("/api/v1/cases").status() == 200);
		ConsumerRecord<String, String> deadLetter = await().atMost(Duration.ofMinutes(1))
			.until(() -> read(Topics.LEADS_RECEIVED.deadLetter()).stream()
				.filter((record) -> record.key().equals("poison-" + leadId))
				.findFirst()
				.orElse(null), (found) -> found != null);
		assertThat(new String(deadLetter.headers().lastHeader(DeadLetters.STAGE).value(), StandardCharsets.UTF_8))
			.isEqualTo("deserialization");
		// The ACLs name the services' user only: another who signs in reads nothing.
		try (KafkaConsumer<String, String> stranger = consumer(client("stranger", "stranger-secret"))) {
			stranger.assign(List.of(new TopicPartition(Topics.LEADS_RECEIVED.name(), 0)));
			// A loaded machine may answer one poll with nothing before the broker's
			// refusal arrives.
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThatExceptionOfType(TopicAuthorizationException.class)
					.isThrownBy(() -> stranger.poll(Duration.ofSeconds(1))));
		}
	}

	/** A client with these settings gets no connection: the TLS handshake fails. */
	private static void assertNoTlsConnection(Map<String, Object> settings) {
		settings.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
		settings.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		try (Admin refused = Admin.create(settings)) {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> refused.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
				.withCauseInstanceOf(SslAuthenticationException.class);
		}
	}

	/** Each service's Kafka user, as the Kubernetes base names them. */
	static final List<String> USERS = List.of("handoff-intake", "handoff-scoring", "handoff-routing", "handoff-sla",
			"handoff-arbitration");

	/**
	 * A service's settings: over TLS, trusting the cluster's CA, signed in over SCRAM as
	 * its own Kafka user, with the settings {@code deploy/k8s/base} gives it.
	 */
	private String[] signedInAs(String user) {
		return new String[] { "--server.port=0", "--spring.profiles.active=demo",
				"--spring.kafka.bootstrap-servers=" + this.bootstrap, "--spring.kafka.security.protocol=SASL_SSL",
				"--spring.kafka.properties.ssl.truststore.type=PEM",
				"--spring.kafka.properties.ssl.truststore.certificates=" + this.clusterCa,
				"--spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
				"--spring.kafka.properties.sasl.jaas.config=" + jaas(user, user + "-secret"),
				"--handoff.data-dir=" + this.home.resolve(user), "--logging.level.root=WARN",
				"--logging.structured.format.console=ecs" };
	}

	/**
	 * The ACLs of a Kafka user as the Kubernetes base grants them (Strimzi's KafkaUser in
	 * kafka-access.yaml).
	 */
	@SuppressWarnings("unchecked")
	static List<AclBinding> aclsOf(String user) throws IOException {
		List<AclBinding> bindings = new ArrayList<>();
		for (Object document : new Yaml().loadAll(Files.readString(Path.of("k8s", "base", "kafka-access.yaml")))) {
			Map<String, Object> resource = (Map<String, Object>) document;
			if (!"KafkaUser".equals(resource.get("kind"))
					|| !user.equals(((Map<String, Object>) resource.get("metadata")).get("name"))) {
				continue;
			}
			Map<String, Object> authorization = (Map<String, Object>) ((Map<String, Object>) resource.get("spec"))
				.get("authorization");
			for (Map<String, Object> acl : (List<Map<String, Object>>) authorization.get("acls")) {
				Map<String, Object> on = (Map<String, Object>) acl.get("resource");
				String type = (String) on.get("type");
				ResourcePattern pattern = type.equals("cluster")
						? new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL)
						: new ResourcePattern(
								type.equals("transactionalId") ? ResourceType.TRANSACTIONAL_ID
										: ResourceType.fromString(type),
								(String) on.get("name"),
								"prefix".equals(on.get("patternType")) ? PatternType.PREFIXED : PatternType.LITERAL);
				for (String operation : (List<String>) acl.get("operations")) {
					bindings.add(new AclBinding(pattern,
							new AccessControlEntry("User:" + user, "*",
									AclOperation.fromString(operation.replaceAll("([a-z])([A-Z])", "$1_$2")),
									AclPermissionType.ALLOW)));
				}
			}
		}
		assertThat(bindings).as("the ACLs of " + user + " in kafka-access.yaml").isNotEmpty();
		return bindings;
	}

	/**
	 * A single KRaft node: TLS and SCRAM on the clients' listener, with a certificate for
	 * localhost signed by a CA of its own, ACLs on every request, users made as it is
	 * formatted.
	 */
	private void startBroker() throws Exception {
		Path keystore = certificates();
		int controller = ChildJvm.freePort();
		int internal = ChildJvm.freePort();
		this.broker = KraftBroker.formatted(this.home, this.home.resolve("kafka"), this.port,
				List.of("controller.quorum.voters=1@localhost:" + controller,
						"listeners=CLIENTS://localhost:" + this.port + ",BROKER://localhost:" + internal
								+ ",CONTROLLER://localhost:" + controller,
						"advertised.listeners=CLIENTS://localhost:" + this.port + ",BROKER://localhost:" + internal,
						"listener.security.protocol.map=CLIENTS:SASL_SSL,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT",
						"listener.name.clients.ssl.keystore.type=PKCS12",
						"listener.name.clients.ssl.keystore.location=" + keystore,
						"listener.name.clients.ssl.keystore.password=" + STORE_PASSWORD,
						"listener.name.clients.ssl.key.password=" + STORE_PASSWORD, "inter.broker.listener.name=BROKER",
						"sasl.enabled.mechanisms=SCRAM-SHA-512",
						"listener.name.clients.scram-sha-512.sasl.jaas.config="
								+ "org.apache.kafka.common.security.scram.ScramLoginModule required;",
						"authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
						// The broker's own listeners (this machine only) and the test's
						// admin are the super users.
						"super.users=User:ANONYMOUS;User:admin", "allow.everyone.if.no.acl.found=false"),
				"--add-scram", "SCRAM-SHA-512=[name=admin,password=admin-secret]", "--add-scram",
				"SCRAM-SHA-512=[name=handoff-intake,password=handoff-intake-secret]", "--add-scram",
				"SCRAM-SHA-512=[name=handoff-scoring,password=handoff-scoring-secret]", "--add-scram",
				"SCRAM-SHA-512=[name=handoff-routing,password=handoff-routing-secret]", "--add-scram",
				"SCRAM-SHA-512=[name=handoff-sla,password=handoff-sla-secret]", "--add-scram",
				"SCRAM-SHA-512=[name=handoff-arbitration,password=handoff-arbitration-secret]", "--add-scram",
				"SCRAM-SHA-512=[name=stranger,password=stranger-secret]");
		this.broker.start();
		this.broker.awaitReady(Duration.ofMinutes(2));
	}

	private static final String STORE_PASSWORD = "test-store-secret";

	/**
	 * A CA and the broker's certificate for localhost signed by it, made with the JDK's
	 * keytool: the CA's certificate as PEM in {@link #clusterCa}, the broker's key and
	 * chain in the PKCS12 keystore returned.
	 */
	private Path certificates() throws Exception {
		Path dir = Files.createDirectories(this.home.resolve("tls"));
		Path ca = dir.resolve("ca.p12");
		Path broker = dir.resolve("broker.p12");
		keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=Handoff test cluster CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString());
		keytool("-exportcert", "-alias", "ca", "-rfc", "-keystore", ca.toString(), "-file",
				dir.resolve("ca.pem").toString());
		keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
				"-validity", "2", "-keystore", broker.toString());
		keytool("-certreq", "-alias", "broker", "-keystore", broker.toString(), "-file",
				dir.resolve("broker.csr").toString());
		keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile", dir.resolve("broker.csr").toString(),
				"-outfile", dir.resolve("broker.pem").toString(), "-rfc", "-validity", "2", "-ext", "san=dns:localhost",
				"-ext", "eku=serverAuth");
		keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem").toString(), "-keystore",
				broker.toString());
		keytool("-importcert", "-alias", "broker", "-file", dir.resolve("broker.pem").toString(), "-keystore",
				broker.toString());
		this.clusterCa = Files.readString(dir.resolve("ca.pem"));
		return broker;
	}

	private static void keytool(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
		command.addAll(List.of(arguments));
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", STORE_PASSWORD));
		Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(keytool.waitFor()).as("keytool " + String.join(" ", arguments) + ": " + output).isZero();
	}

	private Http start(ConfigurableApplicationContext context) {
		this.services.add(context);
		return Http.localhost(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	private List<ConsumerRecord<String, String>> read(String topic) {
		return TestKafka.readCommitted(client("admin", "admin-secret"), topic);
	}

	private static KafkaConsumer<String, String> consumer(Map<String, Object> settings) {
		Map<String, Object> reading = new HashMap<>(settings);
		reading.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		reading.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return new KafkaConsumer<>(reading, new StringDeserializer(), new StringDeserializer());
	}

	private Map<String, Object> client(String user, String password) {
		return new HashMap<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap,
				CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL", SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM",
				SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, this.clusterCa, SaslConfigs.SASL_MECHANISM,
				"SCRAM-SHA-512", SaslConfigs.SASL_JAAS_CONFIG, jaas(user, password)));
	}

	private static String jaas(String user, String password) {
		return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
				+ password + "\";";
	}

}
