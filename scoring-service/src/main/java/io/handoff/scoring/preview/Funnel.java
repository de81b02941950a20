package io.handoff.scoring.preview;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored.Stage;
import io.handoff.scoring.scoring.CompiledAgreement;
import io.handoff.scoring.scoring.LeadProfile;
import io.handoff.scoring.scoring.LeadScorer;

/**
 * The numbers marketing is measured on: of the leads that arrived within a window, how many the agreement in force
 * qualifies, and how many of those with a known outcome were won, per source, country and grade.
 *
 * @param agreementId the agreement in force
 * @param window how far back leads are counted
 * @param total every lead of the window
 * @param segments per dimension ({@code source}, {@code country}, {@code grade}), per value
 * @param salesReadyByRule per rule, the sales-ready leads it fired for (the base of a rule's return-for-cause rate)
 */
public record Funnel(String agreementId, Duration window, Counts total, Map<String, Map<String, Counts>> segments,
		Map<String, Integer> salesReadyByRule) {

	private static final String NONE = "(none)";

	/** Counts the profiles whose lead arrived within {@code window} before {@code now}. */
	public static Funnel of(CompiledAgreement active, Collection<LeadProfile> profiles, Duration window, Instant now) {
		Instant since = now.minus(window);
		Counts total = new Counts();
		Map<String, Map<String, Counts>> segments = new TreeMap<>();
		Map<String, Integer> salesReadyByRule = new TreeMap<>();
		for (LeadProfile profile : profiles) {
			LeadReceived lead = profile.lead();
			if (lead == null || lead.occurredAt().isBefore(since)) {
				continue;
			}
			LeadScorer.Score score = LeadScorer.score(active, profile, now);
			total.count(score.stage(), profile.converted());
			segment(segments, "source", lead.source()).count(score.stage(), profile.converted());
			segment(segments, "country", lead.company().country()).count(score.stage(), profile.converted());
			segment(segments, "grade", score.grade()).count(score.stage(), profile.converted());
			if (score.stage() == Stage.SALES_READY) {
				score.explanation().forEach((hit) -> salesReadyByRule.merge(hit.ruleId(), 1, Integer::sum));
			}
		}
		return new Funnel(active.agreement().agreementId(), window, total, segments, salesReadyByRule);
	}

	private static Counts segment(Map<String, Map<String, Counts>> segments, String dimension, @Nullable String value) {
		return segments.computeIfAbsent(dimension, (name) -> new TreeMap<>())
			.computeIfAbsent((value != null) ? value : NONE, (name) -> new Counts());
	}

	/** Leads, qualified leads (MQL or sales-ready), sales-ready leads, and outcomes. */
	public static final class Counts {

		private int leads;

		private int qualified;

		private int salesReady;

		private int won;

		private int lost;

		void count(Stage stage, @Nullable Boolean converted) {
			this.leads++;
			if (stage == Stage.MQL || stage == Stage.SALES_READY) {
				this.qualified++;
			}
			if (stage == Stage.SALES_READY) {
				this.salesReady++;
			}
			if (converted != null) {
				if (converted) {
					this.won++;
				}
				else {
					this.lost++;
				}
			}
		}

		public int getLeads() {
			return this.leads;
		}

		public int getQualified() {
			return this.qualified;
		}

		public int getSalesReady() {
			return this.salesReady;
		}

		public int getWon() {
			return this.won;
		}

		public int getLost() {
			return this.lost;
		}

		/** Won of those with an outcome, {@code null} before any outcome. */
		public @Nullable Double getConversion() {
			return (this.won + this.lost > 0) ? (double) this.won / (this.won + this.lost) : null;
		}

	}

}
