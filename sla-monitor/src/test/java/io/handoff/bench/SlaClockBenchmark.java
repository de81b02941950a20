package io.handoff.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import io.handoff.events.AgreementSerde;
import io.handoff.events.LeadAssigned;
import io.handoff.events.SlaEvent;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.events.streams.InputEnds;
import io.handoff.sla.clock.SlaSettings;
import io.handoff.sla.clock.SlaTopology;

/**
 * The SLA clocks at scale: the clock processor with its real RocksDB stores holding
 * 1,000,000 open clocks, ticked every 500 ms while 1,000 clocks a second fall due (each
 * with two warnings and a breach, so 3,000 steps a second). Reports how late breaches
 * fire (the wait for the next tick plus the tick's own time), the tick time as a share of
 * the interval, heap and state size. The baseline, run the same way in the same JVM,
 * holds fewer open clocks with the same due rate (40,000): the ratio shows whether a
 * tick's cost follows the due clocks or the open ones.
 *
 * <p>
 * Not Kafka: the stores and the punctuator are Kafka Streams' own, driven directly, so
 * the figures are the processor's. Run with {@code deploy/bench/sla [open clocks]}.
 */
public final class SlaClockBenchmark {

	static final Duration TICK = Duration.ofMillis(500);

	static final int DUE_PER_SECOND = 1000;

	static final Duration FIRST_TOUCH = Duration.ofSeconds(2);

	static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

	/**
	 * The baseline's open clocks: enough to keep clocks falling due through the measured
	 * ticks.
	 */
	static final int BASELINE = 40_000;

	/** Ticks measured, after a catch-up tick and a warm-up. */
	static final Duration MEASURED = Duration.ofSeconds(30);

	private SlaClockBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int open = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		Result baseline = run(BASELINE);
		Result measured = run(open);
		System.out.printf("%nSLA clocks, ticked every %d ms, %,d clocks due per second (3 steps each):%n",
				TICK.toMillis(), DUE_PER_SECOND);
		System.out.printf("  %-28s %14s %14s%n", "", String.format("%,d open", BASELINE),
				String.format("%,d open", open));
		print("load (clocks/s)", baseline.loadPerSecond(), measured.loadPerSecond(), "%,.0f");
		print("tick p50 (ms)", baseline.tickP50(), measured.tickP50(), "%.1f");
		print("tick p99 (ms)", baseline.tickP99(), measured.tickP99(), "%.1f");
		print("tick mean / interval", baseline.tickMean() / TICK.toMillis(), measured.tickMean() / TICK.toMillis(),
				"%.3f");
		print("tick p99 / interval", baseline.tickP99() / TICK.toMillis(), measured.tickP99() / TICK.toMillis(),
				"%.3f");
		print("tick per due step (us)", baseline.microsPerStep(), measured.microsPerStep(), "%.1f");
		print("breach late p50 (ms)", baseline.lateP50(), measured.lateP50(), "%.0f");
		print("breach late p99 (ms)", baseline.lateP99(), measured.lateP99(), "%.0f");
		print("heap used after load (MB)", baseline.heapMb(), measured.heapMb(), "%.0f");
		print("state on disk (MB)", baseline.stateMb(), measured.stateMb(), "%.0f");
		System.out.printf("  ratio tick cost per due step, %,d open / %,d open: %.2f%n", open, BASELINE,
				measured.microsPerStep() / baseline.microsPerStep());
		System.out.printf(
				"  goals: breach p99 under 1 s: %s; tick under 10%% of the interval: %s on average, %s at p99%n",
				(measured.lateP99() < 1000) ? "met" : "NOT met",
				(measured.tickMean() / TICK.toMillis() < 0.10) ? "met" : "NOT met",
				(measured.tickP99() / TICK.toMillis() < 0.10) ? "met" : "NOT met");
	}

	private static void print(String what, double baseline, double measured, String format) {
		System.out.printf("  %-28s %14s %14s%n", what, String.format(format, baseline),
				String.format(format, measured));
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static Result run(int open) throws IOException {
		Path stateDir = Path.of("target", "bench-sla", open + "-" + UUID.randomUUID());
		Files.createDirectories(stateDir);
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "sla-bench");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		MockProcessorContext<String, SlaEvent> context = new MockProcessorContext<>(config, new TaskId(0, 0),
				stateDir.toFile());
		SlaSettings settings = new SlaSettings(List.of(0.5, 0.8), false, FIRST_TOUCH, Duration.ofHours(1), TICK, 10_000,
				null);
		ProcessorSupplier<String, Object, String, SlaEvent> supplier = SlaTopology.watchClocks(settings,
				BusinessCalendars.NONE.build(), new SimpleMeterRegistry(), InputEnds.NOTHING_WRITTEN);
		List<StateStore> stores = new ArrayList<>();
		for (StoreBuilder<?> builder : supplier.stores()) {
			stores.add(builder.withLoggingDisabled().build());
		}
		stores.add(
				Stores
					.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SlaTopology.AGREEMENTS_STORE), Serdes.String(),
							new AgreementSerde())
					.withLoggingDisabled()
					.build());
		for (StateStore store : stores) {
			store.init(context.getStateStoreContext(), store);
			context.addStateStore(store);
		}
		Processor<String, Object, String, SlaEvent> processor = supplier.get();
		processor.init(context);

		// Clock i is assigned so that its breach falls due at T0 + i / rate, its warnings
		// 1 and 0.4 seconds earlier.
		long loadStart = System.nanoTime();
		for (int i = 0; i < open; i++) {
			Instant assignedAt = T0.minus(FIRST_TOUCH).plusNanos(1_000_000_000L * i / DUE_PER_SECOND);
			UUID leadId = new UUID(7, i);
			processor.process(new Record<>(
					leadId.toString(), new LeadAssigned(UUID.randomUUID(), assignedAt, leadId, "rep-" + (i % 35),
							"Rep " + (i % 35), "Central", LeadAssigned.Method.ROUND_ROBIN, "B", 1, List.of()),
					assignedAt.toEpochMilli()));
		}
		double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
		stores.forEach(StateStore::flush);
		System.gc();
		double heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1e6;
		double stateMb = size(stateDir) / 1e6;

		// Catch up on the first second (the warnings due before T0 + 1 s) and warm up for
		// 4 s, unmeasured.
		var punctuator = context.scheduledPunctuators().get(0).getPunctuator();
		for (Instant now = T0.plusSeconds(1); now.isBefore(T0.plusSeconds(5)); now = now.plus(TICK)) {
			punctuator.punctuate(now.toEpochMilli());
			context.resetForwards();
		}
		List<Double> ticks = new ArrayList<>();
		List<Double> late = new ArrayList<>();
		long steps = 0;
		Instant end = T0.plusSeconds(5).plus(MEASURED);
		for (Instant now = T0.plusSeconds(5); now.isBefore(end); now = now.plus(TICK)) {
			long started = System.nanoTime();
			punctuator.punctuate(now.toEpochMilli());
			double tickMillis = (System.nanoTime() - started) / 1e6;
			ticks.add(tickMillis);
			for (var forward : context.forwarded()) {
				SlaEvent event = (SlaEvent) forward.record().value();
				steps++;
				if (event.type() == SlaEvent.Type.BREACH) {
					late.add(Duration.between(event.deadline(), now).toMillis() + tickMillis);
				}
			}
			context.resetForwards();
		}
		processor.close();
		for (StateStore store : stores) {
			store.close();
		}
		deleteQuietly(stateDir);
		double tickTotal = ticks.stream().mapToDouble(Double::doubleValue).sum();
		return new Result(open / loadSeconds, tickTotal / ticks.size(), percentile(ticks, 50), percentile(ticks, 99),
				tickTotal * 1000 / Math.max(1, steps), percentile(late, 50), percentile(late, 99), heapMb, stateMb);
	}

	private static double percentile(List<Double> values, int percentile) {
		List<Double> sorted = values.stream().sorted().toList();
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
	}

	private static long size(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.map(Path::toFile).filter(File::isFile).mapToLong(File::length).sum();
		}
	}

	private static void deleteQuietly(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
	}

	record Result(double loadPerSecond, double tickMean, double tickP50, double tickP99, double microsPerStep,
			double lateP50, double lateP99, double heapMb, double stateMb) {
	}

}
