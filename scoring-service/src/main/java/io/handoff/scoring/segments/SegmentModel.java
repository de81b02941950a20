package io.handoff.scoring.segments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.handoff.scoring.calibration.LogisticRegression;
import io.handoff.scoring.segments.SegmentOutcomes.Pattern;

/**
 * A logistic regression of conversion on every attribute value with at least the
 * segments' fewest leads, all at once (ridge-regularised, as calibration's): each
 * coefficient is what the value adds to the log-odds of converting with the other
 * attributes held alike.
 *
 * @param leads the leads with an outcome it was fitted on
 * @param intercept the log-odds of a lead with none of the values
 * @param coefficients per value, strongest first
 */
public record SegmentModel(int leads, double intercept, List<Coefficient> coefficients) {

	static @Nullable SegmentModel of(SegmentOutcomes outcomes, int minLeads) {
		Map<String, Integer> support = new TreeMap<>();
		int converted = 0;
		int lost = 0;
		for (Pattern pattern : outcomes.patterns()) {
			if (pattern.converted() == null) {
				continue;
			}
			converted += pattern.converted() ? pattern.count() : 0;
			lost += pattern.converted() ? 0 : pattern.count();
			for (int a = 0; a < pattern.values().size(); a++) {
				if (!pattern.values().get(a).equals(SegmentOutcomes.NONE)) {
					support.merge(SegmentRanking.name(a, pattern.values().get(a), -1, null), pattern.count(),
							Integer::sum);
				}
			}
		}
		if (converted < SegmentRanking.MIN_OUTCOMES || lost < SegmentRanking.MIN_OUTCOMES) {
			return null;
		}
		List<String> features = support.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() >= minLeads)
			.map(Map.Entry::getKey)
			.toList();
		Map<String, Integer> column = new TreeMap<>();
		for (int j = 0; j < features.size(); j++) {
			column.put(features.get(j), j);
		}
		List<Pattern> rows = outcomes.patterns().stream().filter((pattern) -> pattern.converted() != null).toList();
		boolean[][] x = new boolean[rows.size()][features.size()];
		boolean[] y = new boolean[rows.size()];
		double[] counts = new double[rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			Pattern row = rows.get(i);
			for (int a = 0; a < row.values().size(); a++) {
				Integer j = column.get(SegmentRanking.name(a, row.values().get(a), -1, null));
				if (j != null) {
					x[i][j] = true;
				}
			}
			y[i] = row.converted();
			counts[i] = row.count();
		}
		LogisticRegression fitted = LogisticRegression.fit(x, y, counts, SegmentRanking.RIDGE);
		List<Coefficient> coefficients = new ArrayList<>();
		for (int j = 0; j < features.size(); j++) {
			double weight = fitted.weights()[j];
			coefficients.add(new Coefficient(features.get(j), weight, Math.exp(weight), support.get(features.get(j))));
		}
		coefficients.sort(Comparator.comparingDouble((Coefficient c) -> -Math.abs(c.logOdds()))
			.thenComparing(Coefficient::segment));
		return new SegmentModel(converted + lost, fitted.intercept(), coefficients);
	}

	/**
	 * What one attribute value adds.
	 *
	 * @param segment the attribute and value ({@code seniority=STUDENT})
	 * @param logOdds its coefficient: what it adds to the log-odds of converting
	 * @param oddsRatio the same as a factor on the odds
	 * @param leads the leads of known outcome with the value: the coefficient's sample
	 */
	public record Coefficient(String segment, double logOdds, double oddsRatio, int leads) {
	}

}
