package io.handoff.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.handoff.access.DemoSecrets;
import io.handoff.access.HandoffSecurity;
import io.handoff.events.ServiceApplication;
import io.handoff.intake.IntakeApplication;
import io.handoff.test.TestKafka;

/**
 * Intake's throughput and latency beside a baseline measured in the same run: a bare
 * Spring MVC endpoint doing the same single {@code send().get()} to the same broker.
 * Rounds alternate between the two so the machine's noise falls on both; the figures
 * printed are the medians of the rounds, and the verdict is the ratio.
 *
 * <p>
 * Run: {@code deploy/bench/intake} (arguments: clients, seconds per round, rounds).
 */
public final class IntakeBenchmark {

	private IntakeBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int clients = (args.length > 0) ? Integer.parseInt(args[0]) : 8;
		int seconds = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 3;
		String kafka = TestKafka.bootstrapServers();
		ConfigurableApplicationContext intake = ServiceApplication.builder(IntakeApplication.class)
			.run("--server.port=0", "--spring.profiles.active=" + DemoSecrets.PROFILE,
					"--spring.kafka.bootstrap-servers=" + kafka, "--spring.kafka.listener.auto-startup=false",
					"--logging.level.root=WARN", "--handoff.intake.clients[0].name=bench",
					"--handoff.intake.clients[0].roles=LEAD_SOURCE",
					"--handoff.intake.clients[0].key-sha256=" + HandoffSecurity.sha256("bench-key"),
					"--handoff.intake.clients[0].requests=100000000");
		ConfigurableApplicationContext bare = new SpringApplicationBuilder(BareSendApplication.class)
			.properties("spring.config.name=bench-bare")
			.run("--server.port=0", "--spring.profiles.active=" + DemoSecrets.PROFILE,
					"--spring.kafka.bootstrap-servers=" + kafka, "--logging.level.root=WARN",
					"--spring.kafka.admin.auto-create=false");
		String intakeUrl = "http://localhost:" + port(intake) + "/api/v1/leads";
		String bareUrl = "http://localhost:" + port(bare) + "/bare";
		System.out.printf("Intake benchmark: %d clients, %d s rounds, %d rounds each, %d cores, Java %s%n", clients,
				seconds, rounds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
		// Both are warmed up as long as a measured round, twice, so the JIT has compiled
		// both paths.
		for (int i = 0; i < 2; i++) {
			run(bareUrl, clients, seconds, "warm-up");
			run(intakeUrl, clients, seconds, "warm-up");
		}
		List<Result> baseline = new ArrayList<>();
		List<Result> handoff = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			baseline.add(run(bareUrl, clients, seconds, "baseline"));
			handoff.add(run(intakeUrl, clients, seconds, "intake"));
		}
		Result b = Result.median(baseline);
		Result h = Result.median(handoff);
		System.out.println();
		System.out.println("| endpoint | leads/s | p50 ms | p99 ms |");
		System.out.println("| --- | --- | --- | --- |");
		System.out.printf("| baseline: bare send().get() | %.0f | %.2f | %.2f |%n", b.perSecond(), b.p50(), b.p99());
		System.out.printf("| intake POST /api/v1/leads | %.0f | %.2f | %.2f |%n", h.perSecond(), h.p50(), h.p99());
		// Each round pairs a baseline run with the intake run right after it: the median
		// of the pairs' ratios is the figure least moved by the machine's other load.
		double[] ratios = new double[rounds];
		double[] p99Differences = new double[rounds];
		for (int i = 0; i < rounds; i++) {
			ratios[i] = handoff.get(i).perSecond() / baseline.get(i).perSecond();
			p99Differences[i] = handoff.get(i).p99() - baseline.get(i).p99();
		}
		System.out.printf("throughput ratio intake/baseline (median of rounds): %.2f (goal >= 0.80)%n",
				Result.median(ratios));
		System.out.printf("p99 difference intake-baseline (median of rounds): %+.2f ms (goal <= 5 ms)%n",
				Result.median(p99Differences));
		intake.close();
		bare.close();
		System.exit(0);
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static Result run(String url, int clients, int seconds, String label) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
		AtomicLong sequence = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<long[]>> work = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			work.add(pool.submit(() -> {
				long[] latencies = new long[1 << 16];
				int n = 0;
				while (System.nanoTime() < end) {
					long i = sequence.incrementAndGet();
					HttpRequest request = HttpRequest.newBuilder(URI.create(url))
						.header("Content-Type", "application/json")
						.header("X-API-Key", "bench-key")
						.POST(HttpRequest.BodyPublishers.ofString(lead(i)))
						.build();
					long start = System.nanoTime();
					HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
					long took = System.nanoTime() - start;
					if (response.statusCode() >= 300) {
						throw new IllegalStateException(url + " answered " + response.statusCode());
					}
					if (n == latencies.length) {
						latencies = Arrays.copyOf(latencies, n * 2);
					}
					latencies[n++] = took;
				}
				return Arrays.copyOf(latencies, n);
			}));
		}
		long[] all = new long[0];
		for (Future<long[]> future : work) {
			long[] part = future.get();
			long[] merged = Arrays.copyOf(all, all.length + part.length);
			System.arraycopy(part, 0, merged, all.length, part.length);
			all = merged;
		}
		pool.shutdown();
		Arrays.sort(all);
		Result result = new Result(all.length / (double) seconds, percentile(all, 0.50), percentile(all, 0.99));
		if (!label.equals("warm-up")) {
			System.out.printf("  %-8s %8.0f leads/s  p50 %6.2f ms  p99 %6.2f ms%n", label, result.perSecond(),
					result.p50(), result.p99());
		}
		return result;
	}

	private static double percentile(long[] sorted, double share) {
		return sorted[(int) Math.min(sorted.length - 1, Math.floor(share * sorted.length))] / 1e6;
	}

	/** A lead of about 1 KB, different each time, as a platform sends it. */
	private static String lead(long i) {
		return """
				{"email": "bench.%d@northwind-%d.com", "firstName": "Dana", "lastName": "Reyes",
				 "title": "VP Marketing", "phone": "+1 415 555 0100",
				 "company": {"name": "Northwind", "employees": 1200, "industry": "software", "country": "US",
				             "region": "CA"},
				 "source": "webinar", "campaign": "q4-launch", "externalId": "hs-%d",
				 "attributes": {"specialization": "Finance Management", "leadOrigin": "Landing Page Submission",
				                "leadSource": "Google", "lastActivity": "Email Opened", "timeOnWebsite": 1532,
				                "totalVisits": 5, "city": "Mumbai", "note": "%s"}}""".formatted(i, i % 500, i,
				"x".repeat(420));
	}

	private record Result(double perSecond, double p50, double p99) {

		static Result median(List<Result> results) {
			return new Result(median(results.stream().mapToDouble(Result::perSecond).toArray()),
					median(results.stream().mapToDouble(Result::p50).toArray()),
					median(results.stream().mapToDouble(Result::p99).toArray()));
		}

		static double median(double[] values) {
			Arrays.sort(values);
			return values[values.length / 2];
		}

	}

}
