package io.handoff.routing.assignment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadAgreement;
import io.handoff.events.RoutingStep;
import io.handoff.events.SalesRep;
import io.handoff.events.TurnSteps.Skip;
import io.handoff.events.TurnSteps;
import io.handoff.events.calendar.BusinessCalendars;

/**
 * One round-robin turn of a team, decided in plain Java: which of the team's reps can
 * take the lead now (available, not the rep it leaves, under capacity, preferably one who
 * has not had it), and who of them is owed the most by {@link WeightedRoundRobin}. The
 * team queue, the dry run and the preview of a routing draft all pick with it; it changes
 * nothing: the caller keeps the credits it answers, or does not.
 */
final class TeamPick {

	/**
	 * Whether the agreement in force gives leads only to reps inside their working hours.
	 */
	static boolean workingHoursOnly(@Nullable LeadAgreement agreement) {
		return agreement != null && agreement.sla() != null && agreement.sla().workingHoursOnly();
	}

	private TeamPick() {
	}

	/**
	 * The turn.
	 * @param team the team
	 * @param members the team's reps, ordered by id
	 * @param credits each rep's round-robin credit before the turn
	 * @param openLeads each rep's open leads
	 * @param leaving the rep the lead leaves (a reassignment), who cannot take it
	 * @param hadIt the reps the lead was with before: passed over while another can take
	 * it
	 * @param now the moment of the turn
	 * @param hoursOnly whether the agreement gives leads only inside working hours
	 * @param calendars the reps' business calendars
	 */
	static Pick pick(String team, List<SalesRep> members, Map<String, Double> credits, ToIntFunction<String> openLeads,
			@Nullable String leaving, List<String> hadIt, Instant now, boolean hoursOnly,
			BusinessCalendars.Built calendars) {
		List<SalesRep> available = new ArrayList<>();
		Map<SalesRep, Integer> hadItBefore = new LinkedHashMap<>();
		List<Skip> skipped = new ArrayList<>();
		List<Pass> passes = new ArrayList<>();
		for (SalesRep rep : members) {
			SalesRep.Unavailable unavailable = rep.unavailability(now, hoursOnly,
					calendars.of(rep.repId(), rep.team()).orElse(null));
			int open = openLeads.applyAsInt(rep.repId());
			if (unavailable != null) {
				skipped.add(new Skip(rep.name(), Skip.Why.UNAVAILABLE, unavailable.text(), open, rep.maxOpenLeads()));
				passes.add(new Pass(rep.repId(), Pass.Reason.of(unavailable.kind())));
			}
			else if (rep.repId().equals(leaving)) {
				skipped.add(new Skip(rep.name(), Skip.Why.LEAVES, null, open, rep.maxOpenLeads()));
				passes.add(new Pass(rep.repId(), Pass.Reason.LEAVES));
			}
			else if (open >= rep.maxOpenLeads()) {
				skipped.add(new Skip(rep.name(), Skip.Why.AT_CAPACITY, null, open, rep.maxOpenLeads()));
				passes.add(new Pass(rep.repId(), Pass.Reason.AT_CAPACITY));
			}
			else if (hadIt.contains(rep.repId())) {
				hadItBefore.put(rep, open);
			}
			else {
				available.add(rep);
			}
		}
		boolean hadItAgain = false;
		if (!hadItBefore.isEmpty()) {
			if (available.isEmpty()) {
				// Nobody who has not had the lead can take it: back to one who had it,
				// rather than wait.
				available.addAll(hadItBefore.keySet());
				hadItAgain = true;
			}
			else {
				hadItBefore.forEach((rep, open) -> {
					skipped.add(new Skip(rep.name(), Skip.Why.HAD_IT, null, open, rep.maxOpenLeads()));
					passes.add(new Pass(rep.repId(), Pass.Reason.HAD_IT));
				});
			}
		}
		if (available.isEmpty()) {
			return new Pick(null, List.of(new TurnSteps.NoRepFree(team, members.size(), skipped)), List.of(), passes);
		}
		WeightedRoundRobin.Turn turn = WeightedRoundRobin.turn(credits, available);
		double total = available.stream().mapToInt(SalesRep::weight).sum();
		List<Share> shares = available.stream().map((rep) -> new Share(rep.repId(), rep.weight() / total)).toList();
		return new Pick(turn, List.of(new TurnSteps.RoundRobin(team, members.size(), available.size(), skipped,
				hadItAgain, turn.rep().name(), turn.rep().weight(), turn.owed())), shares, passes);
	}

	/**
	 * A turn's result.
	 *
	 * @param turn who got the lead and the credits after, {@code null} when nobody could
	 * take it
	 * @param steps the explanation
	 * @param shares each rep in turn with the share of this lead they were owed (their
	 * weight over the available reps' total): a fair share counts these
	 * @param passes each rep passed over and why
	 */
	record Pick(WeightedRoundRobin.@Nullable Turn turn, List<RoutingStep> steps, List<Share> shares,
			List<Pass> passes) {
	}

	/**
	 * A rep's share of one turn.
	 *
	 * @param repId the rep
	 * @param share the part of the lead they were owed, 0 to 1
	 */
	record Share(String repId, double share) {
	}

	/**
	 * A rep passed over.
	 *
	 * @param repId the rep
	 * @param reason why
	 */
	public record Pass(String repId, Reason reason) {

		/** Why a rep was passed over. */
		public enum Reason {

			/** Not taking leads. */
			INACTIVE,
			/** Out of office. */
			AWAY,
			/** Outside working hours. */
			OUTSIDE_HOURS,
			/** A day off of their calendar. */
			HOLIDAY,
			/** Holding as many open leads as they may. */
			AT_CAPACITY,
			/** The rep a reassigned lead leaves. */
			LEAVES,
			/** They had the lead before and another rep could take it. */
			HAD_IT;

			static Reason of(SalesRep.Unavailable.Kind kind) {
				return switch (kind) {
					case INACTIVE -> INACTIVE;
					case AWAY -> AWAY;
					case OUTSIDE_HOURS -> OUTSIDE_HOURS;
					case HOLIDAY -> HOLIDAY;
				};
			}

		}

	}

}
