package io.handoff.scoring.calibration;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadReceived;
import io.handoff.scoring.scoring.CompiledAgreement;
import io.handoff.scoring.scoring.CompiledAgreement.Rule;
import io.handoff.scoring.scoring.LeadScorer;

/**
 * Calibrates an agreement's fit rules from outcomes: a logistic regression of conversion on which rules fired,
 * fitted on most leads and judged on the rest (held out by lead id, so the same lead always falls on the same side),
 * turned into suggested points on a scorecard scale where {@code pointsToDoubleOdds} points double the odds of
 * converting.
 */
public final class Calibration {

	/** One lead in a hundred per bucket; buckets below this are held out. */
	private static final int HELD_OUT_PERCENT = 30;

	/** Fewer leads than this with a rule firing, and the rule gets no suggestion: too little evidence. */
	private static final int MIN_EVIDENCE = 20;

	private static final double RIDGE = 1.0;

	private Calibration() {
	}

	/**
	 * Calibrates {@code agreement}'s rules on {@code examples}.
	 *
	 * @throws IllegalArgumentException when there are too few outcomes of either kind to learn from
	 */
	public static Report calibrate(CompiledAgreement agreement, List<Example> examples, int pointsToDoubleOdds) {
		List<Rule> rules = agreement.rules();
		List<Example> training = new ArrayList<>();
		List<Example> heldOut = new ArrayList<>();
		for (Example example : examples) {
			(heldOut(example) ? heldOut : training).add(example);
		}
		long converted = examples.stream().filter(Example::converted).count();
		if (training.size() < 100 || heldOut.size() < 30 || converted < 20 || examples.size() - converted < 20) {
			throw new IllegalArgumentException("Calibration needs at least 150 leads with outcomes, 20 converted and 20 "
					+ "not; there are " + examples.size() + " (" + converted + " converted)");
		}
		boolean[][] trainingFeatures = features(rules, training);
		boolean[] trainingOutcomes = outcomes(training);
		LogisticRegression model = LogisticRegression.fit(trainingFeatures, trainingOutcomes, RIDGE);

		double scale = pointsToDoubleOdds / Math.log(2);
		List<RuleSuggestion> suggestions = new ArrayList<>();
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
			suggestions.add(new RuleSuggestion(rule.id(), rule.points(), suggested, model.weights()[j], fired,
					(fired > 0) ? (double) firedConverted / fired : null));
		}

		boolean[][] heldOutFeatures = features(rules, heldOut);
		boolean[] heldOutOutcomes = outcomes(heldOut);
		double[] suggestedScores = new double[heldOut.size()];
		double[] currentScores = new double[heldOut.size()];
		for (int i = 0; i < heldOut.size(); i++) {
			for (int j = 0; j < rules.size(); j++) {
				if (heldOutFeatures[i][j]) {
					suggestedScores[i] += suggestedPoints[j];
				}
			}
			currentScores[i] = LeadScorer.fit(agreement, heldOut.get(i).lead());
		}
		return new Report(agreement.agreement().agreementId(), examples.size(), training.size(), heldOut.size(),
				LogisticRegression.rocAuc(suggestedScores, heldOutOutcomes),
				LogisticRegression.rocAuc(currentScores, heldOutOutcomes), pointsToDoubleOdds,
				(int) Math.round(model.intercept() * scale), suggestions);
	}

	private static boolean heldOut(Example example) {
		return Math.floorMod(example.lead().leadId().hashCode(), 100) < HELD_OUT_PERCENT;
	}

	private static boolean[][] features(List<Rule> rules, List<Example> examples) {
		boolean[][] features = new boolean[examples.size()][rules.size()];
		for (int i = 0; i < examples.size(); i++) {
			LeadReceived lead = examples.get(i).lead();
			for (int j = 0; j < rules.size(); j++) {
				features[i][j] = rules.get(j).holds(lead);
			}
		}
		return features;
	}

	private static boolean[] outcomes(List<Example> examples) {
		boolean[] outcomes = new boolean[examples.size()];
		for (int i = 0; i < outcomes.length; i++) {
			outcomes[i] = examples.get(i).converted();
		}
		return outcomes;
	}

	/**
	 * A lead with its outcome.
	 *
	 * @param lead the lead as received
	 * @param converted whether it converted (or was won)
	 */
	public record Example(LeadReceived lead, boolean converted) {
	}

	/**
	 * What calibration found.
	 *
	 * @param agreementId the agreement calibrated
	 * @param leads leads with outcomes
	 * @param trainingLeads leads the model was fitted on
	 * @param heldOutLeads leads it was judged on
	 * @param heldOutAuc ROC AUC of the suggested points on the held-out leads
	 * @param currentHeldOutAuc ROC AUC of the agreement's current points on the same leads
	 * @param pointsToDoubleOdds the scale: this many points double the odds of converting
	 * @param baselinePoints the points of a lead no rule fires for, on that scale
	 * @param rules a suggestion per rule, in the agreement's order
	 */
	public record Report(String agreementId, int leads, int trainingLeads, int heldOutLeads, double heldOutAuc,
			double currentHeldOutAuc, int pointsToDoubleOdds, int baselinePoints, List<RuleSuggestion> rules) {
	}

	/**
	 * What the outcomes say about one rule.
	 *
	 * @param ruleId the rule
	 * @param currentPoints its points now
	 * @param suggestedPoints the points the outcomes suggest, {@code null} with too little evidence
	 * @param logOdds the fitted weight: how much the rule changes the log-odds of converting
	 * @param firedFor training leads the rule fired for
	 * @param conversionWhenFired the share of those that converted
	 */
	public record RuleSuggestion(String ruleId, int currentPoints, @Nullable Integer suggestedPoints, double logOdds,
			int firedFor, @Nullable Double conversionWhenFired) {
	}

}
