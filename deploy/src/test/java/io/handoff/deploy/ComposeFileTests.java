package io.handoff.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Docker Compose file: what Handoff needs of it (every service on its port against
 * the broker, its state on a volume, Prometheus with the alert rules, Grafana with the
 * dashboards, an SMTP sink), and Compose's own validation
 * ({@code docker compose config}), which CI's {@code .ci/run} makes sure it can run.
 */
@SuppressWarnings("unchecked")
class ComposeFileTests {

	static final Path COMPOSE = Path.of("compose", "compose.yaml");

	static final Map<String, String> PORTS = Map.of("intake-service", "8081", "scoring-service", "8082",
			"routing-service", "8083", "sla-monitor", "8084", "arbitration-service", "8085");

	@Test
	void everyServiceRunsOnItsPortAgainstTheBrokerWithItsStateOnAVolume() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

		assertThat(services).containsKeys("kafka", "prometheus", "grafana", "mail")
			.containsKeys(PORTS.keySet().toArray(String[]::new));
		PORTS.forEach((service, port) -> {
			Map<String, Object> definition = services.get(service);
			Map<String, Object> build = (Map<String, Object>) definition.get("build");
			assertThat(((Map<String, Object>) build.get("args")).get("SERVICE")).isEqualTo(service);
			Map<String, Object> environment = (Map<String, Object>) definition.get("environment");
			assertThat(environment).containsEntry("SERVER_PORT", port)
				.containsEntry("HANDOFF_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
			assertThat((List<String>) definition.get("ports")).containsExactly(port + ":" + port);
			assertThat((List<String>) definition.get("volumes")).singleElement()
				.asString()
				.endsWith(":/var/lib/handoff");
			assertThat(definition).containsKeys("healthcheck", "depends_on");
			assertThat(Path.of("..", service, "src", "main", "resources", service + ".yml")).content()
				.contains("port: " + port);
		});
		// The console keeps no state of its own: it needs the services' addresses instead
		// of a volume.
		Map<String, Object> console = services.get("console");
		assertThat((List<String>) console.get("ports")).containsExactly("8080:8080");
		assertThat((Map<String, Object>) console.get("environment")).containsEntry("SERVER_PORT", "8080")
			.containsEntry("HANDOFF_CONSOLE_SERVICES_ARBITRATION", "http://arbitration-service:8085")
			.containsEntry("HANDOFF_CONSOLE_SERVICES_SCORING", "http://scoring-service:8082");
		assertThat(Path.of("..", "console", "src", "main", "resources", "console.yml")).content()
			.contains("port: 8080");
	}

	@Test
	void prometheusScrapesEveryServiceAndGrafanaGetsTheDashboards() throws IOException {
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) new Yaml()
			.<Map<String, Object>>load(Files.readString(COMPOSE))
			.get("services");
		for (String mount : (List<String>) services.get("prometheus").get("volumes")) {
			assertThat(COMPOSE.getParent().resolve(mount.substring(0, mount.indexOf(':')))).exists();
		}
		for (String mount : (List<String>) services.get("grafana").get("volumes")) {
			assertThat(COMPOSE.getParent().resolve(mount.substring(0, mount.indexOf(':')))).isDirectory();
		}
		String prometheus = Files.readString(COMPOSE.getParent().resolve("prometheus.yml"));
		PORTS.forEach((service, port) -> assertThat(prometheus).contains(service + ":" + port));
		assertThat(COMPOSE.getParent().resolve("Dockerfile")).content().contains("${SERVICE}/target/${SERVICE}-");
	}

	/** Compose's own check: the file parses and validates against the Compose schema. */
	@Test
	void composeItselfValidatesTheFile() throws Exception {
		List<String> command = composeCommand();
		Assumptions.assumeTrue(command != null,
				"Neither 'docker compose' nor 'docker-compose' is installed here; CI's .ci/run installs docker-compose");
		List<String> validate = new ArrayList<>(command);
		validate.addAll(List.of("-f", COMPOSE.toString(), "config", "-q"));
		Map<String, String> secrets = Map.of("HANDOFF_ADMIN_PASSWORD", "{bcrypt}$2a$10$abcdefghijklmnopqrstuv",
				"HANDOFF_LEAD_SOURCE_KEY_SHA256", "a".repeat(64), "HANDOFF_SALES_TOOL_KEY_SHA256", "b".repeat(64),
				"GRAFANA_ADMIN_PASSWORD", "not-admin");
		ProcessResult valid = run(validate, secrets);
		assertThat(valid.exitValue()).as(valid.output()).isZero();
		// Without the secrets from the environment, Compose stops and names the first one
		// missing.
		for (String secret : secrets.keySet()) {
			Map<String, String> missing = new HashMap<>(secrets);
			missing.remove(secret);
			ProcessResult refused = run(validate, missing);
			assertThat(refused.exitValue()).as(refused.output()).isNotZero();
			assertThat(refused.output()).contains(secret);
		}
	}

	private static ProcessResult run(List<String> command, Map<String, String> environment) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.startsWith("HANDOFF_") || name.startsWith("GRAFANA_"));
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new ProcessResult(process.exitValue(), output);
	}

	private record ProcessResult(int exitValue, String output) {
	}

	private static List<String> composeCommand() {
		for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
			try {
				List<String> version = new ArrayList<>(candidate);
				version.add("version");
				Process process = new ProcessBuilder(version).redirectErrorStream(true).start();
				process.getInputStream().readAllBytes();
				if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
					return candidate;
				}
			}
			catch (IOException | InterruptedException ex) {
				// not this one
			}
		}
		return null;
	}

}
