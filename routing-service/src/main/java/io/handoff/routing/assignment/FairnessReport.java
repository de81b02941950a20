package io.handoff.routing.assignment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.handoff.events.SalesRep;
import io.handoff.routing.roster.Roster;

/**
 * Whether distribution was fair: for each team over a period, each rep's leads by round
 * robin against their fair share (the share of each turn they were owed, by weight, while
 * they could take a lead), the leads they got directly, and each time they were passed
 * over and why; and how long leads waited in the team's overflow queue.
 */
public final class FairnessReport {

	private FairnessReport() {
	}

	static List<Team> of(List<FairnessDay> days, Roster roster) {
		Map<String, List<FairnessDay>> byTeam = new TreeMap<>();
		days.forEach((day) -> byTeam.computeIfAbsent(day.team(), (team) -> new ArrayList<>()).add(day));
		List<Team> teams = new ArrayList<>();
		byTeam.forEach((team, teamDays) -> {
			long turns = 0;
			long waited = 0;
			long waitedSeconds = 0;
			long longest = 0;
			Map<String, FairnessDay.RepDay> reps = new TreeMap<>();
			for (FairnessDay day : teamDays) {
				turns += day.turns();
				waited += day.waited();
				waitedSeconds += day.waitedSeconds();
				longest = Math.max(longest, day.longestWaitSeconds());
				day.reps().forEach((repId, rep) -> reps.merge(repId, rep, FairnessDay.RepDay::plus));
			}
			List<Rep> repFigures = new ArrayList<>();
			reps.forEach((repId, rep) -> {
				SalesRep known = roster.rep(repId).orElse(null);
				Map<TeamPick.Pass.Reason, Long> passes = new EnumMap<>(TeamPick.Pass.Reason.class);
				passes.putAll(rep.passes());
				repFigures
					.add(new Rep(repId, (known != null) ? known.name() : repId, (known != null) ? known.weight() : null,
							round(rep.owed()), rep.byTurn(), round(rep.byTurn() - rep.owed()), rep.direct(), passes));
			});
			teams.add(new Team(team, turns, waited, (waited == 0) ? 0 : waitedSeconds / waited, longest, repFigures));
		});
		return teams;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	/**
	 * A team's period.
	 *
	 * @param team the team
	 * @param turns leads given by round robin
	 * @param waited leads that waited in its overflow queue
	 * @param averageWaitSeconds their average wait
	 * @param longestWaitSeconds the longest
	 * @param reps each rep's figures
	 */
	public record Team(String team, long turns, long waited, long averageWaitSeconds, long longestWaitSeconds,
			List<Rep> reps) {
	}

	/**
	 * A rep's period.
	 *
	 * @param repId the rep
	 * @param name their name
	 * @param weight their round-robin weight now ({@code null} for a rep no longer on the
	 * roster)
	 * @param fairShare the leads they were owed by round robin: their share of each turn
	 * they could take
	 * @param byTurn the leads they got by round robin
	 * @param difference by turn minus fair share: within one lead is fair
	 * @param direct the leads they got as account owner or for a follow-up
	 * @param passes the times they were passed over, by reason
	 */
	public record Rep(String repId, String name, @org.jspecify.annotations.Nullable Integer weight, double fairShare,
			long byTurn, double difference, long direct, Map<TeamPick.Pass.Reason, Long> passes) {
	}

}
