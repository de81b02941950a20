package io.handoff.scoring.segments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.handoff.scoring.segments.SegmentOutcomes.Pattern;

/**
 * Which segments of leads deserve more of marketing's effort: every segment (one
 * attribute, or a pair of them) with enough leads of known outcome, with its conversion
 * and a 95 % Wilson interval, the won amount per lead where deal amounts are known, and
 * the cost per won lead where a cost per lead of its source is given; and a logistic
 * regression of conversion on the segments' attributes together, which separates what
 * each attribute adds from what comes with the others (a source whose leads convert
 * because they are seniors, say).
 *
 * @param from the start of the period (inclusive): leads that arrived in it are counted
 * @param to its end (exclusive)
 * @param leads every lead of the period
 * @param withOutcome those with a known outcome
 * @param conversion won of those, over every segment: what a segment is better or worse
 * than
 * @param minLeads the fewest leads of known outcome a segment needs to be ranked
 * @param sort what the segments are ranked by
 * @param segments the ranked segments, best first, at most the limit asked
 * @param model the regression, or {@code null} with too few outcomes of either kind
 */
public record SegmentRanking(Instant from, Instant to, int leads, int withOutcome, @Nullable Double conversion,
		int minLeads, Sort sort, List<Segment> segments, @Nullable SegmentModel model) {

	/**
	 * Fewer leads converted, or not, than this, and no model is fitted: nothing to learn
	 * from.
	 */
	static final int MIN_OUTCOMES = 20;

	/** z for a 95 % interval. */
	private static final double Z = 1.959964;

	static final double RIDGE = 1.0;

	/**
	 * Ranks the segments of {@code outcomes}; {@code costPerLead} is the cost of one lead
	 * per source.
	 */
	public static SegmentRanking of(SegmentOutcomes outcomes, Instant from, Instant to, int minLeads,
			Map<String, BigDecimal> costPerLead, Sort sort, int limit) {
		Map<String, Tally> tallies = new TreeMap<>();
		int leads = 0;
		int withOutcome = 0;
		int won = 0;
		for (Pattern pattern : outcomes.patterns()) {
			leads += pattern.count();
			withOutcome += (pattern.converted() != null) ? pattern.count() : 0;
			won += Boolean.TRUE.equals(pattern.converted()) ? pattern.count() : 0;
			List<String> values = pattern.values();
			for (int a = 0; a < values.size(); a++) {
				if (values.get(a).equals(SegmentOutcomes.NONE)) {
					continue;
				}
				tally(tallies, values, a, -1).add(pattern);
				for (int b = a + 1; b < values.size(); b++) {
					if (!values.get(b).equals(SegmentOutcomes.NONE)) {
						tally(tallies, values, a, b).add(pattern);
					}
				}
			}
		}
		List<Segment> segments = new ArrayList<>();
		tallies.forEach((name, tally) -> {
			if (tally.withOutcome >= minLeads) {
				segments.add(tally.segment(name, costPerLead));
			}
		});
		segments.sort(sort.order);
		return new SegmentRanking(from, to, leads, withOutcome, (withOutcome > 0) ? (double) won / withOutcome : null,
				minLeads, sort, List.copyOf(segments.subList(0, Math.min(limit, segments.size()))),
				SegmentModel.of(outcomes, minLeads));
	}

	/**
	 * The tally of the segment of {@code values}' attribute {@code a}, with {@code b} too
	 * unless it is -1.
	 */
	private static Tally tally(Map<String, Tally> tallies, List<String> values, int a, int b) {
		return tallies.computeIfAbsent(name(a, values.get(a), b, (b >= 0) ? values.get(b) : null),
				(name) -> new Tally(dimensions(a, values, b)));
	}

	static String name(int a, String value, int b, @Nullable String other) {
		String one = SegmentOutcomes.DIMENSIONS.get(a) + "=" + value;
		return (b < 0) ? one : one + " & " + SegmentOutcomes.DIMENSIONS.get(b) + "=" + other;
	}

	private static Map<String, String> dimensions(int a, List<String> values, int b) {
		Map<String, String> dimensions = new LinkedHashMap<>();
		dimensions.put(SegmentOutcomes.DIMENSIONS.get(a), values.get(a));
		if (b >= 0) {
			dimensions.put(SegmentOutcomes.DIMENSIONS.get(b), values.get(b));
		}
		return dimensions;
	}

	/**
	 * The 95 % Wilson score interval of a share of {@code won} in {@code n}: unlike the
	 * share plus or minus two standard errors, it stays within 0..1 and is honest for
	 * small segments and shares near 0 or 1.
	 */
	public static double[] wilson(int won, int n) {
		if (n == 0) {
			return new double[] { 0, 1 };
		}
		double share = (double) won / n;
		double z2 = Z * Z;
		double centre = (share + z2 / (2 * n)) / (1 + z2 / n);
		double half = Z * Math.sqrt(share * (1 - share) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
		return new double[] { Math.max(0, centre - half), Math.min(1, centre + half) };
	}

	/** What segments are ranked by. */
	public enum Sort {

		/**
		 * The lower end of the conversion interval: a small segment must prove itself.
		 */
		CONVERSION(Comparator.comparingDouble(Segment::low).reversed()),

		/** The won amount per lead of known outcome, segments without amounts last. */
		AMOUNT(Comparator.comparing(Segment::wonAmountPerLead, Comparator.nullsFirst(Comparator.naturalOrder()))
			.reversed()),

		/** The cost per won lead, cheapest first, segments without a cost last. */
		COST_PER_WON(Comparator.comparing(Segment::costPerWon, Comparator.nullsLast(Comparator.naturalOrder())));

		private final Comparator<Segment> order;

		Sort(Comparator<Segment> order) {
			this.order = order.thenComparing(Segment::name);
		}

	}

	/**
	 * One segment.
	 *
	 * @param name its attributes and values ({@code source=Google & seniority=STUDENT})
	 * @param dimensions the same, attribute by attribute
	 * @param leads its leads of the period
	 * @param withOutcome of those, with a known outcome
	 * @param won of those, converted or won
	 * @param conversion won of those with an outcome
	 * @param low the lower end of the 95 % Wilson interval of the conversion
	 * @param high its upper end
	 * @param amountsKnown won leads with a deal amount
	 * @param wonAmount the sum of those amounts
	 * @param wonAmountPerLead the won amount per lead of known outcome, {@code null}
	 * without any amount
	 * @param cost what the segment's leads cost, {@code null} without a cost per lead for
	 * its source
	 * @param costPerWon that cost per won lead, {@code null} without a cost or with
	 * nothing won
	 */
	public record Segment(String name, Map<String, String> dimensions, int leads, int withOutcome, int won,
			double conversion, double low, double high, int amountsKnown, BigDecimal wonAmount,
			@Nullable BigDecimal wonAmountPerLead, @Nullable BigDecimal cost, @Nullable BigDecimal costPerWon) {
	}

	/** A segment's counts while they are added up. */
	private static final class Tally {

		private final Map<String, String> dimensions;

		private int leads;

		private int withOutcome;

		private int won;

		private int amounts;

		private BigDecimal amount = BigDecimal.ZERO;

		Tally(Map<String, String> dimensions) {
			this.dimensions = dimensions;
		}

		void add(Pattern pattern) {
			this.leads += pattern.count();
			if (pattern.converted() != null) {
				this.withOutcome += pattern.count();
				this.won += pattern.converted() ? pattern.count() : 0;
			}
			this.amounts += pattern.amounts();
			this.amount = this.amount.add(pattern.amount());
		}

		Segment segment(String name, Map<String, BigDecimal> costPerLead) {
			double[] interval = wilson(this.won, this.withOutcome);
			String source = this.dimensions.get("source");
			BigDecimal cost = (source != null && costPerLead.containsKey(source))
					? costPerLead.get(source).multiply(BigDecimal.valueOf(this.leads)) : null;
			return new Segment(name, this.dimensions, this.leads, this.withOutcome, this.won,
					(double) this.won / this.withOutcome, interval[0], interval[1], this.amounts, this.amount,
					(this.amounts > 0)
							? this.amount.divide(BigDecimal.valueOf(this.withOutcome), 2, RoundingMode.HALF_UP) : null,
					cost, (cost != null && this.won > 0)
							? cost.divide(BigDecimal.valueOf(this.won), 2, RoundingMode.HALF_UP) : null);
		}

	}

}
