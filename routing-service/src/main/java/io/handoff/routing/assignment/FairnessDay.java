package io.handoff.routing.assignment;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One team's distribution on one day (UTC), kept with the team's queue: for each rep the
 * share of round-robin turns they were owed while they could take a lead, the leads they
 * got by turn and directly (account owner, follow-up), and each time they were passed
 * over and why; and the leads that waited in the team's overflow queue.
 *
 * @param team the team
 * @param day the day
 * @param turns leads given by round robin
 * @param waited leads that waited in the overflow queue before a rep took them
 * @param waitedSeconds their waits added up
 * @param longestWaitSeconds the longest of them
 * @param reps each rep's figures, by rep id
 */
record FairnessDay(String team, LocalDate day, long turns, long waited, long waitedSeconds, long longestWaitSeconds,
		Map<String, RepDay> reps) {

	/** How many days each team's distribution is kept. */
	static final int KEPT_DAYS = 400;

	FairnessDay {
		reps = Map.copyOf(reps);
	}

	static String key(String team, LocalDate day) {
		return team + "|" + day;
	}

	static FairnessDay empty(String team, LocalDate day) {
		return new FairnessDay(team, day, 0, 0, 0, 0, Map.of());
	}

	/** With one round-robin turn (or a failed one: {@code winner} null) counted. */
	FairnessDay turn(TeamPick.Pick pick, @org.jspecify.annotations.Nullable String winner) {
		Map<String, RepDay> reps = new HashMap<>(this.reps);
		pick.shares().forEach((share) -> reps.merge(share.repId(), RepDay.share(share.share()), RepDay::plus));
		pick.passes().forEach((pass) -> reps.merge(pass.repId(), RepDay.pass(pass.reason()), RepDay::plus));
		if (winner != null) {
			reps.merge(winner, new RepDay(0, 1, 0, Map.of()), RepDay::plus);
		}
		return new FairnessDay(this.team, this.day, this.turns + ((winner != null) ? 1 : 0), this.waited,
				this.waitedSeconds, this.longestWaitSeconds, reps);
	}

	/** With a lead given to {@code repId} outside the round robin. */
	FairnessDay direct(String repId) {
		Map<String, RepDay> reps = new HashMap<>(this.reps);
		reps.merge(repId, new RepDay(0, 0, 1, Map.of()), RepDay::plus);
		return new FairnessDay(this.team, this.day, this.turns, this.waited, this.waitedSeconds,
				this.longestWaitSeconds, reps);
	}

	/** With one lead's wait in the overflow queue. */
	FairnessDay waited(Duration wait) {
		long seconds = Math.max(0, wait.toSeconds());
		return new FairnessDay(this.team, this.day, this.turns, this.waited + 1, this.waitedSeconds + seconds,
				Math.max(this.longestWaitSeconds, seconds), this.reps);
	}

	/**
	 * One rep's day.
	 *
	 * @param owed the leads the rep was owed: their share of each turn they could take
	 * @param byTurn the leads they got by round robin
	 * @param direct the leads they got as account owner or for a follow-up
	 * @param passes the times they were passed over, by reason
	 */
	record RepDay(double owed, long byTurn, long direct, Map<TeamPick.Pass.Reason, Long> passes) {

		RepDay {
			passes = (passes == null || passes.isEmpty()) ? Map.of() : Map.copyOf(passes);
		}

		/** A share of one turn owed. */
		static RepDay share(double share) {
			return new RepDay(share, 0, 0, Map.of());
		}

		/** One pass. */
		static RepDay pass(TeamPick.Pass.Reason reason) {
			return new RepDay(0, 0, 0, Map.of(reason, 1L));
		}

		RepDay plus(RepDay other) {
			Map<TeamPick.Pass.Reason, Long> passes = new EnumMap<>(TeamPick.Pass.Reason.class);
			passes.putAll(this.passes);
			other.passes.forEach((reason, count) -> passes.merge(reason, count, Long::sum));
			return new RepDay(this.owed + other.owed, this.byTurn + other.byTurn, this.direct + other.direct, passes);
		}

		/** The passes in reason order, for an answer that reads the same every time. */
		Map<TeamPick.Pass.Reason, Long> passesInOrder() {
			return new TreeMap<>(this.passes);
		}

	}

}
