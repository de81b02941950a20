package io.handoff.events;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import org.jspecify.annotations.Nullable;

/**
 * Who on the team gets a lead: the steps of its team's queue (the round robin, the reps
 * it passes over, a follow-up, the overflow queue). The {@link RoutingStep}s of routing,
 * as values.
 */
public final class TurnSteps {

	private TurnSteps() {
	}

	/**
	 * The weighted round robin gave the lead to the rep owed the most.
	 *
	 * @param team the team
	 * @param members the team's reps
	 * @param available the reps who could take it
	 * @param skipped the reps passed over, and why
	 * @param hadItAgain whether only reps who had the lead before could take it, so they
	 * were in turn again
	 * @param repName the rep who got it
	 * @param weight that rep's weight
	 * @param owed the leads that rep was owed
	 */
	public record RoundRobin(String team, int members, int available, List<Skip> skipped, boolean hadItAgain,
			String repName, int weight, double owed) implements RoutingStep {

		@Override
		public String sentence() {
			return "round robin: " + this.available + " of " + this.members + " reps of team " + this.team
					+ " can take it" + Skip.sentence(this.skipped, this.hadItAgain) + "; " + this.repName + " (weight "
					+ this.weight + ") was owed the most, " + twoDecimals(this.owed) + " leads";
		}

		/** {@code 0.92}: as {@code String.format("%.2f")} writes it, for less. */
		private static String twoDecimals(double value) {
			return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
		}

	}

	/**
	 * No rep of the team can take the lead now: it waits in the team's overflow queue.
	 *
	 * @param team the team
	 * @param members the team's reps
	 * @param skipped each rep passed over, and why
	 */
	public record NoRepFree(String team, int members, List<Skip> skipped) implements RoutingStep {

		@Override
		public String sentence() {
			return "round robin: no rep of team " + this.team + " can take it now (" + this.members + " on the team"
					+ Skip.sentence(this.skipped, false) + "); it waits in the team's overflow queue";
		}

	}

	/**
	 * A rep passed over in a round robin.
	 *
	 * @param repName the rep
	 * @param why why
	 * @param unavailable why the rep is unavailable, in the rep's calendar's words
	 * ({@link Why#UNAVAILABLE})
	 * @param open the rep's open leads ({@link Why#AT_CAPACITY})
	 * @param max the most open leads the rep takes ({@link Why#AT_CAPACITY})
	 */
	public record Skip(String repName, Why why, @Nullable String unavailable, int open, int max) {

		/** Why a rep is passed over. */
		public enum Why {

			/** Inactive, away, or outside working hours. */
			UNAVAILABLE,
			/** The rep the lead leaves (a reassignment). */
			LEAVES,
			/** At capacity. */
			AT_CAPACITY,
			/** The rep had the lead before. */
			HAD_IT,

			/** A reason a newer release added; never written. */
			@JsonEnumDefaultValue
			UNKNOWN

		}

		public String sentence() {
			return switch (this.why) {
				case UNKNOWN -> this.repName + " is passed over";
				case UNAVAILABLE -> String.valueOf(this.unavailable);
				case LEAVES -> this.repName + " is the rep the lead leaves";
				case AT_CAPACITY -> this.repName + " holds " + this.open + " of at most " + this.max + " open leads";
				case HAD_IT -> this.repName + " had the lead before";
			};
		}

		static String sentence(List<Skip> skipped, boolean hadItAgain) {
			return (skipped.isEmpty() ? ""
					: "; skipped: " + skipped.stream().map(Skip::sentence).collect(Collectors.joining("; ")))
					+ (hadItAgain
							? "; nobody who has not had the lead can take it, so those who had it are in turn again"
							: "");
		}

	}

	/**
	 * A follow-up goes back to the rep who had the lead.
	 *
	 * @param repName the rep
	 */
	public record FollowUp(String repName) implements RoutingStep {

		@Override
		public String sentence() {
			return "follow-up: the lead goes back to " + this.repName;
		}

	}

	/**
	 * A follow-up's rep is no longer on the roster: the lead takes a turn instead.
	 *
	 * @param repId the rep
	 */
	public record FollowUpRepGone(String repId) implements RoutingStep {

		@Override
		public String sentence() {
			return "follow-up: " + this.repId + " is no longer on the roster";
		}

	}

	/**
	 * The lead waited in the team's overflow queue before its turn.
	 *
	 * @param team the team
	 * @param waited how long, to the second
	 */
	public record Overflowed(String team, Duration waited) implements RoutingStep {

		@Override
		public String sentence() {
			return "overflow: waited " + this.waited.withNanos(0) + " in team " + this.team + "'s queue";
		}

	}

	/**
	 * A lead tried now would wait behind the leads already in the team's overflow queue.
	 *
	 * @param ahead the leads waiting
	 * @param team the team
	 */
	public record WaitsBehind(int ahead, String team) implements RoutingStep {

		@Override
		public String sentence() {
			return "overflow: " + this.ahead + " lead(s) already wait in team " + this.team
					+ "'s queue: it would wait behind them, and reps take them first, in order, as they free up";
		}

	}

}
