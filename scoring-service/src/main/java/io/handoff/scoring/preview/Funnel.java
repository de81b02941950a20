package io.handoff.scoring.preview;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored.Stage;
import io.handoff.scoring.scores.CompiledAgreement;
import io.handoff.scoring.scores.LeadProfile;
import io.handoff.scoring.scores.LeadScorer;

/**
 * The numbers marketing is measured on: of the leads that arrived within a window, how
 * many the agreement in force qualifies, and how many of those with a known outcome were
 * won, per source, country and grade.
 *
 * @param agreementId the agreement in force
 * @param window how far back leads are counted
 * @param total every lead of the window
 * @param segments per dimension ({@code source}, {@code country}, {@code grade}), per
 * value
 * @param salesReadyByRule per rule, the sales-ready leads it fired for (the base of a
 * rule's return-for-cause rate)
 */
public record Funnel(String agreementId, Duration window, Counts total, Map<String, Map<String, Counts>> segments,
		Map<String, Integer> salesReadyByRule) {

	private static final String NONE = "(none)";

	/**
	 * Counts the profiles whose lead arrived within {@code window} before {@code now}.
	 */
	public static Funnel of(CompiledAgreement active, Collection<LeadProfile> profiles, Duration window, Instant now) {
		Instant since = now.minus(window);
		Counts total = Counts.NONE;
		Map<String, Map<String, Counts>> segments = new TreeMap<>();
		Map<String, Integer> salesReadyByRule = new TreeMap<>();
		for (LeadProfile profile : profiles) {
			LeadReceived lead = profile.lead();
			if (lead == null || lead.occurredAt().isBefore(since)) {
				continue;
			}
			LeadScorer.Score score = LeadScorer.score(active, profile, now);
			Counts one = Counts.of(score.stage(), profile.converted());
			total = total.plus(one);
			add(segments, "source", lead.source(), one);
			add(segments, "country", lead.company().country(), one);
			add(segments, "grade", score.grade(), one);
			if (score.stage() == Stage.SALES_READY) {
				score.explanation().forEach((hit) -> salesReadyByRule.merge(hit.ruleId(), 1, Integer::sum));
			}
		}
		return new Funnel(active.agreement().agreementId(), window, total, segments, salesReadyByRule);
	}

	/**
	 * This funnel and {@code other}, counted over other leads under the same agreement
	 * and window, as one: what two instances' shares of the leads come to together.
	 */
	public Funnel plus(Funnel other) {
		Map<String, Map<String, Counts>> segments = new TreeMap<>();
		for (Map<String, Map<String, Counts>> share : List.of(this.segments, other.segments)) {
			share.forEach(
					(dimension, values) -> values.forEach((value, counts) -> add(segments, dimension, value, counts)));
		}
		Map<String, Integer> salesReadyByRule = new TreeMap<>(this.salesReadyByRule);
		other.salesReadyByRule.forEach((rule, count) -> salesReadyByRule.merge(rule, count, Integer::sum));
		return new Funnel(this.agreementId, this.window, this.total.plus(other.total), segments, salesReadyByRule);
	}

	private static void add(Map<String, Map<String, Counts>> segments, String dimension, @Nullable String value,
			Counts counts) {
		segments.computeIfAbsent(dimension, (name) -> new TreeMap<>())
			.merge((value != null) ? value : NONE, counts, Counts::plus);
	}

	/**
	 * Leads, qualified leads (MQL or sales-ready), sales-ready leads, and outcomes.
	 *
	 * @param leads every lead counted
	 * @param qualified those MQL or sales-ready
	 * @param salesReady those sales-ready
	 * @param won those with an outcome that converted or were won
	 * @param lost those with an outcome that did not
	 */
	public record Counts(int leads, int qualified, int salesReady, int won, int lost) {

		static final Counts NONE = new Counts(0, 0, 0, 0, 0);

		static Counts of(Stage stage, @Nullable Boolean converted) {
			boolean salesReady = stage == Stage.SALES_READY;
			return new Counts(1, (salesReady || stage == Stage.MQL) ? 1 : 0, salesReady ? 1 : 0,
					Boolean.TRUE.equals(converted) ? 1 : 0, Boolean.FALSE.equals(converted) ? 1 : 0);
		}

		Counts plus(Counts other) {
			return new Counts(this.leads + other.leads, this.qualified + other.qualified,
					this.salesReady + other.salesReady, this.won + other.won, this.lost + other.lost);
		}

		/** Won of those with an outcome, {@code null} before any outcome. */
		@JsonProperty("conversion")
		public @Nullable Double conversion() {
			return (this.won + this.lost > 0) ? (double) this.won / (this.won + this.lost) : null;
		}

	}

}
