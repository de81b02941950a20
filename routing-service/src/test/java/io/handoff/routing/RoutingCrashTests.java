package io.handoff.routing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadScored;
import io.handoff.events.Topics;
import io.handoff.test.ChildJvm;
import io.handoff.test.TestKafka;
import io.handoff.test.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills the routing service with SIGKILL while sales-ready leads flow, starts it again on
 * the same state directory, and finds every lead assigned exactly once (as a
 * read-committed sales tool sees {@code leads.assigned}).
 */
class RoutingCrashTests {

	static final int LEADS = 1200;

	final String run = UUID.randomUUID().toString().substring(0, 8);

	final Path home = Path.of("target", "routing-crash-" + this.run).toAbsolutePath();

	/** The routing service in a JVM of its own, on this test's state directory. */
	final ChildJvm routing = ChildJvm.service("routing", this.home,
			List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), RoutingApplication.class,
			"--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
			"--handoff.streams.application-id-prefix=crash-" + this.run, "--handoff.data-dir=" + this.home,
			"--handoff.routing.seed=classpath:demo/");

	@AfterEach
	void stopProcesses() {
		this.routing.kill();
	}

	@Test
	void aKilledRoutingServiceRestartsAndEveryLeadIsAssignedExactlyOnce() throws Exception {
		List<LeadScored> leads = new ArrayList<>();
		String[] countries = { "US", "IN", "GB" };
		for (int i = 0; i < LEADS; i++) {
			leads.add(RoutingServiceTests.salesReady("crash-" + this.run + "-" + i + "@school.example",
					countries[i % 3]));
		}
		Set<String> ours = leads.stream().map((lead) -> lead.leadId().toString()).collect(Collectors.toSet());

		try (TopicReader<LeadAssigned> assigned = new TopicReader<>(Topics.LEADS_ASSIGNED)) {
			this.routing.start();
			this.routing.awaitReady(Duration.ofSeconds(90));
			Thread producer = new Thread(() -> {
				for (int from = 0; from < LEADS; from += 40) {
					TestKafka.sendRaw(Topics.LEADS_SCORED.name(),
							leads.subList(from, Math.min(LEADS, from + 40))
								.stream()
								.map((lead) -> Map.entry(lead.leadId().toString(),
										LeadEventsJson.mapper().writeValueAsString(lead)))
								.toList());
					sleep(250);
				}
			}, "crash-test-producer");
			producer.start();

			await().atMost(Duration.ofSeconds(90)).until(() -> ourAssignments(assigned, ours).size() >= LEADS / 5);
			this.routing.kill();
			int beforeKill = ourAssignments(assigned, ours).size();
			this.routing.start();
			this.routing.awaitReady(Duration.ofSeconds(90));
			producer.join();

			await().atMost(Duration.ofSeconds(150))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> ourAssignments(assigned, ours).stream()
					.map(LeadAssigned::leadId)
					.distinct()
					.count() == LEADS);
			// Anything the killed instance left half-written would show now, after the
			// broker aborted it: the count must hold at one assignment per lead.
			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(15))
				.until(() -> ourAssignments(assigned, ours).size() == LEADS);
			List<LeadAssigned> all = ourAssignments(assigned, ours);
			Map<UUID, Long> perLead = all.stream()
				.collect(Collectors.groupingBy(LeadAssigned::leadId, Collectors.counting()));
			System.out.printf(
					"crash test: %d leads, %d assigned before the kill, %d assignments after restart, "
							+ "%d leads assigned more than once%n",
					LEADS, beforeKill, all.size(), perLead.values().stream().filter((count) -> count > 1).count());
			assertThat(beforeKill).isLessThan(LEADS);
			assertThat(perLead).hasSize(LEADS)
				.allSatisfy((lead, count) -> assertThat(count).as("lead %s", lead).isOne());
		}
	}

	private static List<LeadAssigned> ourAssignments(TopicReader<LeadAssigned> reader, Set<String> ours) {
		return reader.records()
			.stream()
			.filter((record) -> ours.contains(record.key()))
			.map(ConsumerRecord::value)
			.toList();
	}

	/** Paces the producer (leads arrive over seconds, not in one burst). */
	private static void sleep(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
