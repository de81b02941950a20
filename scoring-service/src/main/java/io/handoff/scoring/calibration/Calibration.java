package io.handoff.scoring.calibration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.handoff.events.LeadReceived;
import io.handoff.scoring.scores.CompiledAgreement;
import io.handoff.scoring.scores.CompiledAgreement.Rule;
import io.handoff.scoring.scores.LeadScorer;

/**
 * Calibrates an agreement's fit rules from outcomes: a logistic regression of conversion
 * on which rules fired, fitted on most leads and judged on the rest (held out by lead id,
 * so the same lead always falls on the same side), turned into suggested points on a
 * scorecard scale where {@code pointsToDoubleOdds} points double the odds of converting.
 */
public final class Calibration {

	/** One lead in a hundred per bucket; buckets below this are held out. */
	private static final int HELD_OUT_PERCENT = 30;

	/**
	 * Fewer leads than this with a rule firing, and the rule gets no suggestion: too
	 * little evidence.
	 */
	private static final int MIN_EVIDENCE = 20;

	private static final double RIDGE = 1.0;

	private Calibration() {
	}

	/**
	 * Calibrates {@code agreement}'s rules on {@code examples}.
	 * @throws IllegalArgumentException when there are too few outcomes of either kind to
	 * learn from
	 */
	public static CalibrationReport calibrate(CompiledAgreement agreement, List<Example> examples,
			int pointsToDoubleOdds) {
		return calibrate(agreement, Outcomes.of(agreement, examples), pointsToDoubleOdds);
	}

	/**
	 * Calibrates {@code agreement}'s rules on what the leads with outcomes come to
	 * ({@link Outcomes}, gathered from every instance): the same report as from the leads
	 * themselves.
	 * @throws IllegalArgumentException when there are too few outcomes of either kind to
	 * learn from
	 */
	public static CalibrationReport calibrate(CompiledAgreement agreement, Outcomes outcomes, int pointsToDoubleOdds) {
		List<Rule> rules = agreement.rules();
		List<Pattern> training = outcomes.expanded(false);
		List<Pattern> heldOut = outcomes.expanded(true);
		int examples = training.size() + heldOut.size();
		long converted = training.stream().filter(Pattern::converted).count()
				+ heldOut.stream().filter(Pattern::converted).count();
		if (training.size() < 100 || heldOut.size() < 30 || converted < 20 || examples - converted < 20) {
			throw new IllegalArgumentException(
					"Calibration needs at least 150 leads with outcomes, 20 converted and 20 " + "not; there are "
							+ examples + " (" + converted + " converted)");
		}
		boolean[][] trainingFeatures = features(rules, training);
		boolean[] trainingOutcomes = outcomes(training);
		LogisticRegression model = LogisticRegression.fit(trainingFeatures, trainingOutcomes, RIDGE);

		double scale = pointsToDoubleOdds / Math.log(2);
		List<CalibrationReport.RuleSuggestion> suggestions = new ArrayList<>();
		int[] suggestedPoints = new int[rules.size()];
		for (int j = 0; j < rules.size(); j++) {
			int fired = 0;
			int firedConverted = 0;
			for (int i = 0; i < training.size(); i++) {
				if (trainingFeatures[i][j]) {
					fired++;
					firedConverted += trainingOutcomes[i] ? 1 : 0;
				}
			}
			Rule rule = rules.get(j);
			Integer suggested = (fired >= MIN_EVIDENCE) ? (int) Math.round(model.weights()[j] * scale) : null;
			suggestedPoints[j] = (suggested != null) ? suggested : 0;
			suggestions.add(new CalibrationReport.RuleSuggestion(rule.id(), rule.points(), suggested,
					model.weights()[j], fired, (fired > 0) ? (double) firedConverted / fired : null));
		}

		boolean[] heldOutOutcomes = outcomes(heldOut);
		double[] suggestedScores = suggestedScores(features(rules, heldOut), suggestedPoints);
		double[] currentScores = currentScores(heldOut);
		// Each set of points as a probability, fitted on the training leads, so both are
		// judged on one scale.
		LogisticRegression suggestedOdds = LogisticRegression
			.fitScores(suggestedScores(trainingFeatures, suggestedPoints), trainingOutcomes);
		LogisticRegression currentOdds = LogisticRegression.fitScores(currentScores(training), trainingOutcomes);
		double heldOutAuc = LogisticRegression.rocAuc(suggestedScores, heldOutOutcomes);
		double currentHeldOutAuc = LogisticRegression.rocAuc(currentScores, heldOutOutcomes);
		return new CalibrationReport(agreement.agreement().agreementId(), examples, training.size(), heldOut.size(),
				heldOutAuc, currentHeldOutAuc, CalibrationReport.Verdict.of(heldOutAuc, currentHeldOutAuc),
				pointsToDoubleOdds, (int) Math.round(model.intercept() * scale), suggestions,
				CalibrationReport.Curve.of(probabilities(suggestedOdds, suggestedScores), heldOutOutcomes),
				CalibrationReport.Curve.of(probabilities(currentOdds, currentScores), heldOutOutcomes));
	}

	private static double[] suggestedScores(boolean[][] features, int[] points) {
		double[] scores = new double[features.length];
		for (int i = 0; i < features.length; i++) {
			for (int j = 0; j < points.length; j++) {
				if (features[i][j]) {
					scores[i] += points[j];
				}
			}
		}
		return scores;
	}

	private static double[] currentScores(List<Pattern> examples) {
		return examples.stream().mapToDouble(Pattern::currentFit).toArray();
	}

	private static double[] probabilities(LogisticRegression odds, double[] scores) {
		double[] probabilities = new double[scores.length];
		for (int i = 0; i < scores.length; i++) {
			probabilities[i] = odds.probability(scores[i]);
		}
		return probabilities;
	}

	private static boolean heldOut(LeadReceived lead) {
		return Math.floorMod(lead.leadId().hashCode(), 100) < HELD_OUT_PERCENT;
	}

	private static boolean[][] features(List<Rule> rules, List<Pattern> examples) {
		boolean[][] features = new boolean[examples.size()][rules.size()];
		for (int i = 0; i < examples.size(); i++) {
			String fired = examples.get(i).rules();
			for (int j = 0; j < rules.size(); j++) {
				features[i][j] = fired.charAt(j) == '1';
			}
		}
		return features;
	}

	private static boolean[] outcomes(List<Pattern> examples) {
		boolean[] outcomes = new boolean[examples.size()];
		for (int i = 0; i < outcomes.length; i++) {
			outcomes[i] = examples.get(i).converted();
		}
		return outcomes;
	}

	/**
	 * What the leads with outcomes come to for calibration, and all it needs of them: how
	 * many leads share each pattern of rules fired, side of the split, current fit and
	 * outcome. Shares of it from every instance merge by adding counts, so only they
	 * travel, never the leads.
	 *
	 * @param agreementId the agreement whose rules were applied
	 * @param patterns every pattern with its count, sorted
	 */
	public record Outcomes(String agreementId, List<Pattern> patterns) {

		/** What {@code examples} come to under {@code agreement}. */
		public static Outcomes of(CompiledAgreement agreement, List<Example> examples) {
			List<Rule> rules = agreement.rules();
			Map<Pattern, Integer> counts = new HashMap<>();
			for (Example example : examples) {
				StringBuilder fired = new StringBuilder(rules.size());
				for (Rule rule : rules) {
					fired.append(rule.holds(example.lead()) ? '1' : '0');
				}
				counts.merge(new Pattern(fired.toString(), heldOut(example.lead()),
						LeadScorer.fit(agreement, example.lead()), example.converted(), 1), 1, Integer::sum);
			}
			return new Outcomes(agreement.agreement().agreementId(), sorted(counts));
		}

		/**
		 * These outcomes and {@code other}'s, of other leads under the same agreement, as
		 * one.
		 */
		public Outcomes plus(Outcomes other) {
			Map<Pattern, Integer> counts = new HashMap<>();
			for (Outcomes share : List.of(this, other)) {
				share.patterns.forEach((pattern) -> counts.merge(pattern.one(), pattern.count(), Integer::sum));
			}
			return new Outcomes(this.agreementId, sorted(counts));
		}

		private static List<Pattern> sorted(Map<Pattern, Integer> counts) {
			return counts.entrySet()
				.stream()
				.map((entry) -> entry.getKey().times(entry.getValue()))
				.sorted(Comparator.comparing(Pattern::rules)
					.thenComparing(Pattern::heldOut)
					.thenComparingInt(Pattern::currentFit)
					.thenComparing(Pattern::converted))
				.toList();
		}

		/** One row per lead of one side of the split, in the patterns' order. */
		List<Pattern> expanded(boolean heldOut) {
			List<Pattern> rows = new ArrayList<>();
			for (Pattern pattern : this.patterns) {
				if (pattern.heldOut() == heldOut) {
					for (int i = 0; i < pattern.count(); i++) {
						rows.add(pattern);
					}
				}
			}
			return rows;
		}

	}

	/**
	 * Leads alike for calibration.
	 *
	 * @param rules which of the agreement's rules fired, in its order: {@code 1} fired,
	 * {@code 0} did not
	 * @param heldOut whether they are judged on rather than fitted on
	 * @param currentFit their fit score under the agreement's points now
	 * @param converted whether they converted
	 * @param count how many leads
	 */
	public record Pattern(String rules, boolean heldOut, int currentFit, boolean converted, int count) {

		Pattern one() {
			return times(1);
		}

		Pattern times(int leads) {
			return new Pattern(this.rules, this.heldOut, this.currentFit, this.converted, leads);
		}

	}

	/**
	 * A lead with its outcome.
	 *
	 * @param lead the lead as received
	 * @param converted whether it converted (or was won)
	 */
	public record Example(LeadReceived lead, boolean converted) {
	}

}
