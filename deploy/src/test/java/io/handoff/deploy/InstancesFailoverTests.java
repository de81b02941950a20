package io.handoff.deploy;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.handoff.arbitration.ArbitrationApplication;
import io.handoff.demo.DemoLeads;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadIds;
import io.handoff.events.LeadScored;
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
 * Many instances, one truth, measured: two instances of each stateful service, each in a
 * process of its own, on one broker; 2,000 real leads through intake, one in ten of those
 * assigned sent back. Before any crash, the score, assignment and clock of
 * {@value #READ_PER_PARTITION} leads of each partition are answered identically by either
 * instance, every list and figure (every lead's clock and case among them) is equal from
 * both, and the instances' gauges add up to one count. Then one instance of each service
 * is killed with SIGKILL: the survivors answer each of those reads as before, new leads
 * of every partition are scored, assigned and on a clock, and the exactly-once checks
 * hold over all of it (each sales-ready lead assigned once, one clock per assignment, one
 * case per return). The failover times are printed.
 */
class InstancesFailoverTests {

	static final int LEADS = 2_000;

	/** The leads sent before the kill; the rest after it, through the survivors. */
	static final int BEFORE_KILL = 1_500;

	static final int BATCH = 100;

	/**
	 * The first leads whose real outcome the sales tool reports, so calibration has
	 * something to learn from.
	 */
	static final int OUTCOMES = 300;

	/**
	 * The stateful services, two instances each: {@code <service>-1} survives,
	 * {@code <service>-2} is killed.
	 */
	static final Map<String, Class<?>> STATEFUL = new LinkedHashMap<>(
			Map.of("scoring-service", ScoringApplication.class, "routing-service", RoutingApplication.class,
					"sla-monitor", SlaMonitorApplication.class, "arbitration-service", ArbitrationApplication.class));

	/**
	 * The leads of each partition whose every read is compared between the instances and
	 * read from the survivors: the stores are partitioned by lead, so these cover every
	 * partition of every store (the lists, compared whole, cover every lead).
	 */
	static final int READ_PER_PARTITION = 40;

	/**
	 * How long the survivors may take to answer for every lead, and to process every
	 * partition.
	 */
	static final Duration FAILOVER_LIMIT = Duration.ofSeconds(30);

	final ProcessStack stack = new ProcessStack("instances");

	final List<DemoLeads.DemoLead> demo = DemoLeads.all();

	/** Every lead intake accepted. */
	final Set<String> accepted = ConcurrentHashMap.newKeySet();

	/** The leads sent back, and by whom. */
	final Map<String, String> returns = new ConcurrentHashMap<>();

	final ExecutorService readers = Executors.newFixedThreadPool(8);

	final long began = System.nanoTime();

	/**
	 * When each step of the test ended, from its start, printed at the end: where its
	 * time goes.
	 */
	final List<String> phases = new ArrayList<>();

	private void phase(String what) {
		this.phases.add(what + " " + seconds(Duration.ofNanos(System.nanoTime() - this.began)));
	}

	@AfterEach
	void stopEverything() {
		this.readers.shutdownNow();
		this.stack.close();
	}

	@Test
	void eitherInstanceAnswersTheSameAndTheSurvivorsOfASigkillAnswerForEveryLeadWithinSeconds() throws Exception {
		this.stack.broker();
		this.stack.service("intake-service", IntakeApplication.class);
		for (int instance = 1; instance <= 2; instance++) {
			for (Map.Entry<String, Class<?>> service : STATEFUL.entrySet()) {
				String[] seed = service.getKey().equals("routing-service")
						? new String[] { "--handoff.routing.seed=classpath:demo/" } : new String[0];
				this.stack.service(service.getKey() + "-" + instance, service.getValue(), seed);
			}
		}
		this.stack.startAll();
		phase("started");
		this.stack.roomForEveryLead(instance("routing-service", 1));

		try (TopicReader<LeadScored> scored = new TopicReader<>(this.stack.bootstrap, Topics.LEADS_SCORED.name(),
				Topics.LEADS_SCORED);
				TopicReader<LeadAssigned> assigned = new TopicReader<>(this.stack.bootstrap,
						Topics.LEADS_ASSIGNED.name(), Topics.LEADS_ASSIGNED)) {
			send(0, BEFORE_KILL, assigned);
			phase("sent");
			Set<String> beforeKill = onEveryPartition(this.accepted, READ_PER_PARTITION);
			Set<String> salesReady = quiet(scored, assigned);
			phase("quiet");
			returnOneInTen(assigned);
			recordOutcomes(OUTCOMES);
			awaitCases(1);
			phase("cases");

			// Either instance answers the same for the leads of every partition, every
			// list and every figure.
			Map<String, String> answers = compareEveryRead(beforeKill);
			phase("leads compared");
			compareEveryList();
			phase("lists compared");
			assertThat(sumOverInstances("arbitration-service", "handoff_cases_open"))
				.as("open cases counted once over the two instances")
				.isEqualTo(openCases(1));

			// SIGKILL one instance of each service at once; from that moment, rounds of
			// those reads from the survivors, compared with what they answered before.
			long killedAt = System.nanoTime();
			STATEFUL.keySet().forEach((service) -> instance(service, 2).kill());
			Rounds rounds = new Rounds(answers, killedAt);
			Thread reading = new Thread(rounds, "failover-reads");
			reading.start();

			// New leads on every partition: scored, assigned and on a clock through the
			// survivors.
			List<String> probes = this.stack.untilAccepted(this.stack.get("intake-service"),
					probesOnEveryPartition(salesReady), "probes-" + this.stack.run);
			this.accepted.addAll(probes);
			await().atMost(FAILOVER_LIMIT.multipliedBy(2)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				Set<String> assignedNow = assigned.records()
					.stream()
					.map(ConsumerRecord::key)
					.collect(Collectors.toSet());
				assertThat(assignedNow).containsAll(probes);
				for (String probe : probes) {
					assertThat(this.stack.get(instance("sla-monitor", 1).url("/api/v1/clocks/" + probe), "admin")
						.statusCode()).as("clock of probe %s", probe).isEqualTo(200);
				}
			});
			Duration processing = Duration.ofNanos(System.nanoTime() - killedAt);
			rounds.tookOverAt = System.nanoTime();
			reading.join(FAILOVER_LIMIT.multipliedBy(4).toMillis());
			rounds.stop = true;
			reading.join();
			assertThat(rounds.failure).as("the reads of the survivors").isNull();
			System.out
				.printf("instances failover: SIGKILL of one of two instances of scoring, routing, sla-monitor and "
						+ "arbitration; every one of %d reads (the score, assignment and clock of %d leads, %d on each "
						+ "partition) answered by the survivors as before, by a client that retries a 503 after its "
						+ "Retry-After, in a round begun %s and ended %s after the kill (%d rounds; %d reads answered 503 "
						+ "first, %d different or unanswered); new leads of all %d partitions processed %s after the kill; "
						+ "every read answered again in a round begun after that, ended %s after the kill%n",
						3 * beforeKill.size(), beforeKill.size(), READ_PER_PARTITION,
						seconds(rounds.firstCompleteBegan), seconds(rounds.firstComplete), rounds.count,
						rounds.retried.get(), rounds.wrong.get(), probes.size(), seconds(processing),
						seconds(rounds.afterTakeover));
			assertThat(rounds.firstComplete).as("every read answered by the survivors").isNotNull();
			assertThat(rounds.firstCompleteBegan).isLessThanOrEqualTo(FAILOVER_LIMIT);
			assertThat(processing).isLessThanOrEqualTo(FAILOVER_LIMIT);
			assertThat(rounds.afterTakeover).as("every read answered after the survivors took over").isNotNull();

			// The rest of the leads through the survivors; then the exactly-once checks
			// over all of them.
			phase("failover");
			send(BEFORE_KILL, LEADS, assigned);
			Set<String> allSalesReady = quiet(scored, assigned);
			phase("rest quiet");
			returnOneInTen(assigned);
			Map<String, List<LeadAssigned>> assignments = PipelineCrashTests.byLead(assigned.records(), this.accepted);
			Map<String, JsonNode> clocks = PipelineCrashTests.assignedOnceEachWithOneClock(this.stack,
					instance("sla-monitor", 1).url("/api/v1/clocks"), this.accepted, allSalesReady, assignments);
			Map<String, Long> cases = awaitCases(1);
			phase("checked");
			System.out.printf("instances failover: steps ended at %s%n", String.join(", ", this.phases));
			System.out
				.printf("instances failover: %d leads accepted, %d sales-ready and assigned once each, %d clocks, "
						+ "%d returns and as many cases, through SIGKILL of one instance of each stateful service%n",
						this.accepted.size(), allSalesReady.size(), clocks.size(), cases.size());
		}
	}

	private ChildJvm instance(String service, int instance) {
		return this.stack.get(service + "-" + instance);
	}

	/**
	 * Sends leads {@code from} to {@code to} in batches, and a return for one in ten
	 * assigned meanwhile.
	 */
	private void send(int from, int to, TopicReader<LeadAssigned> assigned) throws InterruptedException {
		ChildJvm intake = this.stack.get("intake-service");
		for (int start = from; start < to; start += BATCH) {
			List<Map<String, Object>> leads = new ArrayList<>();
			for (int i = start; i < Math.min(to, start + BATCH); i++) {
				leads.add(form(i, "instances-" + this.stack.run + "-" + i + "@learners.example"));
			}
			this.accepted.addAll(this.stack.untilAccepted(intake, leads, "instances-" + this.stack.run + "-" + start));
			returnOneInTen(assigned);
		}
	}

	private void returnOneInTen(TopicReader<LeadAssigned> assigned) {
		for (ConsumerRecord<String, LeadAssigned> record : assigned.records()) {
			String leadId = record.key();
			if (this.accepted.contains(leadId) && Math.floorMod(leadId.hashCode(), 10) == 0
					&& !this.returns.containsKey(leadId)
					&& this.stack
						.post(this.stack.get("intake-service"), "/api/v1/returns",
								Map.of("leadId", leadId, "repId", record.value().repId(), "reasonCode",
										"NOT_A_DECISION_MAKER", "note", "instances suite"),
								"demo-sales-tool-key") == 202) {
				this.returns.put(leadId, record.value().repId());
			}
		}
	}

	/**
	 * The real outcome of each of the first {@code count} leads, as the sales tool
	 * reports it (several at a time).
	 */
	private void recordOutcomes(int count) throws Exception {
		List<Callable<Integer>> posts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String leadId = LeadIds.ofEmail("instances-" + this.stack.run + "-" + i + "@learners.example").toString();
			String outcome = this.demo.get(i % this.demo.size()).converted() ? "CONVERTED" : "LOST";
			// Asked again after the Retry-After (a second) when the sales tool's rate at
			// intake is used up.
			posts.add(() -> await().pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(30))
				.until(() -> this.stack.post(this.stack.get("intake-service"), "/api/v1/outcomes",
						Map.of("leadId", leadId, "outcome", outcome), "demo-sales-tool-key"),
						(status) -> status != 429));
		}
		for (Future<Integer> posted : this.readers.invokeAll(posts)) {
			assertThat(posted.get()).as("an outcome's answer").isEqualTo(202);
		}
	}

	private Map<String, Object> form(int i, String email) {
		Map<String, Object> form = new LinkedHashMap<>(this.demo.get(i % this.demo.size()).form());
		form.put("email", email);
		return form;
	}

	/**
	 * Waits until every accepted lead is scored and every sales-ready one assigned, and
	 * nothing more arrives; answers the sales-ready leads.
	 */
	private Set<String> quiet(TopicReader<LeadScored> scored, TopicReader<LeadAssigned> assigned) {
		await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			Map<String, List<LeadScored>> scores = PipelineCrashTests.byLead(scored.records(), this.accepted);
			assertThat(this.accepted.stream().filter((leadId) -> !scores.containsKey(leadId)).count())
				.as("accepted leads not scored yet")
				.isZero();
			assertThat(PipelineCrashTests.byLead(assigned.records(), this.accepted).keySet())
				.isEqualTo(salesReady(scores));
		});
		AtomicInteger lastSeen = new AtomicInteger(-1);
		await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofSeconds(3))
			.until(() -> lastSeen.getAndSet(scored.records().size() + assigned.records().size()) == scored.records()
				.size() + assigned.records().size());
		return salesReady(PipelineCrashTests.byLead(scored.records(), this.accepted));
	}

	private static Set<String> salesReady(Map<String, List<LeadScored>> scores) {
		return scores.entrySet()
			.stream()
			.filter((entry) -> PipelineCrashTests.endsSalesReady(entry.getValue()))
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
	}

	/**
	 * Waits until every return has its one case at arbitration's {@code instance}; the
	 * cases by lead.
	 */
	private Map<String, Long> awaitCases(int instance) {
		AtomicReference<Map<String, Long>> found = new AtomicReference<>();
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			Map<String, Long> cases = this.stack
				.json(instance("arbitration-service", instance).url("/api/v1/cases"), "judge")
				.valueStream()
				.map((opened) -> opened.get("leadId").asString())
				.filter(this.returns::containsKey)
				.collect(Collectors.groupingBy((leadId) -> leadId, Collectors.counting()));
			assertThat(cases.keySet()).as("leads returned with a case").isEqualTo(this.returns.keySet());
			assertThat(cases).allSatisfy((leadId, count) -> assertThat(count).as("cases of %s", leadId).isOne());
			found.set(cases);
		});
		return found.get();
	}

	/** The reads of one lead: its score, its assignment and its clock. */
	private List<String> readsOf(String leadId, int instance) {
		return List.of(
				instance("scoring-service", instance).url("/api/v1/leads/" + leadId + "/score") + " marketing-ops",
				instance("routing-service", instance).url("/api/v1/assignments/" + leadId) + " sales-ops",
				instance("sla-monitor", instance).url("/api/v1/clocks/" + leadId) + " admin");
	}

	/**
	 * The first {@code count} of {@code leads} (by id) on each partition of
	 * {@code leads.received}.
	 */
	private static Set<String> onEveryPartition(Set<String> leads, int count) {
		Map<Integer, List<String>> byPartition = leads.stream()
			.sorted()
			.collect(Collectors.groupingBy((leadId) -> partitionOf(leadId, Topics.LEADS_RECEIVED.partitions())));
		assertThat(byPartition).as("leads on every partition").hasSize(Topics.LEADS_RECEIVED.partitions());
		return byPartition.values()
			.stream()
			.flatMap((onePartition) -> onePartition.stream().limit(count))
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Every read of each lead from both instances, equal in status and body; answers
	 * instance 1's, by read.
	 */
	private Map<String, String> compareEveryRead(Set<String> leads) throws Exception {
		List<Callable<Map.Entry<String, String>>> reads = new ArrayList<>();
		for (String leadId : leads) {
			List<String> first = readsOf(leadId, 1);
			List<String> second = readsOf(leadId, 2);
			for (int i = 0; i < first.size(); i++) {
				String one = first.get(i);
				String two = second.get(i);
				reads.add(() -> {
					// Read again while they differ: a pair of reads may straddle a change
					// (a return reaching routing and sla-monitor a moment after
					// arbitration).
					AtomicReference<String> answer = new AtomicReference<>();
					await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).untilAsserted(() -> {
						answer.set(answer(one));
						assertThat(answer(two)).as("%s from the other instance", two).isEqualTo(answer.get());
					});
					return Map.entry(leadId + "#" + one.substring(one.indexOf("/api/")), answer.get());
				});
			}
		}
		Map<String, String> answers = new LinkedHashMap<>();
		for (Future<Map.Entry<String, String>> read : this.readers.invokeAll(reads)) {
			Map.Entry<String, String> answered = read.get();
			answers.put(answered.getKey(), answered.getValue());
		}
		assertThat(answers.values()).as("sales-ready leads have a clock")
			.anySatisfy((answer) -> assertThat(answer).startsWith("200 ").contains("\"firstTouchDue\""));
		return answers;
	}

	/**
	 * Rounds of the compared reads from the survivors, from the kill on, until one begun
	 * after they took over is complete (or it is stopped): when the first complete round
	 * ended, and the first begun after the take-over.
	 */
	final class Rounds implements Runnable {

		final Map<String, String> before;

		final long killedAt;

		final AtomicInteger wrong = new AtomicInteger();

		volatile long tookOverAt = Long.MAX_VALUE;

		volatile boolean stop;

		volatile int count;

		final AtomicInteger retried = new AtomicInteger();

		volatile Duration firstCompleteBegan;

		volatile Duration firstComplete;

		volatile Duration afterTakeover;

		volatile Throwable failure;

		Rounds(Map<String, String> before, long killedAt) {
			this.before = before;
			this.killedAt = killedAt;
		}

		@Override
		public void run() {
			try {
				while (!this.stop && this.afterTakeover == null) {
					long began = System.nanoTime();
					int different = survivorsAnswer(this.before, this.retried);
					this.count++;
					this.wrong.addAndGet(different);
					if (different == 0) {
						Duration since = Duration.ofNanos(System.nanoTime() - this.killedAt);
						if (this.firstComplete == null) {
							this.firstCompleteBegan = Duration.ofNanos(began - this.killedAt);
							this.firstComplete = since;
						}
						if (began >= this.tookOverAt) {
							this.afterTakeover = since;
						}
					}
				}
			}
			catch (Throwable ex) {
				this.failure = ex;
			}
		}

	}

	/**
	 * How many of a round of the compared reads from the survivors differ from before the
	 * kill, each read as a client would: a {@code 503} (a store moving between instances)
	 * asked again after its {@code Retry-After}, up to five times.
	 */
	private int survivorsAnswer(Map<String, String> before, AtomicInteger retried) throws Exception {
		List<Callable<Boolean>> reads = new ArrayList<>();
		before.forEach((read, answer) -> {
			String leadId = read.substring(0, read.indexOf('#'));
			String path = read.substring(read.indexOf('#') + 1);
			String url = readsOf(leadId, 1).stream()
				.filter((candidate) -> candidate.contains(path))
				.findFirst()
				.orElseThrow();
			reads.add(() -> {
				AtomicInteger tries = new AtomicInteger();
				try {
					// Asked again every 2 s (the Retry-After) while it answers 503, five
					// tries at most.
					String now = await().pollDelay(Duration.ZERO)
						.pollInterval(Duration.ofSeconds(2))
						.atMost(Duration.ofSeconds(9))
						.until(() -> {
							if (tries.getAndIncrement() > 0) {
								retried.incrementAndGet();
							}
							return answer(url);
						}, (answered) -> !answered.startsWith("503 "));
					return now.equals(answer);
				}
				catch (ConditionTimeoutException ex) {
					return false;
				}
			});
		});
		int wrong = 0;
		for (Future<Boolean> read : this.readers.invokeAll(reads)) {
			if (!read.get()) {
				wrong++;
			}
		}
		return wrong;
	}

	/** {@code <url> <person>}: the status and body, or what went wrong. */
	private String answer(String read) {
		String url = read.substring(0, read.lastIndexOf(' '));
		try {
			HttpResponse<String> response = this.stack.get(url, read.substring(read.lastIndexOf(' ') + 1));
			return response.statusCode() + " " + response.body();
		}
		catch (Exception ex) {
			return "unanswered " + ex;
		}
	}

	/**
	 * Every list and figure, equal from both instances (read again while they differ:
	 * some count with the clock).
	 */
	private void compareEveryList() throws Exception {
		String period = "?from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";
		String agreement = this.stack
			.json(instance("scoring-service", 1).url("/api/v1/agreements/active"), "marketing-ops")
			.get("agreementId")
			.asString();
		Map<String, String> lists = new LinkedHashMap<>();
		lists.put("sla-monitor /api/v1/clocks", "admin");
		lists.put("sla-monitor /api/v1/compliance" + period, "admin");
		lists.put("arbitration-service /api/v1/cases", "judge");
		lists.put("arbitration-service /api/v1/cases/refused-returns", "judge");
		lists.put("arbitration-service /api/v1/scorecard" + period, "executive");
		lists.put("routing-service /api/v1/teams", "sales-ops");
		lists.put("routing-service /api/v1/assignments/waiting", "sales-ops");
		lists.put("scoring-service /api/v1/funnel", "marketing-ops");
		lists.put("scoring-service /api/v1/agreements/" + agreement + "/calibration", "marketing-ops");
		for (Map.Entry<String, String> list : lists.entrySet()) {
			String service = list.getKey().substring(0, list.getKey().indexOf(' '));
			String path = list.getKey().substring(list.getKey().indexOf(' ') + 1);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				HttpResponse<String> one = this.stack.get(instance(service, 1).url(path), list.getValue());
				HttpResponse<String> two = this.stack.get(instance(service, 2).url(path), list.getValue());
				assertThat(one.statusCode()).as("%s %s: %s", service, path, one.body()).isEqualTo(200);
				assertThat(one.headers().firstValue("Handoff-Incomplete")).as("%s %s complete", service, path)
					.isEmpty();
				assertThat(withoutAges(two.body())).as("%s %s from both instances", service, path)
					.isEqualTo(withoutAges(one.body()));
			});
		}
	}

	/**
	 * A body without the ages of open cases, which each instance measures against its own
	 * clock at its moment.
	 */
	private static String withoutAges(String body) {
		JsonNode json = LeadEventsJson.mapper().readTree(body);
		if (json instanceof ObjectNode object) {
			object.remove(List.of("oldestOpenCase", "medianOpenCaseAge"));
		}
		return json.toString();
	}

	/**
	 * A gauge's value, summed over its series and over both instances of {@code service}.
	 */
	private double sumOverInstances(String service, String gauge) throws Exception {
		double sum = 0;
		for (int instance = 1; instance <= 2; instance++) {
			sum += this.stack.get(instance(service, instance).url("/actuator/prometheus"), "admin")
				.body()
				.lines()
				.filter((line) -> line.startsWith(gauge + "{") || line.startsWith(gauge + " "))
				.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
		}
		return sum;
	}

	private long openCases(int instance) throws Exception {
		return this.stack.json(instance("arbitration-service", instance).url("/api/v1/cases"), "judge")
			.valueStream()
			.filter((found) -> "OPEN".equals(found.get("status").asString()))
			.count();
	}

	/**
	 * One sales-ready lead for each partition of {@code leads.received}: the form of a
	 * lead that became sales-ready, under an e-mail whose lead id falls on that
	 * partition.
	 */
	private List<Map<String, Object>> probesOnEveryPartition(Set<String> salesReady) {
		int partitions = Topics.LEADS_RECEIVED.partitions();
		int salesReadyForm = -1;
		for (int i = 0; i < BEFORE_KILL && salesReadyForm < 0; i++) {
			String leadId = LeadIds.ofEmail("instances-" + this.stack.run + "-" + i + "@learners.example").toString();
			if (salesReady.contains(leadId)) {
				salesReadyForm = i;
			}
		}
		assertThat(salesReadyForm).as("a sales-ready lead among the first").isNotNegative();
		Map<Integer, Map<String, Object>> probes = new LinkedHashMap<>();
		for (int n = 0; probes.size() < partitions; n++) {
			String email = "probe-" + this.stack.run + "-" + n + "@learners.example";
			int partition = partitionOf(LeadIds.ofEmail(email).toString(), partitions);
			if (!probes.containsKey(partition)) {
				probes.put(partition, form(salesReadyForm, email));
			}
		}
		return List.copyOf(probes.values());
	}

	/**
	 * The partition Kafka's default partitioner gives a record keyed {@code key} (a
	 * string).
	 */
	private static int partitionOf(String key, int partitions) {
		return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
	}

	private static String seconds(Duration duration) {
		return (duration != null) ? String.format("%.1f s", duration.toMillis() / 1000.0) : "never";
	}

}
