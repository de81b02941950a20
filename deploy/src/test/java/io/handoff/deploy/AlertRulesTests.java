package io.handoff.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The alert rules evaluated, not only read: Prometheus's own {@code promtool} checks the
 * rules and the scrape configuration, and runs {@code alerts-tests.yml}, where every
 * alert fires after its {@code for:} on the series that should raise it, with its labels
 * and annotations, and stays quiet on a blip, a restart and a metric registered at zero.
 */
class AlertRulesTests {

	static final Path PROMETHEUS = Path.of("prometheus").toAbsolutePath();

	static final Path PROMTOOL = Path.of("/usr/bin/promtool");

	@BeforeAll
	static void promtool() {
		assumeTrue(Files.isExecutable(PROMTOOL),
				"promtool is not installed here (Debian's prometheus package); CI's .ci/run installs it");
	}

	@Test
	void theRulesAndTheScrapeConfigurationAreValid() throws Exception {
		assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS: 11 rules found");
		assertThat(promtool("check", "config", "prometheus.yml")).contains("is valid prometheus config file syntax");
	}

	@Test
	void everyAlertFiresWhenItShouldWithItsLabelsAndAnnotationsAndOnlyThen() throws Exception {
		assertThat(promtool("test", "rules", "alerts-tests.yml")).contains("SUCCESS");
	}

	@Test
	void everyAlertHasTestsOfItsOwn() throws IOException {
		List<String> alerts = new ArrayList<>();
		Map<String, List<Map<String, Object>>> rules = new Yaml()
			.load(Files.readString(PROMETHEUS.resolve("alerts.yml")));
		for (Object group : rules.get("groups")) {
			for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
				alerts.add((String) ((Map<?, ?>) rule).get("alert"));
			}
		}
		String tests = Files.readString(PROMETHEUS.resolve("alerts-tests.yml"));
		assertThat(alerts).hasSize(11).allSatisfy((alert) -> {
			assertThat(tests).as("a test where %s fires", alert)
				.containsPattern("alertname: " + alert + "\\s+exp_alerts:\\s+- exp_labels");
			assertThat(tests).as("a test where %s stays quiet", alert)
				.contains("alertname: " + alert + "\n        exp_alerts: []");
		});
	}

	/**
	 * Runs promtool in deploy/prometheus; what it printed, asserting that it succeeded.
	 */
	private static String promtool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(PROMETHEUS.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
