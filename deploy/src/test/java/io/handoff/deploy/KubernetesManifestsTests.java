package io.handoff.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.handoff.access.HandoffSecurity;
import io.handoff.events.Topic;
import io.handoff.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schema test for the Kubernetes manifests: what kubeconform would check of their
 * shape, plus what Handoff needs of them (probes, resources, disruption budgets,
 * autoscalers, and topics that match the topic registry).
 */
@SuppressWarnings("unchecked")
class KubernetesManifestsTests {

	static final Path BASE = Path.of("k8s", "base");

	static final List<String> SERVICES = List.of("intake-service", "scoring-service", "routing-service", "sla-monitor",
			"arbitration-service", "console");

	/** The services that run Kafka Streams: their instances read from each other. */
	static final Map<String, Integer> STATEFUL = Map.of("scoring-service", 8082, "routing-service", 8083, "sla-monitor",
			8084, "arbitration-service", 8085);

	final List<Map<String, Object>> resources = load();

	@Test
	void theKustomizationListsEveryManifestAndEveryResourceHasItsRequiredFields() throws IOException {
		Map<String, Object> kustomization = new Yaml().load(Files.readString(BASE.resolve("kustomization.yaml")));
		try (Stream<Path> files = Files.list(BASE)) {
			assertThat((List<String>) kustomization.get("resources"))
				.containsExactlyInAnyOrderElementsOf(files.map((file) -> file.getFileName().toString())
					.filter((name) -> !name.equals("kustomization.yaml"))
					.toList());
		}
		// The namespace, config and secret, the Kafka cluster and its node pool, a topic
		// and a dead-letter topic per registry topic, per service (and the console) a
		// Deployment, a Service, a PDB and an HPA, and per stateful service a headless
		// Service naming its instances; per service but the console a Kafka user, two
		// network policies, and the console's person-token key (a Secret) and public key
		// (a ConfigMap).
		assertThat(this.resources)
			.hasSize(7 + 2 * Topics.ALL.size() + SERVICES.size() * 4 + STATEFUL.size() + (SERVICES.size() - 1) + 2)
			.allSatisfy((resource) -> {
				assertThat(resource).containsKeys("apiVersion", "kind", "metadata");
				assertThat((Map<String, Object>) resource.get("metadata")).containsKey("name");
			});
	}

	@Test
	void everyServiceHasProbesResourcesADisruptionBudgetAndAnAutoscaler() {
		for (String service : SERVICES) {
			Map<String, Object> deployment = find("Deployment", service);
			Map<String, Object> container = ((List<Map<String, Object>>) at(deployment, "spec", "template", "spec",
					"containers"))
				.get(0);
			assertThat(at(container, "readinessProbe", "httpGet", "path")).as(service)
				.isEqualTo("/actuator/health/readiness");
			assertThat(at(container, "livenessProbe", "httpGet", "path")).as(service)
				.isEqualTo("/actuator/health/liveness");
			assertThat((Map<String, Object>) at(container, "resources", "requests")).as(service)
				.containsKeys("cpu", "memory");
			assertThat((Map<String, Object>) at(container, "resources", "limits")).as(service)
				.containsKeys("cpu", "memory");
			assertThat((List<Map<String, Object>>) container.get("envFrom")).as(service).hasSize(2);
			assertThat(at(find("PodDisruptionBudget", service), "spec", "minAvailable")).isEqualTo(1);
			Map<String, Object> autoscaler = find("HorizontalPodAutoscaler", service);
			assertThat(at(autoscaler, "spec", "scaleTargetRef", "name")).isEqualTo(service);
			// More instances than partitions would stand idle.
			assertThat((Integer) at(autoscaler, "spec", "maxReplicas"))
				.isLessThanOrEqualTo(Topics.LEADS_RECEIVED.partitions());
			assertThat(find("Service", service)).isNotNull();
		}
	}

	@Test
	void everyStatefulInstanceTellsTheOthersItsPodAddressAndAHeadlessServiceNamesThemAll() {
		STATEFUL.forEach((service, port) -> {
			Map<String, Object> container = ((List<Map<String, Object>>) at(find("Deployment", service), "spec",
					"template", "spec", "containers"))
				.get(0);
			List<Map<String, Object>> env = (List<Map<String, Object>>) container.get("env");
			assertThat(env).as(service)
				.anySatisfy((variable) -> assertThat(variable).containsEntry("name", "POD_IP")
					.extracting((pod) -> at(pod, "valueFrom", "fieldRef", "fieldPath"))
					.isEqualTo("status.podIP"))
				.anySatisfy((variable) -> assertThat(variable).containsEntry("name", "HANDOFF_INSTANCE_ADDRESS")
					.containsEntry("value", "$(POD_IP):" + port));
			Map<String, Object> instances = find("Service", service + "-instances");
			assertThat(at(instances, "spec", "clusterIP")).isEqualTo("None");
			assertThat(at(instances, "spec", "publishNotReadyAddresses")).isEqualTo(true);
			assertThat(at(instances, "spec", "selector", "app.kubernetes.io/name")).isEqualTo(service);
		});
		Map<String, Object> secrets = (Map<String, Object>) at(find("Secret", "handoff-secrets"), "stringData");
		assertThat(secrets).containsKeys("HANDOFF_INSTANCE_SECRET", "HANDOFF_PEOPLE_0_PASSWORD",
				"HANDOFF_INTAKE_CLIENTS_0_KEY_SHA256", "SALES_TOOL_KEY_SHA256");
		// Placeholders only: no demo password or key, and a password placeholder no
		// service starts with.
		assertThat(secrets.values()).allSatisfy((value) -> assertThat(value.toString()).doesNotStartWith("{bcrypt}")
			.isNotIn(HandoffSecurity.sha256("demo-sales-tool-key"), HandoffSecurity.sha256("demo-lead-source-key")));
	}

	@Test
	void everyServiceSignsInToKafkaOverTlsAsItsOwnUserWhoseAclsNameWhatItUses() {
		Map<String, Object> listener = ((List<Map<String, Object>>) at(find("Kafka", "handoff"), "spec", "kafka",
				"listeners"))
			.get(0);
		assertThat(listener).containsEntry("tls", true).containsEntry("port", 9093);
		assertThat(at(listener, "authentication", "type")).isEqualTo("scram-sha-512");
		assertThat(at(find("Kafka", "handoff"), "spec", "kafka", "authorization", "type")).isEqualTo("simple");
		assertThat((Map<String, Object>) at(find("ConfigMap", "handoff-config"), "data"))
			.containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
			.containsEntry("HANDOFF_KAFKA_BOOTSTRAP_SERVERS", "handoff-kafka-bootstrap:9093");
		for (String service : SERVICES.subList(0, SERVICES.size() - 1)) {
			Map<String, Object> user = this.resources.stream()
				.filter((resource) -> resource.get("kind").equals("KafkaUser")
						&& service.equals(at(resource, "metadata", "labels", "app.kubernetes.io/name")))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No KafkaUser for " + service));
			assertThat(at(user, "spec", "authentication", "type")).isEqualTo("scram-sha-512");
			assertThat((List<Map<String, Object>>) at(user, "spec", "authorization", "acls")).isNotEmpty();
			Map<String, Object> container = ((List<Map<String, Object>>) at(find("Deployment", service), "spec",
					"template", "spec", "containers"))
				.get(0);
			assertThat((List<Map<String, Object>>) container.get("env")).as(service)
				.anySatisfy((variable) -> assertThat(variable).containsEntry("name",
						"SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))
				.anySatisfy((variable) -> assertThat(at(variable, "valueFrom", "secretKeyRef", "name"))
					.isEqualTo(at(user, "metadata", "name")));
		}
		assertThat(at(find("NetworkPolicy", "default-deny-ingress"), "spec", "podSelector")).isEqualTo(Map.of());
		assertThat((List<Object>) at(find("NetworkPolicy", "handoff-services"), "spec", "ingress")).hasSize(1);
		// The console's person tokens: its private key given to the console alone, the
		// public key to the services people call (not to intake), which can check the
		// tokens but not make them.
		for (String service : SERVICES) {
			List<Map<String, Object>> env = (List<Map<String, Object>>) ((List<Map<String, Object>>) at(
					find("Deployment", service), "spec", "template", "spec", "containers"))
				.get(0)
				.get("env");
			List<Object> names = env.stream().map((variable) -> variable.get("name")).toList();
			assertThat(names.contains("HANDOFF_PERSON_TOKEN_KEY")).as(service).isEqualTo(service.equals("console"));
			assertThat(names.contains("HANDOFF_PERSON_TOKEN_PUBLIC_KEY")).as(service)
				.isEqualTo(!service.equals("console") && !service.equals("intake-service"));
		}
		assertThat(find("Secret", "handoff-person-token-key")).isNotNull();
		assertThat(find("ConfigMap", "handoff-person-token-public-key")).isNotNull();
	}

	@Test
	void theTopicsMatchTheTopicRegistryWithThreeReplicasAndTwoInSync() {
		List<Map<String, Object>> topics = this.resources.stream()
			.filter((resource) -> resource.get("kind").equals("KafkaTopic"))
			.toList();
		List<String> expected = new ArrayList<>();
		for (Topic<?> topic : Topics.ALL) {
			expected.add(topic.name());
			expected.add(topic.deadLetter());
			Map<String, Object> declared = topic(topics, topic.name());
			assertThat(at(declared, "spec", "partitions")).as(topic.name()).isEqualTo(topic.partitions());
			assertThat(at(declared, "spec", "config", "cleanup.policy")).as(topic.name())
				.isEqualTo(topic.compacted() ? "compact" : null);
			assertThat(at(topic(topics, topic.deadLetter()), "spec", "config", "cleanup.policy")).isNull();
			// Events and dead letters carry personal data: kept as long as the registry
			// says, no longer.
			String retention = Topic.retention().get("retention.ms");
			assertThat(at(declared, "spec", "config", "retention.ms")).as(topic.name())
				.isEqualTo(topic.compacted() ? null : retention);
			assertThat(at(topic(topics, topic.deadLetter()), "spec", "config", "retention.ms")).isEqualTo(retention);
		}
		assertThat(topics).extracting((topic) -> at(topic, "spec", "topicName"))
			.containsExactlyInAnyOrderElementsOf(expected);
		assertThat(topics).allSatisfy((topic) -> {
			assertThat(at(topic, "spec", "replicas")).isEqualTo(3);
			assertThat(at(topic, "spec", "config", "min.insync.replicas")).isEqualTo("2");
		});
		Map<String, Object> kafka = find("Kafka", "handoff");
		assertThat(at(kafka, "spec", "kafka", "config", "min.insync.replicas")).isEqualTo(2);
		assertThat(at(find("KafkaNodePool", "dual-role"), "spec", "replicas")).isEqualTo(3);
	}

	private Map<String, Object> topic(List<Map<String, Object>> topics, String name) {
		return topics.stream()
			.filter((topic) -> name.equals(at(topic, "spec", "topicName")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No KafkaTopic for " + name));
	}

	private Map<String, Object> find(String kind, String name) {
		return this.resources.stream()
			.filter((resource) -> resource.get("kind").equals(kind) && name.equals(at(resource, "metadata", "name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + kind + " named " + name));
	}

	private static Object at(Map<String, Object> node, String... path) {
		Object current = node;
		for (String key : path) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

	private static List<Map<String, Object>> load() {
		List<Map<String, Object>> all = new ArrayList<>();
		try (Stream<Path> files = Files.list(BASE)) {
			for (Path file : files.filter((path) -> !path.endsWith("kustomization.yaml")).sorted().toList()) {
				for (Object document : new Yaml().loadAll(Files.readString(file))) {
					if (document != null) {
						all.add((Map<String, Object>) document);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return all;
	}

}
