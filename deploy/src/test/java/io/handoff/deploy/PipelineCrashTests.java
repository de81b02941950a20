package io.handoff.deploy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.handoff.arbitration.ArbitrationApplication;
import io.handoff.demo.DemoLeads;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored;
import io.handoff.events.Topic;
import io.handoff.events.Topics;
import io.handoff.intake.IntakeApplication;
import io.handoff.routing.RoutingApplication;
import io.handoff.scoring.ScoringApplication;
import io.handoff.sla.SlaMonitorApplication;
import io.handoff.test.ChildJvm;
import io.handoff.test.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The crash suite: a broker and the five services each in a process of its own, 6,000
 * real leads flowing in through intake, and meanwhile each service killed with SIGKILL in
 * turn and started again on its own state directory, and the broker stopped and started
 * again, with leads in flight at every one of these. Afterwards every lead Kafka accepted
 * was scored once per event, every sales-ready lead assigned exactly once, each lead's
 * scores in order, one SLA clock per assignment, one case per return, and a poison record
 * on each input topic in its dead-letter topic.
 */
class PipelineCrashTests {

	static final int LEADS = 6_000;

	static final int BATCH = 100;

	/**
	 * Batches sent between one kill and the next: the traffic sends them and waits for
	 * the kill, runs on for half as many while the victim is down, then waits for it to
	 * be back, so that leads are in flight at every crash and none of them comes after
	 * the traffic is over.
	 */
	static final int BATCHES_PER_CRASH = 8;

	/**
	 * The processes killed (the broker stopped) and started again, one after the other.
	 */
	static final List<String> VICTIMS = List.of("intake-service", "scoring-service", "routing-service", "sla-monitor",
			"broker", "arbitration-service");

	/** The topics the services read, each sent one record that is not JSON. */
	static final List<Topic<?>> INPUTS = List.of(Topics.LEADS_RECEIVED, Topics.LEADS_ENGAGEMENT, Topics.LEADS_SCORED,
			Topics.LEADS_ASSIGNED, Topics.SALES_ACTIVITIES, Topics.LEADS_RETURNED, Topics.LEADS_OUTCOMES,
			Topics.SLA_EVENTS, Topics.ARBITRATION_SUBMISSIONS, Topics.ARBITRATION_RULINGS);

	final ProcessStack stack = new ProcessStack("crash");

	final String run = this.stack.run;

	final String bootstrap = this.stack.bootstrap;

	final Map<String, ChildJvm> children = this.stack.children;

	@AfterEach
	void stopEverything() {
		this.stack.close();
	}

	@Test
	void killingEachServiceAndRestartingTheBrokerLosesNothingAndDuplicatesNothing() throws Exception {
		long began = System.nanoTime();
		List<String> steps = new ArrayList<>();
		Runnable step = () -> steps.add(String.format("%.1f s", (System.nanoTime() - began) / 1e9));
		ChildJvm broker = this.stack.broker();
		this.stack.service("intake-service", IntakeApplication.class);
		this.stack.service("scoring-service", ScoringApplication.class);
		this.stack.service("routing-service", RoutingApplication.class, "--handoff.routing.seed=classpath:demo/");
		this.stack.service("sla-monitor", SlaMonitorApplication.class);
		this.stack.service("arbitration-service", ArbitrationApplication.class);
		this.stack.startAll();
		step.run();
		this.stack.roomForEveryLead(this.stack.get("routing-service"));
		poisonEveryInput();

		Traffic traffic = new Traffic();
		Thread sender = new Thread(traffic, "crash-traffic");
		sender.setDaemon(true);
		sender.start();
		// The batches sent when each victim went down and when it was back.
		List<Integer> atKill = new ArrayList<>();
		List<Integer> atReady = new ArrayList<>();
		for (int i = 0; i < VICTIMS.size(); i++) {
			int due = (i + 1) * BATCHES_PER_CRASH;
			await().atMost(Duration.ofMinutes(3)).until(() -> {
				if (traffic.failure != null) {
					throw new AssertionError("The traffic stopped", traffic.failure);
				}
				return traffic.sent.get() >= due || !sender.isAlive();
			});
			atKill.add(traffic.sent.get());
			ChildJvm victim = this.children.get(VICTIMS.get(i));
			if (victim == broker) {
				victim.stop();
			}
			else {
				victim.kill();
			}
			traffic.killed.set(i + 1);
			victim.start();
			victim.awaitReady(Duration.ofMinutes(3));
			atReady.add(traffic.sent.get());
			step.run();
			traffic.crashed.set(i + 1);
		}
		sender.join(Duration.ofMinutes(5).toMillis());
		step.run();
		assertThat(traffic.failure).as("the traffic thread").isNull();
		assertThat(sender.isAlive()).as("the traffic still sending after five minutes").isFalse();
		// Leads went in while each victim was down (intake down, and the broker, hold the
		// traffic back instead).
		for (int i = 0; i < VICTIMS.size(); i++) {
			if (!List.of("intake-service", "broker").contains(VICTIMS.get(i))) {
				assertThat(atReady.get(i)).as("batches sent while %s was down", VICTIMS.get(i))
					.isGreaterThan(atKill.get(i));
			}
		}

		try (TopicReader<LeadReceived> received = new TopicReader<>(this.bootstrap, Topics.LEADS_RECEIVED.name(),
				Topics.LEADS_RECEIVED);
				TopicReader<LeadScored> scored = new TopicReader<>(this.bootstrap, Topics.LEADS_SCORED.name(),
						Topics.LEADS_SCORED);
				TopicReader<LeadAssigned> assigned = new TopicReader<>(this.bootstrap, Topics.LEADS_ASSIGNED.name(),
						Topics.LEADS_ASSIGNED)) {
			Set<String> accepted = traffic.accepted.keySet();
			// Everything accepted has been scored, and each sales-ready lead assigned,
			// once the pipeline is quiet.
			await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
				Map<String, List<LeadScored>> scores = byLead(byScoring(scored.records()), accepted);
				long salesReady = scores.values().stream().filter(PipelineCrashTests::endsSalesReady).count();
				assertThat(accepted.stream().filter((leadId) -> !scores.containsKey(leadId)).count())
					.as("accepted leads not scored yet")
					.isZero();
				assertThat(byLead(assigned.records(), accepted)).as("leads assigned of %d sales-ready", salesReady)
					.hasSize((int) salesReady);
			});
			// ... and stays so: nothing more arrives over three polls.
			AtomicInteger lastSeen = new AtomicInteger(-1);
			await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofSeconds(3))
				.until(() -> lastSeen.getAndSet(scored.records().size() + assigned.records().size()) == scored.records()
					.size() + assigned.records().size());
			step.run();

			Map<String, Integer> inputs = new ConcurrentHashMap<>();
			drained(received).stream()
				.filter((record) -> accepted.contains(record.key()))
				.forEach((record) -> inputs.merge(record.key(), 1, Integer::sum));
			Map<String, List<LeadScored>> scores = byLead(byScoring(scored.records()), accepted);
			Map<String, List<LeadAssigned>> assignments = byLead(assigned.records(), accepted);

			// Scored exactly once per event that reached Kafka (an engagement read before
			// its lead is counted when the lead arrives, without a score of its own), in
			// order: a lead's engagement only adds points.
			assertThat(scores).hasSameSizeAs(accepted);
			assertThat(scores).allSatisfy((leadId, list) -> {
				int engaged = traffic.engagements.containsKey(leadId) ? 1 : 0;
				assertThat(list).as("scores of lead %s", leadId)
					.hasSizeBetween(inputs.get(leadId), inputs.get(leadId) + engaged);
				for (int i = 1; i < list.size(); i++) {
					assertThat(list.get(i).engagementScore()).as("lead %s score %d", leadId, i)
						.isGreaterThanOrEqualTo(list.get(i - 1).engagementScore());
				}
			});
			traffic.engagements.keySet()
				.forEach((leadId) -> assertThat(last(scores.get(leadId)).engagementScore())
					.as("lead %s after its engagement", leadId)
					.isPositive());
			// Every sales-ready lead assigned exactly once, and no other.
			Set<String> salesReady = scores.entrySet()
				.stream()
				.filter((entry) -> endsSalesReady(entry.getValue()))
				.map(Map.Entry::getKey)
				.collect(Collectors.toSet());
			// One SLA clock per assignment, started by that assignment. sla-monitor was
			// killed and restarted too: its clocks may still be on their way from the
			// last assignments.
			Map<String, JsonNode> clocks = assignedOnceEachWithOneClock(this.stack,
					this.children.get("sla-monitor").url("/api/v1/clocks"), accepted, salesReady, assignments);
			assignments.forEach((leadId, list) -> {
				// The clock keeps the assignment's time to the millisecond, as its
				// record's timestamp has it.
				assertThat(
						Instant.parse(clocks.get(leadId).get("assignedAt").asString()).truncatedTo(ChronoUnit.MILLIS))
					.isEqualTo(list.get(0).occurredAt().truncatedTo(ChronoUnit.MILLIS));
			});
			// One case per return, none twice.
			await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
				Map<String, Long> cases = this.stack
					.json(this.children.get("arbitration-service").url("/api/v1/cases"), "judge")
					.valueStream()
					.map((found) -> found.get("leadId").asString())
					.filter(traffic.returns::containsKey)
					.collect(Collectors.groupingBy((leadId) -> leadId, Collectors.counting()));
				assertThat(cases.keySet()).isEqualTo(traffic.returns.keySet());
				assertThat(cases).allSatisfy((leadId, count) -> assertThat(count).as("cases of %s", leadId).isOne());
			});
			// Each poison record in its dead-letter topic, with the cause.
			for (Topic<?> input : INPUTS) {
				try (TopicReader<String> dead = new TopicReader<>(this.bootstrap, input.deadLetter(),
						Topics.LEADS_INBOUND)) {
					await().atMost(Duration.ofSeconds(30))
						.untilAsserted(() -> assertThat(dead.records()).as(input.deadLetter())
							.anySatisfy((record) -> assertThat(record.key()).isEqualTo("poison-" + this.run)));
				}
			}
			step.run();
			System.out.printf(
					"crash suite: started, each victim ready again, traffic sent, quiet and checked at %s; "
							+ "batches sent when each victim went down %s and was back %s, of %d%n",
					String.join(", ", steps), atKill, atReady, LEADS / BATCH);
			System.out.printf("crash suite: %d leads accepted (%d events into Kafka), %d scored, %d sales-ready and "
					+ "assigned once each, %d clocks, %d returns and as many cases, %d engagements in order, through "
					+ "SIGKILL of each service and a broker restart%n", accepted.size(),
					inputs.values().stream().mapToInt(Integer::intValue).sum() + traffic.engagements.size(),
					scores.size(), salesReady.size(), clocks.size(), traffic.returns.size(),
					traffic.engagements.size());
		}
	}

	/**
	 * Posts the leads in batches of {@value #BATCH}, engagement for one in twenty, and a
	 * return for one in ten assigned.
	 */
	final class Traffic implements Runnable {

		final AtomicInteger sent = new AtomicInteger();

		/** Victims killed so far. */
		final AtomicInteger killed = new AtomicInteger();

		/** Victims killed and ready again so far. */
		final AtomicInteger crashed = new AtomicInteger();

		final Map<String, Boolean> accepted = new ConcurrentHashMap<>();

		final Map<String, Boolean> engagements = new ConcurrentHashMap<>();

		final Map<String, Boolean> returns = new ConcurrentHashMap<>();

		volatile Throwable failure;

		@Override
		public void run() {
			try (TopicReader<LeadAssigned> assigned = new TopicReader<>(PipelineCrashTests.this.bootstrap,
					Topics.LEADS_ASSIGNED.name(), Topics.LEADS_ASSIGNED)) {
				List<DemoLeads.DemoLead> demo = DemoLeads.all();
				Set<String> returnedOrTried = new HashSet<>();
				for (int batch = 0; batch * BATCH < LEADS; batch++) {
					List<Map<String, Object>> leads = new ArrayList<>();
					for (int i = batch * BATCH; i < Math.min(LEADS, (batch + 1) * BATCH); i++) {
						Map<String, Object> form = new LinkedHashMap<>(demo.get(i % demo.size()).form());
						form.put("email", "crash-" + PipelineCrashTests.this.run + "-" + i + "@learners.example");
						leads.add(form);
					}
					List<String> ids = untilAccepted(leads, "crash-" + PipelineCrashTests.this.run + "-" + batch);
					ids.forEach((leadId) -> this.accepted.put(leadId, true));
					for (int i = 0; i < ids.size(); i += 20) {
						if (post("/api/v1/engagements", Map.of("leadId", ids.get(i), "type", "DEMO_REQUEST"),
								"demo-lead-source-key") == 202) {
							this.engagements.put(ids.get(i), true);
						}
					}
					for (ConsumerRecord<String, LeadAssigned> record : assigned.records()) {
						String leadId = record.key();
						if (this.accepted.containsKey(leadId) && Math.floorMod(leadId.hashCode(), 10) == 0
								&& returnedOrTried.add(leadId)
								&& post("/api/v1/returns",
										Map.of("leadId", leadId, "repId", record.value().repId(), "reasonCode",
												"NOT_A_DECISION_MAKER", "note", "crash suite"),
										"demo-sales-tool-key") == 202) {
							this.returns.put(leadId, true);
						}
					}
					this.sent.incrementAndGet();
					// Paced by the crashes: up to the next kill, then half as many again
					// while the victim is down.
					int next = batch + 1;
					await().atMost(Duration.ofMinutes(5))
						.pollInterval(Duration.ofMillis(100))
						.until(() -> this.crashed.get() >= VICTIMS.size() || next < allowed());
					if (this.crashed.get() < VICTIMS.size()) {
						TimeUnit.MILLISECONDS.sleep(300);
					}
				}
			}
			catch (Throwable ex) {
				this.failure = ex;
			}
		}

		/**
		 * How many batches may be sent by now: up to the next kill, and half a crash's
		 * worth past it while it lasts.
		 */
		private int allowed() {
			int down = this.killed.get();
			return (down > this.crashed.get()) ? down * BATCHES_PER_CRASH + BATCHES_PER_CRASH / 2
					: (down + 1) * BATCHES_PER_CRASH;
		}

		private List<String> untilAccepted(List<Map<String, Object>> leads, String key) throws InterruptedException {
			return PipelineCrashTests.this.stack.untilAccepted(intake(), leads, key);
		}

		private int post(String path, Object body, String apiKey) {
			return PipelineCrashTests.this.stack.post(intake(), path, body, apiKey);
		}

		private ChildJvm intake() {
			return PipelineCrashTests.this.stack.get("intake-service");
		}

	}

	private void poisonEveryInput() {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer())) {
			for (Topic<?> input : INPUTS) {
				producer.send(new ProducerRecord<>(input.name(), "poison-" + this.run, "{not json"));
			}
			producer.flush();
		}
	}

	/** Every record of the topic: read until three polls in a row bring nothing new. */
	static <V> List<ConsumerRecord<String, V>> drained(TopicReader<V> reader) {
		AtomicInteger unchanged = new AtomicInteger();
		AtomicInteger size = new AtomicInteger(-1);
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
			int now = reader.records().size();
			return (size.getAndSet(now) == now) ? unchanged.incrementAndGet() >= 3 : unchanged.getAndSet(0) < 0;
		});
		return reader.records();
	}

	/**
	 * Checks that every sales-ready lead, and no other, was assigned exactly once, and
	 * waits for sla-monitor ({@code clocksUrl}) to keep one clock for each, the assigned
	 * rep's: the clocks of the leads {@code accepted}, by lead id.
	 */
	static Map<String, JsonNode> assignedOnceEachWithOneClock(ProcessStack stack, String clocksUrl,
			Set<String> accepted, Set<String> salesReady, Map<String, List<LeadAssigned>> assignments) {
		assertThat(assignments.keySet()).isEqualTo(salesReady);
		assertThat(assignments)
			.allSatisfy((leadId, list) -> assertThat(list).as("assignments of %s", leadId).hasSize(1));
		Map<String, JsonNode> clocks = new ConcurrentHashMap<>();
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			clocks.clear();
			stack.json(clocksUrl, "admin")
				.valueStream()
				.filter((clock) -> accepted.contains(clock.get("leadId").asString()))
				.forEach((clock) -> assertThat(clocks.put(clock.get("leadId").asString(), clock))
					.as("clocks of %s", clock.get("leadId").asString())
					.isNull());
			assertThat(clocks.keySet()).isEqualTo(salesReady);
		});
		assignments.forEach((leadId, list) -> assertThat(clocks.get(leadId).get("repId").asString())
			.isEqualTo(list.get(0).repId()));
		return clocks;
	}

	static <V> Map<String, List<V>> byLead(List<ConsumerRecord<String, V>> records, Set<String> leads) {
		Map<String, List<V>> byLead = new LinkedHashMap<>();
		for (ConsumerRecord<String, V> record : records) {
			if (leads.contains(record.key())) {
				byLead.computeIfAbsent(record.key(), (key) -> new ArrayList<>()).add(record.value());
			}
		}
		return byLead;
	}

	/**
	 * The scores the leads and their engagement made; the stage moves of sales (a rep's
	 * return, say) come on top.
	 */
	static List<ConsumerRecord<String, LeadScored>> byScoring(List<ConsumerRecord<String, LeadScored>> records) {
		return records.stream()
			.filter((record) -> record.value().changedBy() == null || "scoring".equals(record.value().changedBy()))
			.toList();
	}

	static boolean endsSalesReady(List<LeadScored> scores) {
		return scores.stream().anyMatch((score) -> score.stage() == LeadScored.Stage.SALES_READY);
	}

	private static <V> V last(List<V> list) {
		return list.get(list.size() - 1);
	}

}
