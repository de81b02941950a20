package io.handoff.sla;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.binder.kafka.streams.KafkaStreamsRegistry;
import org.springframework.context.ConfigurableApplicationContext;

import io.handoff.access.InstanceTokens;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.ServiceApplication;
import io.handoff.events.Topics;
import io.handoff.test.ChildJvm;
import io.handoff.test.Http;
import io.handoff.test.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of sla-monitor sharing the work on one broker, as on a cluster: each owns
 * about half of the partitions, yet either answers for every lead (a keyed read goes to
 * the owner, the list gathers from both), and when one stops the other answers for all
 * within seconds. The internal reads between them open to nobody else.
 */
class SlaMonitorInstancesTests {

	static final int LEADS = 120;

	static final List<UUID> leads = new ArrayList<>();

	static final String prefix = "sla-instances-tests-" + UUID.randomUUID();

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	static int firstPort;

	static int secondPort;

	@BeforeAll
	static void twoInstancesAndTheirLeads() throws IOException {
		firstPort = ChildJvm.freePort();
		secondPort = ChildJvm.freePort();
		first = start(firstPort, "a");
		second = start(secondPort, "b");
		List<Map.Entry<String, String>> assignments = new ArrayList<>();
		for (int i = 0; i < LEADS; i++) {
			UUID leadId = UUID.randomUUID();
			leads.add(leadId);
			String repId = (i % 2 == 0) ? "anna-snelling" : "cecily-lampkin";
			LeadAssigned assigned = new LeadAssigned(UUID.randomUUID(), Instant.now(), leadId, repId, repId, "Central",
					LeadAssigned.Method.ROUND_ROBIN, "B", 1, List.of("round robin"));
			assignments.add(Map.entry(leadId.toString(), LeadEventsJson.mapper().writeValueAsString(assigned)));
		}
		TestKafka.sendRaw(Topics.LEADS_ASSIGNED.name(), assignments);
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { first, second }) {
			if (context != null && context.isActive()) {
				context.close();
			}
		}
	}

	@Test
	void eitherInstanceAnswersForEveryLeadAndOneAnswersForAllOnceTheOtherStops() {
		Http atFirst = Http.localhost(firstPort).as("boss", "b-secret");
		Http atSecond = Http.localhost(secondPort).as("boss", "b-secret");
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			assertThat(activeTasks(first)).isPositive();
			assertThat(activeTasks(second)).isPositive();
			assertThat(leadIds(atFirst.get("/api/v1/clocks"))).containsAll(asStrings(leads));
			assertThat(leadIds(atSecond.get("/api/v1/clocks"))).containsAll(asStrings(leads));
		});
		assertThat(atFirst.get("/api/v1/clocks").body()).isEqualTo(atSecond.get("/api/v1/clocks").body());
		// The period ends now, at each request: the figures are what must agree.
		for (String figures : List.of("reps", "teams")) {
			assertThat(atFirst.get("/api/v1/compliance").json().get(figures))
				.isEqualTo(atSecond.get("/api/v1/compliance").json().get(figures));
		}
		for (UUID leadId : leads) {
			Http.Response fromFirst = atFirst.get("/api/v1/clocks/" + leadId);
			assertThat(fromFirst.status()).as(fromFirst.body()).isEqualTo(200);
			assertThat(fromFirst.body()).isEqualTo(atSecond.get("/api/v1/clocks/" + leadId).body());
		}

		Instant stopped = Instant.now();
		second.close();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			assertThat(leadIds(atFirst.get("/api/v1/clocks"))).containsAll(asStrings(leads));
			assertThat(atFirst.get("/api/v1/clocks/" + leads.get(LEADS - 1)).status()).isEqualTo(200);
		});
		System.out.printf(
				"sla-monitor: one of two instances stopped; the other answered for all %d leads after %d ms%n", LEADS,
				Duration.between(stopped, Instant.now()).toMillis());
		for (UUID leadId : leads) {
			assertThat(atFirst.get("/api/v1/clocks/" + leadId).status()).isEqualTo(200);
		}
	}

	@Test
	void theReadsBetweenInstancesOpenToNobodyElse() {
		String path = "/internal/v1/stores/sla-clocks/values?partitions=0";
		assertThat(Http.localhost(firstPort).get(path).status()).isEqualTo(401);
		assertThat(Http.localhost(firstPort).as("boss", "b-secret").get(path).status()).isEqualTo(403);
		// A sales rep, whose leads live in that very store, is no instance either.
		assertThat(Http.localhost(firstPort).as("anna", "a-secret").get(path).status()).isEqualTo(403);
		// Another instance gets the partition's clocks, and a clear refusal for what is
		// not a store read. (A token of the deployment's secret for this service: the
		// first instance's own will do, as the second's.)
		Http instance = Http.localhost(firstPort)
			.withHeader(InstanceTokens.HEADER, first.getBean(InstanceTokens.class).issue());
		// Every instance holds every partition as active or standby copy; stale reads
		// take either, once restored.
		await().atMost(Duration.ofSeconds(60)).until(() -> instance.get(path + "&stale=true").status() == 200);
		assertThat(instance.get(path + "&stale=true").json().isArray()).isTrue();
		assertThat(instance.get("/internal/v1/stores/sla-deadlines/values?partitions=0").status()).isEqualTo(404);
		assertThat(instance.get("/internal/v1/stores/sla-clocks/values?partitions=x").status()).isEqualTo(400);
		assertThat(Http.localhost(firstPort).withHeader(InstanceTokens.HEADER, "4102444800.forged").get(path).status())
			.isEqualTo(401);
		Http.Response onApi = Http.localhost(firstPort)
			.withHeader(InstanceTokens.HEADER, "4102444800.forged")
			.get("/api/v1/clocks");
		assertThat(onApi.status()).as("an instance header opens no /api door").isEqualTo(401);
	}

	private static ConfigurableApplicationContext start(int port, String name) {
		// Arguments, which win over sla-monitor.yml (default properties would not).
		return ServiceApplication.builder(SlaMonitorApplication.class)
			.run("--server.port=" + port, "--handoff.instance.address=localhost:" + port,
					"--handoff.instance-secret=sla-instances-tests-secret",
					"--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
					"--handoff.streams.application-id-prefix=" + prefix,
					"--handoff.data-dir=target/sla-instances-tests/" + prefix + "/" + name,
					"--handoff.people[0].name=boss", "--handoff.people[0].password={noop}b-secret",
					"--handoff.people[0].roles=SALES_MANAGER", "--handoff.people[1].name=anna",
					"--handoff.people[1].password={noop}a-secret", "--handoff.people[1].roles=SALES_REP",
					"--handoff.people[1].rep-id=anna-snelling");
	}

	private static int activeTasks(ConfigurableApplicationContext context) {
		KafkaStreams streams = context.getBean(KafkaStreamsRegistry.class)
			.streamsBuilderFactoryBeans()
			.get(0)
			.getKafkaStreams();
		return streams.metadataForLocalThreads().stream().mapToInt((thread) -> activeTasks(thread)).sum();
	}

	private static int activeTasks(ThreadMetadata thread) {
		return thread.activeTasks().size();
	}

	private static List<String> leadIds(Http.Response clocks) {
		assertThat(clocks.status()).as(clocks.body()).isEqualTo(200);
		assertThat(clocks.header("Handoff-Incomplete")).isEmpty();
		return clocks.json().valueStream().map((clock) -> clock.get("leadId").asString()).toList();
	}

	private static List<String> asStrings(List<UUID> ids) {
		return ids.stream().map(UUID::toString).toList();
	}

}
