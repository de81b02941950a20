package io.handoff.scoring.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What calibration found.
 *
 * @param agreementId the agreement calibrated
 * @param leads leads with outcomes
 * @param trainingLeads leads the model was fitted on
 * @param heldOutLeads leads it was judged on
 * @param heldOutAuc ROC AUC of the suggested points on the held-out leads
 * @param currentHeldOutAuc ROC AUC of the agreement's current points on the same leads
 * @param verdict whether the suggested points rank the held-out leads better than the
 * points in force: a worse suggestion is no improvement and is not offered as one
 * @param pointsToDoubleOdds the scale: this many points double the odds of converting
 * @param baselinePoints the points of a lead no rule fires for, on that scale
 * @param rules a suggestion per rule, in the agreement's order
 * @param curve how the conversion the suggested points predict compares with what the
 * held-out leads did
 * @param currentCurve the same for the points in force
 */
public record CalibrationReport(String agreementId, int leads, int trainingLeads, int heldOutLeads, double heldOutAuc,
		double currentHeldOutAuc, Verdict verdict, int pointsToDoubleOdds, int baselinePoints,
		List<RuleSuggestion> rules, Curve curve, Curve currentCurve) {

	/**
	 * How the suggested points compare with the points in force on the held-out leads.
	 */
	public enum Verdict {

		/** A higher held-out AUC by at least {@link #MATERIAL}. */
		BETTER,

		/** Within {@link #MATERIAL} of each other: no reason to change. */
		EVEN,

		/**
		 * A lower held-out AUC by at least {@link #MATERIAL}: keep the points in force.
		 */
		WORSE;

		/** The least difference of held-out AUC that counts. */
		public static final double MATERIAL = 0.005;

		static Verdict of(double suggestedAuc, double currentAuc) {
			if (suggestedAuc >= currentAuc + MATERIAL) {
				return BETTER;
			}
			return (suggestedAuc <= currentAuc - MATERIAL) ? WORSE : EVEN;
		}

	}

	/**
	 * A calibration curve: the held-out leads in {@link #BINS} bins of equal size by the
	 * conversion a set of points predicts for them (each set's points turned into a
	 * probability on the training leads), each bin's mean prediction against the share
	 * that converted; well calibrated points lie on the diagonal.
	 *
	 * @param bins from the lowest prediction to the highest
	 * @param brier the mean squared difference of prediction and outcome (lower is
	 * better)
	 */
	public record Curve(List<Bin> bins, double brier) {

		/** Bins of a curve. */
		public static final int BINS = 10;

		static Curve of(double[] predicted, boolean[] outcomes) {
			Integer[] order = new Integer[predicted.length];
			for (int i = 0; i < order.length; i++) {
				order[i] = i;
			}
			Arrays.sort(order, Comparator.comparingDouble((Integer i) -> predicted[i]));
			List<Bin> bins = new ArrayList<>();
			double squares = 0;
			for (int bin = 0, from = 0; bin < BINS; bin++) {
				int to = (int) ((long) order.length * (bin + 1) / BINS);
				double sum = 0;
				int converted = 0;
				for (int k = from; k < to; k++) {
					int i = order[k];
					sum += predicted[i];
					converted += outcomes[i] ? 1 : 0;
					squares += Math.pow(predicted[i] - (outcomes[i] ? 1 : 0), 2);
				}
				if (to > from) {
					bins.add(new Bin(to - from, sum / (to - from), (double) converted / (to - from)));
				}
				from = to;
			}
			return new Curve(bins, (order.length > 0) ? squares / order.length : 0);
		}

	}

	/**
	 * One bin of a calibration curve.
	 *
	 * @param leads held-out leads in it
	 * @param predicted their mean predicted conversion
	 * @param observed the share of them that converted
	 */
	public record Bin(int leads, double predicted, double observed) {
	}

	/**
	 * What the outcomes say about one rule.
	 *
	 * @param ruleId the rule
	 * @param currentPoints its points now
	 * @param suggestedPoints the points the outcomes suggest, {@code null} with too
	 * little evidence
	 * @param logOdds the fitted weight: how much the rule changes the log-odds of
	 * converting
	 * @param firedFor training leads the rule fired for
	 * @param conversionWhenFired the share of those that converted
	 */
	public record RuleSuggestion(String ruleId, int currentPoints, @Nullable Integer suggestedPoints, double logOdds,
			int firedFor, @Nullable Double conversionWhenFired) {
	}

}
