package io.handoff.scoring.segments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.handoff.events.StageChange;
import io.handoff.events.LeadReceived;
import io.handoff.scoring.scores.LeadProfile;

/**
 * What the leads of a period come to for ranking segments, and all the ranking needs of
 * them: how many leads share each combination of segment attributes and outcome, with the
 * amounts of the deals they were won in. Shares from every instance merge by adding
 * counts (kept sorted, so every instance asked answers the same); only they travel, never
 * the leads.
 *
 * @param patterns every combination with its counts, sorted
 */
public record SegmentOutcomes(List<Pattern> patterns) {

	/**
	 * The attributes a lead is segmented by, in the order of {@link Pattern#values()}.
	 */
	public static final List<String> DIMENSIONS = List.of("source", "country", "grade", "seniority", "industry");

	/** The value of an attribute a lead does not have. */
	public static final String NONE = "(none)";

	public SegmentOutcomes {
		patterns = List.copyOf(patterns);
	}

	/** What the profiles of the leads that arrived within {@code [from, to)} come to. */
	public static SegmentOutcomes of(Collection<LeadProfile> profiles, Instant from, Instant to) {
		Map<Key, Pattern> patterns = new TreeMap<>();
		for (LeadProfile profile : profiles) {
			LeadReceived lead = profile.lead();
			if (lead == null || lead.occurredAt().isBefore(from) || !lead.occurredAt().isBefore(to)) {
				continue;
			}
			Key key = new Key(
					List.of(value(lead.source()), value(lead.company().country()), grade(profile),
							Seniority.of(lead.title()).name(), value(lead.company().industry())),
					outcome(profile.converted()));
			BigDecimal amount = Boolean.TRUE.equals(profile.converted()) ? profile.wonAmount() : null;
			patterns.merge(key, new Pattern(key.values(), profile.converted(), 1, (amount != null) ? 1 : 0,
					(amount != null) ? amount : BigDecimal.ZERO), Pattern::plus);
		}
		return new SegmentOutcomes(List.copyOf(patterns.values()));
	}

	/** These outcomes and {@code other}'s, of other leads of the same period, as one. */
	public SegmentOutcomes plus(SegmentOutcomes other) {
		Map<Key, Pattern> patterns = new TreeMap<>();
		for (SegmentOutcomes share : List.of(this, other)) {
			share.patterns.forEach((pattern) -> patterns.merge(pattern.key(), pattern, Pattern::plus));
		}
		return new SegmentOutcomes(List.copyOf(patterns.values()));
	}

	/**
	 * The grade of the lead's latest graded stage change: the grade it had under the
	 * agreement then in force.
	 */
	private static String grade(LeadProfile profile) {
		StageChange graded = profile.lastGraded();
		return (graded != null) ? graded.grade() : NONE;
	}

	private static String value(@Nullable String value) {
		return (value == null || value.isBlank()) ? NONE : value.strip();
	}

	private static int outcome(@Nullable Boolean converted) {
		return (converted == null) ? 0 : (converted ? 2 : 1);
	}

	/**
	 * Leads alike for ranking segments.
	 *
	 * @param values their attributes, in the order of {@link #DIMENSIONS}
	 * @param converted whether they converted (or were won), {@code null} while no
	 * outcome is known
	 * @param count how many leads
	 * @param amounts of those won, how many with a deal amount
	 * @param amount the sum of those amounts
	 */
	public record Pattern(List<String> values, @Nullable Boolean converted, int count, int amounts, BigDecimal amount) {

		public Pattern {
			values = List.copyOf(values);
		}

		Key key() {
			return new Key(this.values, outcome(this.converted));
		}

		Pattern plus(Pattern other) {
			return new Pattern(this.values, this.converted, this.count + other.count, this.amounts + other.amounts,
					this.amount.add(other.amount));
		}

	}

	/** A pattern's identity, in a fixed order. */
	private record Key(List<String> values, int outcome) implements Comparable<Key> {

		private static final Comparator<Key> ORDER = Comparator.comparing(Key::joined).thenComparingInt(Key::outcome);

		private String joined() {
			return String.join("\u0000", this.values);
		}

		@Override
		public int compareTo(Key other) {
			return ORDER.compare(this, other);
		}

	}

}
