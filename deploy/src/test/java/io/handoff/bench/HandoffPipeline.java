package io.handoff.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.handoff.demo.DemoLeads;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadIds;
import io.handoff.events.Topics;

/**
 * Handoff end to end on the local stack (`deploy/bench/pipeline` starts it): real leads
 * posted to intake, measured when their assignment is on {@code leads.assigned} (read
 * committed, as a sales tool reads it); beside B1, the plain-client three-hop relay
 * exactly-once, on the same broker in the same run. Also where a lead's time goes
 * (scoring, routing, routing's commit, from the events' own times), and the CPU seconds
 * each service and the broker spent per 1,000 leads (with the GC's and JIT compilers'
 * share) and its peak resident memory. Warm-ups come first: one finds the sales-ready
 * leads, then rounds as long as the measured run until the JIT compilers take less than a
 * tenth of the CPU.
 *
 * <p>
 * Arguments: {@code [leads for throughput] [rate per second] [seconds at that rate]}, and
 * optionally {@code [leads to load into state] [the stack's data directory]}: then the
 * measurement is made again after that many more leads went through the stack, with what
 * each wrote per topic, the state on disk by store and RocksDB's settings.
 */
public final class HandoffPipeline {

	static final String INTAKE = "http://localhost:8081";

	static final String KAFKA = "localhost:9092";

	static final List<String> SERVICES = List.of("intake-service", "scoring-service", "routing-service", "sla-monitor",
			"arbitration-service");

	/** The Kafka broker's row in the CPU table. */
	static final String BROKER = "kafka broker";

	private static final List<String> PROCESSES = Stream.concat(SERVICES.stream(), Stream.of(BROKER)).toList();

	/**
	 * Warm-up rounds at most, and the JIT compilers' share of the CPU below which the
	 * JVMs count as warm.
	 */
	private static final int WARM_UP_ROUNDS = 6;

	private static final double SETTLED = 0.10;

	/** A task's checkpoints and locks, beside its stores: not a store's. */
	private static final String BESIDE_STORES = "";

	/** Leads loaded into state at a time, each lot assigned before the next is sent. */
	private static final int LOT = 20_000;

	/**
	 * The RocksDB settings the report shows, as RocksDB writes them in its OPTIONS file.
	 */
	private static final List<String> ROCKSDB_SETTINGS = List.of("write_buffer_size", "max_write_buffer_number",
			"compaction_style", "compression", "block_size", "cache_index_and_filter_blocks", "max_open_files",
			"level0_file_num_compaction_trigger", "target_file_size_base");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	/** The stack's data directory (`.local-bench`): the services' state is under it. */
	private final Path stack;

	/** Each lead sent, by its place in the order sent. */
	private final List<UUID> ids = new ArrayList<>();

	/**
	 * When each measured lead was sent (System.nanoTime), and when it was read assigned.
	 */
	private final Map<UUID, Long> sent = new ConcurrentHashMap<>();

	private final Map<UUID, Long> assigned = new ConcurrentHashMap<>();

	/**
	 * Wall-clock times (epoch ms) for where a lead's time goes: sent, scored, assigned
	 * and read back.
	 */
	private final Map<UUID, Long> sentAt = new ConcurrentHashMap<>();

	private final Map<UUID, Long> scoredAt = new ConcurrentHashMap<>();

	private final Map<UUID, long[]> assignedAt = new ConcurrentHashMap<>();

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	HandoffPipeline(Path stack) {
		this.stack = stack;
	}

	public static void main(String[] args) throws Exception {
		int leads = (args.length > 0) ? Integer.parseInt(args[0]) : 20_000;
		int rate = (args.length > 1) ? Integer.parseInt(args[1]) : 1000;
		int seconds = (args.length > 2) ? Integer.parseInt(args[2]) : 20;
		int inState = (args.length > 3) ? Integer.parseInt(args[3]) : 0;
		Path stack = Path.of((args.length > 4) ? args[4] : ".local-bench");
		new HandoffPipeline(stack).measure(leads, rate, seconds, inState);
		System.exit(0);
	}

	/**
	 * One measurement: maximum throughput over {@code leads} leads, then the latency of
	 * each lead sent at a fixed rate ({@code from} to {@code to} in the order sent), with
	 * the CPU readings around the throughput round.
	 */
	private record Run(int inState, int leads, double max, long[] latencies, int from, int to,
			Map<String, long[]> before, Map<String, long[]> after) {

		double p(double share) {
			return percentile(this.latencies, share);
		}

		/** CPU seconds per 1,000 leads in one column of {@link #usage()}. */
		double perThousand(String process, int column) {
			long[] start = this.before.get(process);
			long[] end = this.after.get(process);
			return (start == null || end == null) ? Double.NaN
					: (end[column] - start[column]) * 1000.0 / this.leads / 100.0;
		}

		double all() {
			return PROCESSES.stream()
				.mapToDouble((process) -> perThousand(process, 0))
				.filter((cpu) -> !Double.isNaN(cpu))
				.sum();
		}

	}

	void measure(int leads, int rate, int seconds, int inState) throws Exception {
		List<DemoLeads.DemoLead> all = DemoLeads.all();
		AtomicBoolean reading = new AtomicBoolean(true);
		Thread reader = new Thread(() -> read(reading), "assignments");
		reader.start();
		// Warm-up: the first leads pay for class loading and the first fetches, and show
		// which leads of the data set the starter agreement makes sales-ready (only those
		// are assigned); the runs send only those.
		send(all, 2_000, 20, 20_000_000L, true);
		settle(Duration.ofSeconds(5));
		Set<DemoLeads.DemoLead> ready = new LinkedHashSet<>();
		for (int n = 0; n < this.ids.size(); n++) {
			if (this.assigned.containsKey(this.ids.get(n))) {
				ready.add(all.get(n % all.size()));
			}
		}
		List<DemoLeads.DemoLead> data = List.copyOf(ready);
		System.out.printf("warm-up: %d of 2,000 leads sales-ready and assigned%n", data.size());
		// Then rounds of as many leads as the measured run, as fast as they go, until the
		// JIT compilers of the seven JVMs are done with the hot paths: before that they
		// take a third to a half of the CPU, and a sustained rate is what is measured.
		for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
			Map<String, long[]> start = usage();
			double reached = fullSpeed(data, leads);
			double jit = share(start, usage(), 3);
			System.out.printf("warm-up round %d: %,d leads at %,.0f leads/s, JIT compilers %.0f %% of the CPU%n", round,
					leads, reached, 100 * jit);
			if (jit < SETTLED) {
				break;
			}
		}

		Run fresh = run(data, leads, rate, seconds);
		System.out.printf("fresh: %,.0f leads/s, p99 %,.0f ms at %d leads/s, with %,d leads in state%n", fresh.max(),
				fresh.p(0.99), rate, fresh.inState());
		Run loaded = null;
		Map<String, Long> topicsBefore = null;
		Map<String, Long> topicsAfter = null;
		double loadedAt = 0;
		if (inState > 0) {
			topicsBefore = topicBytes();
			loadedAt = load(data, inState);
			topicsAfter = topicBytes();
			quiet(Duration.ofMinutes(5));
			loaded = run(data, leads, rate, seconds);
			System.out.printf("with %,d leads in state: %,.0f leads/s, p99 %,.0f ms at %d leads/s%n", loaded.inState(),
					loaded.max(), loaded.p(0.99), rate);
		}
		reading.set(false);
		reader.join();

		KafkaBaselines.Relay relay = new KafkaBaselines.Relay(KAFKA, true);
		List<byte[]> payloads = KafkaBaselines.leads();
		// B1 warms up too; then its best of three longer rounds: a round of a few seconds
		// here is easily slowed by the stack's own background work, and the best is the
		// stricter yardstick for Handoff.
		System.out.printf("B1 warm-up: %,d leads at %,.0f leads/s%n", leads, relay.throughput(payloads, leads));
		double relayMax = 0;
		for (int round = 1; round <= 3; round++) {
			double reached = relay.throughput(payloads, 5 * leads);
			System.out.printf("B1 round %d: %,d leads at %,.0f leads/s%n", round, 5 * leads, reached);
			relayMax = Math.max(relayMax, reached);
		}
		double[] relayLatency = relay.latency(payloads, rate, seconds);
		relay.close();

		System.out.println();
		System.out.printf("Handoff on the local stack beside B1 exactly-once on the same broker; latency at %d leads/s "
				+ "for %d s%n", rate, seconds);
		System.out.printf("%-44s %12s %9s %9s %9s%n", "run", "max leads/s", "p50 ms", "p99 ms", "p99.9 ms");
		System.out.printf("%-44s %,12.0f %9.1f %9.1f %9.1f%n", "B1 3-hop relay exactly-once", relayMax, relayLatency[0],
				relayLatency[1], relayLatency[2]);
		List<Run> runs = new ArrayList<>(List.of(fresh));
		List<String> names = new ArrayList<>(List.of("Handoff intake -> leads.assigned"));
		if (loaded != null) {
			runs.add(loaded);
			names.add(String.format("the same, %,d leads in state", loaded.inState()));
		}
		for (int i = 0; i < runs.size(); i++) {
			Run run = runs.get(i);
			System.out.printf("%-44s %,12.0f %9.1f %9.1f %9.1f%n", names.get(i), run.max(), run.p(0.50), run.p(0.99),
					run.p(0.999));
		}
		System.out.printf("ratios: throughput %.2f of B1 exactly-once, p99 %.2fx B1 exactly-once's%n",
				fresh.max() / relayMax, fresh.p(0.99) / relayLatency[1]);
		if (loaded != null) {
			System.out.printf("with %,d leads in state against fresh: throughput %.2f, p99 %.2fx, CPU per lead %.2fx%n",
					loaded.inState(), loaded.max() / fresh.max(), loaded.p(0.99) / fresh.p(0.99),
					loaded.all() / fresh.all());
		}
		for (int i = 0; i < runs.size(); i++) {
			Run run = runs.get(i);
			System.out.println();
			System.out.printf("where a lead's time goes at %d leads/s (%s)%n", rate, names.get(i));
			System.out.printf("%-50s %9s %9s%n", "hop", "p50 ms", "p99 ms");
			List<UUID> measured = this.ids.subList(run.from(), run.to());
			hop("intake and scoring (sent -> scored)", measured, (id) -> this.scoredAt.get(id), this.sentAt::get);
			hop("routing, both stages (scored -> assigned)", measured, (id) -> at(this.assignedAt.get(id), 0),
					(id) -> this.scoredAt.get(id));
			hop("routing's commit (assigned -> read committed)", measured, (id) -> at(this.assignedAt.get(id), 1),
					(id) -> at(this.assignedAt.get(id), 0));
		}
		System.out.println();
		System.out.printf("%-22s %22s %12s %12s %14s %16s%n", "process", "CPU s per 1,000 leads", "of it GC",
				"of it JIT", "of it RocksDB", "peak RSS MiB");
		for (int i = 0; i < runs.size(); i++) {
			Run run = runs.get(i);
			if (runs.size() > 1) {
				System.out.println(names.get(i));
			}
			for (String process : PROCESSES) {
				long[] end = run.after().get(process);
				if (end != null && run.before().containsKey(process)) {
					System.out.printf("%-22s %22.2f %12.2f %12.2f %14.2f %16d%n", process, run.perThousand(process, 0),
							run.perThousand(process, 2), run.perThousand(process, 3), run.perThousand(process, 4),
							end[1] / 1024);
				}
			}
			System.out.printf("%-22s %22.2f%n", "all", run.all());
		}
		if (loaded != null) {
			System.out.println();
			System.out.printf("loading %,d leads into state: %,.0f leads/s%n", inState, loadedAt);
			bytesPerLead(topicsBefore, topicsAfter, inState);
			stateSizes(this.ids.size());
		}
	}

	/**
	 * One measurement: throughput as fast as the leads go, then latency at the rate.
	 */
	private Run run(List<DemoLeads.DemoLead> data, int leads, int rate, int seconds) throws Exception {
		int inState = this.ids.size();
		Map<String, long[]> before = usage();
		double max = fullSpeed(data, leads);
		Map<String, long[]> after = usage();
		int from = this.ids.size();
		// Batches of 10 leads at the rate: one batch every 10 leads' worth of time.
		send(data, rate * seconds, 10, 10L * 1_000_000_000L / rate, true);
		int to = this.ids.size();
		await(from, to, Duration.ofMinutes(5));
		long[] latencies = this.ids.subList(from, to)
			.stream()
			.mapToLong((id) -> this.assigned.get(id) - this.sent.get(id))
			.sorted()
			.toArray();
		return new Run(inState, leads, max, latencies, from, to, before, after);
	}

	/**
	 * Waits (at most {@code limit}) until the stack is nearly idle: what the load left
	 * behind (the services further down still reading, RocksDB still compacting) is not
	 * to fall into the next measurement.
	 */
	private static void quiet(Duration limit) throws Exception {
		long deadline = System.nanoTime() + limit.toNanos();
		long busy = Long.MAX_VALUE;
		// Below half of one core over five seconds. Idle, the stack takes about a quarter
		// (every Streams service commits and polls, the broker answers).
		while (busy > 250 && System.nanoTime() < deadline) {
			Map<String, long[]> before = usage();
			TimeUnit.SECONDS.sleep(5);
			busy = spent(before, usage(), 0);
		}
		System.out.printf("the stack settled: %.2f CPU s over the last 5 s%n", busy / 100.0);
	}

	/**
	 * Loads {@code count} more leads into the stack's state, a lot at a time, each lot
	 * assigned before the next is sent; leads per second.
	 */
	private double load(List<DemoLeads.DemoLead> data, int count) throws Exception {
		long started = System.nanoTime();
		for (int done = 0; done < count;) {
			int lot = Math.min(LOT, count - done);
			int from = this.ids.size();
			send(data, lot, 500, 0, false);
			await(from, from + lot, Duration.ofMinutes(10));
			done += lot;
			if (done % 100_000 == 0 || done == count) {
				System.out.printf("loaded %,d of %,d leads at %,.0f leads/s%n", done, count,
						done / ((System.nanoTime() - started) / 1e9));
			}
		}
		return count / ((System.nanoTime() - started) / 1e9);
	}

	/** Bytes on the broker's disk per topic (all partitions), compaction as it ran. */
	private static Map<String, Long> topicBytes() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA))) {
			List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
			Map<String, Long> bytes = new TreeMap<>();
			admin.describeLogDirs(brokers)
				.allDescriptions()
				.get()
				.values()
				.forEach((dirs) -> dirs.values()
					.forEach((dir) -> dir.replicaInfos()
						.forEach((partition, replica) -> bytes.merge(partition.topic(), replica.size(), Long::sum))));
			return bytes;
		}
	}

	/** What the load wrote to each topic and changelog, per lead. */
	private static void bytesPerLead(Map<String, Long> before, Map<String, Long> after, int leads) {
		System.out.printf("what a lead writes to Kafka while %,d are loaded (bytes on the broker's disk, after "
				+ "compression and what compaction ran):%n", leads);
		System.out.printf("%-76s %14s%n", "topic", "bytes per lead");
		long total = 0;
		List<Map.Entry<String, Long>> grown = after.entrySet()
			.stream()
			.map((topic) -> Map.entry(topic.getKey(), topic.getValue() - before.getOrDefault(topic.getKey(), 0L)))
			.filter((topic) -> topic.getValue() != 0)
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.toList();
		for (Map.Entry<String, Long> topic : grown) {
			System.out.printf("%-76s %,14d%n", topic.getKey(), topic.getValue() / leads);
			total += topic.getValue();
		}
		System.out.printf("%-76s %,14d%n", "all", total / leads);
	}

	/**
	 * Each service's state on disk (its Kafka Streams state directory) by store, and the
	 * RocksDB settings its stores run with.
	 */
	private void stateSizes(int leads) throws IOException {
		System.out.println();
		System.out.printf(
				"state on disk with %,d leads sent (every task's RocksDB files; what a memtable holds is not on disk yet):%n",
				leads);
		System.out.printf("%-22s %-28s %10s %12s %14s%n", "service", "store", "instances", "MiB", "bytes per lead");
		Path options = null;
		for (String service : SERVICES) {
			Path state = this.stack.resolve(service).resolve("state");
			if (!Files.isDirectory(state)) {
				continue;
			}
			Map<String, long[]> stores = new TreeMap<>();
			try (Stream<Path> files = Files.walk(state)) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					String store = store(state.relativize(file));
					long[] sizes = stores.computeIfAbsent(store, (name) -> new long[2]);
					sizes[0] += size(file);
					if (file.getFileName().toString().equals("CURRENT")) {
						sizes[1]++;
					}
					if (file.getFileName().toString().startsWith("OPTIONS-") && !file.toString().contains("/global/")
							&& (options == null || file.toString().compareTo(options.toString()) > 0)) {
						options = file;
					}
				}
			}
			stores.remove(BESIDE_STORES);
			for (Map.Entry<String, long[]> store : stores.entrySet()) {
				System.out.printf("%-22s %-28s %10d %12.1f %,14d%n", service, store.getKey(), store.getValue()[1],
						store.getValue()[0] / 1048576.0, store.getValue()[0] / leads);
			}
		}
		if (options != null) {
			System.out.printf("RocksDB settings (%s; the shared block cache and memtable budget of "
					+ "RocksDbSettings are not in it):%n", this.stack.relativize(options));
			Set<String> shown = new LinkedHashSet<>();
			for (String line : Files.readAllLines(options)) {
				String setting = line.strip();
				int equals = setting.indexOf('=');
				if (equals > 0 && ROCKSDB_SETTINGS.contains(setting.substring(0, equals))) {
					shown.add(setting);
				}
			}
			System.out.println("  " + String.join(", ", shown));
		}
	}

	/** A file's size, 0 when a flush or compaction removed it since it was listed. */
	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException gone) {
			return 0;
		}
	}

	/**
	 * The store a file of a state directory belongs to:
	 * {@code app/task/rocksdb/store/...}, else {@link #BESIDE_STORES}.
	 */
	private static String store(Path file) {
		for (int i = 0; i + 1 < file.getNameCount() - 1; i++) {
			if (file.getName(i).toString().equals("rocksdb")) {
				return file.getName(i + 1).toString();
			}
		}
		return BESIDE_STORES;
	}

	/**
	 * Posts {@code leads} leads in batches of 500 as fast as intake takes them; leads per
	 * second until the last is assigned.
	 */
	private double fullSpeed(List<DemoLeads.DemoLead> data, int leads) throws Exception {
		int from = this.ids.size();
		long started = System.nanoTime();
		send(data, leads, 500, 0, true);
		long last = await(from, from + leads, Duration.ofMinutes(10));
		return leads / ((last - started) / 1e9);
	}

	/**
	 * The share of the CPU ticks between two {@link #usage()} readings spent in one
	 * column (2 GC, 3 JIT, 4 RocksDB's background threads), all processes.
	 */
	private static double share(Map<String, long[]> before, Map<String, long[]> after, int column) {
		long all = spent(before, after, 0);
		return (all > 0) ? (double) spent(before, after, column) / all : 0;
	}

	/**
	 * The ticks between two {@link #usage()} readings in one column, all processes read
	 * both times.
	 */
	private static long spent(Map<String, long[]> before, Map<String, long[]> after, int column) {
		long ticks = 0;
		for (Map.Entry<String, long[]> end : after.entrySet()) {
			long[] start = before.get(end.getKey());
			if (start != null) {
				ticks += end.getValue()[column] - start[column];
			}
		}
		return ticks;
	}

	/**
	 * Posts {@code count} leads in batches, a batch every {@code pauseNanos} (0: as fast
	 * as intake takes them); {@code timed}: whether each lead's sending is kept for its
	 * latency.
	 */
	private void send(List<DemoLeads.DemoLead> data, int count, int batchSize, long pauseNanos, boolean timed)
			throws Exception {
		long started = System.nanoTime();
		for (int batch = 0; batch * batchSize < count; batch++) {
			if (pauseNanos > 0) {
				KafkaBaselines.until(started + batch * pauseNanos);
			}
			List<Map<String, Object>> leads = new ArrayList<>();
			List<UUID> sending = new ArrayList<>();
			for (int i = 0; i < batchSize && batch * batchSize + i < count; i++) {
				int n = this.ids.size() + sending.size();
				Map<String, Object> lead = salesReady(data.get(n % data.size()), n);
				leads.add(lead);
				sending.add(LeadIds.ofEmail((String) lead.get("email")));
			}
			long now = System.nanoTime();
			long wall = System.currentTimeMillis();
			if (timed) {
				sending.forEach((id) -> {
					this.sent.put(id, now);
					this.sentAt.put(id, wall);
				});
			}
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create(INTAKE + "/api/v1/leads/batch"))
					.header("Content-Type", "application/json")
					.header("X-API-Key", "demo-lead-source-key")
					.POST(HttpRequest.BodyPublishers.ofByteArray(LeadEventsJson.mapper().writeValueAsBytes(leads)))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 429) {
				batch--;
				Thread.onSpinWait();
				continue;
			}
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException("intake answered " + response.statusCode() + ": " + response.body());
			}
			this.ids.addAll(sending);
		}
	}

	/**
	 * A real lead of the data set, made sales-ready under the starter agreement (a senior
	 * buyer at a large company).
	 */
	private Map<String, Object> salesReady(DemoLeads.DemoLead lead, int n) {
		Map<String, Object> form = new LinkedHashMap<>(lead.form());
		form.put("email", "bench-" + this.run + "-" + n + "@learners.example");
		form.put("title", "VP Marketing");
		form.put("company", Map.of("name", "Northwind", "employees", 1200, "country", "US"));
		form.put("source", "webinar");
		return form;
	}

	private void read(AtomicBoolean reading) {
		Map<String, Object> config = new HashMap<>();
		config.put("bootstrap.servers", KAFKA);
		config.put("group.id", "bench-" + this.run);
		config.put("auto.offset.reset", "latest");
		config.put("isolation.level", "read_committed");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(Topics.LEADS_ASSIGNED.name(), Topics.LEADS_SCORED.name()));
			while (reading.get()) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
					UUID leadId = UUID.fromString(record.key());
					long occurredAt = Instant
						.parse(LeadEventsJson.mapper().readTree(record.value()).path("occurredAt").asString())
						.toEpochMilli();
					if (record.topic().equals(Topics.LEADS_SCORED.name())) {
						this.scoredAt.putIfAbsent(leadId, occurredAt);
					}
					else if (this.assigned.putIfAbsent(leadId, System.nanoTime()) == null) {
						this.assignedAt.put(leadId, new long[] { occurredAt, System.currentTimeMillis() });
					}
				}
			}
		}
	}

	/**
	 * Waits until the leads sent {@code from} (inclusive) {@code to} (exclusive) are
	 * assigned; when the last arrived.
	 */
	private long await(int from, int to, Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		if (from == to) {
			return System.nanoTime();
		}
		int next = from;
		long last = 0;
		while (System.nanoTime() < deadline) {
			for (Long arrived = this.assigned.get(this.ids.get(next)); arrived != null;) {
				last = Math.max(last, arrived);
				next++;
				arrived = (next < to) ? this.assigned.get(this.ids.get(next)) : null;
			}
			if (next == to) {
				return last;
			}
			TimeUnit.MILLISECONDS.sleep(200);
		}
		throw new IllegalStateException("Not all of " + (to - from) + " leads were assigned within " + limit);
	}

	/** Waits until no assignment has arrived for {@code quiet}. */
	private void settle(Duration quiet) throws InterruptedException {
		int seen = -1;
		while (seen != this.assigned.size()) {
			seen = this.assigned.size();
			TimeUnit.NANOSECONDS.sleep(quiet.toNanos());
		}
	}

	/**
	 * Per service and for the broker: CPU ticks (user + system), peak resident memory in
	 * KiB, and the ticks of its garbage collector's, JIT compiler's and RocksDB's
	 * threads, from /proc.
	 */
	private static Map<String, long[]> usage() throws Exception {
		Map<String, long[]> usage = new HashMap<>();
		for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
			String command = process.info().commandLine().orElse("");
			for (String service : PROCESSES) {
				boolean broker = service.equals(BROKER);
				if (broker ? command.contains("kafka.Kafka ") : command.contains(service + "/target/" + service)) {
					Path proc = Path.of("/proc", Long.toString(process.pid()));
					long peak = Files.readAllLines(proc.resolve("status"))
						.stream()
						.filter((line) -> line.startsWith("VmHWM:"))
						.mapToLong((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")))
						.findFirst()
						.orElse(0);
					long gc = 0;
					long jit = 0;
					long rocksdb = 0;
					try (Stream<Path> threads = Files.list(proc.resolve("task"))) {
						for (Path thread : threads.toList()) {
							String name;
							long ticks;
							try {
								name = Files.readString(thread.resolve("comm")).strip();
								ticks = ticks(thread);
							}
							catch (IOException threadGone) {
								// It ended while it was read: its ticks are in the
								// process's total.
								continue;
							}
							if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
								gc += ticks;
							}
							else if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
								jit += ticks;
							}
							else if (name.startsWith("rocksdb:")) {
								// RocksDB's own flushes and compactions (native threads).
								rocksdb += ticks;
							}
						}
					}
					catch (IOException processGone) {
						// The process ends: its figures stop here.
					}
					usage.put(service, new long[] { ticks(proc), peak, gc, jit, rocksdb });
				}
			}
		}
		return usage;
	}

	/** User and system CPU ticks of a process or thread, from its {@code stat}. */
	private static long ticks(Path proc) throws IOException {
		String[] stat = Files.readString(proc.resolve("stat")).split("\\) ")[1].split(" ");
		return Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
	}

	/** Prints one hop's percentiles over the leads that have both of its ends. */
	private static void hop(String name, List<UUID> leads, Function<UUID, Long> end, Function<UUID, Long> start) {
		long[] millis = leads.stream()
			.filter((id) -> end.apply(id) != null && start.apply(id) != null)
			.mapToLong((id) -> (end.apply(id) - start.apply(id)) * 1_000_000L)
			.sorted()
			.toArray();
		System.out.printf("%-50s %9.0f %9.0f%n", name, percentile(millis, 0.50), percentile(millis, 0.99));
	}

	private static @org.jspecify.annotations.Nullable Long at(long @org.jspecify.annotations.Nullable [] times,
			int which) {
		return (times != null) ? times[which] : null;
	}

	private static double percentile(long[] sorted, double share) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		return sorted[(int) Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] / 1e6;
	}

}
