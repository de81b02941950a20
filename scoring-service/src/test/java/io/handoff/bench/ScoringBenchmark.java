package io.handoff.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import io.handoff.demo.DemoLeads;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadReceived;
import io.handoff.scoring.Agreements;
import io.handoff.scoring.scores.CompiledAgreement;
import io.handoff.scoring.scores.LeadProfile;
import io.handoff.scoring.scores.LeadScorer;

/**
 * The scoring function on the starter agreement (40+ fit rules and target profiles, 16
 * engagement rules) over the real X Education leads, a quarter of them with engagement;
 * leads per second per thread. The baseline, measured in the same run, is reading the
 * same leads from their JSON, which every scored record costs anyway.
 *
 * <p>
 * Run with {@code deploy/bench/scoring}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScoringBenchmark {

	static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");

	CompiledAgreement agreement;

	LeadProfile[] profiles;

	byte[][] json;

	int next;

	@Setup(Level.Trial)
	public void setUp() {
		LeadAgreement starter = Agreements.starter();
		this.agreement = CompiledAgreement.of(starter);
		List<DemoLeads.DemoLead> leads = DemoLeads.all();
		List<String> types = starter.engagementRules().stream().map(LeadAgreement.EngagementRule::type).toList();
		this.profiles = new LeadProfile[leads.size()];
		this.json = new byte[leads.size()][];
		for (int i = 0; i < leads.size(); i++) {
			LeadReceived lead = leads.get(i).received(NOW);
			LeadProfile profile = LeadProfile.EMPTY.withLead(lead);
			for (int e = 0; e < ((i % 4 == 0) ? 3 : 0); e++) {
				profile = profile.withEngagement(new LeadProfile.Engagement(types.get((i + e) % types.size()),
						NOW.minus(Duration.ofDays(e * 7L))));
			}
			this.profiles[i] = profile;
			this.json[i] = LeadEventsJson.mapper().writeValueAsBytes(lead);
		}
	}

	@Benchmark
	public LeadScorer.Score score() {
		LeadProfile profile = this.profiles[this.next];
		this.next = (this.next + 1 == this.profiles.length) ? 0 : this.next + 1;
		return LeadScorer.score(this.agreement, profile, NOW);
	}

	@Benchmark
	public LeadReceived baselineReadLeadJson() {
		byte[] lead = this.json[this.next];
		this.next = (this.next + 1 == this.json.length) ? 0 : this.next + 1;
		return LeadEventsJson.mapper().readValue(lead, LeadReceived.class);
	}

	public static void main(String[] args) throws Exception {
		int seconds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		Options options = new OptionsBuilder().include(ScoringBenchmark.class.getName())
			.forks(1)
			.threads(1)
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(seconds))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(seconds))
			.jvmArgs("-Xmx1g")
			.build();
		double score = 0;
		double baseline = 0;
		for (RunResult result : new Runner(options).run()) {
			double perSecond = result.getPrimaryResult().getScore();
			if (result.getParams().getBenchmark().endsWith("score")) {
				score = perSecond;
			}
			else {
				baseline = perSecond;
			}
		}
		int rules = Agreements.starter().fitRules().size() + Agreements.starter().targetProfiles().size();
		System.out.printf("%nScoring on the starter agreement (%d fit rules and profiles), one thread:%n", rules);
		System.out.printf("  scoring             %,12.0f leads/s%n", score);
		System.out.printf("  baseline: read JSON %,12.0f leads/s%n", baseline);
		System.out.printf("  ratio scoring/baseline: %.2f (scoring a lead costs %.2f of reading it)%n",
				score / baseline, baseline / score);
		System.out.printf("  goal 200,000 leads/s/thread: %s%n", (score >= 200_000) ? "met" : "NOT met");
	}

}
