package io.handoff.routing.assignment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

import io.handoff.events.Company;
import io.handoff.events.LeadAssigned;
import io.handoff.events.SalesRep;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.routing.roster.Roster;

/**
 * A dry run: who would get a lead that became sales-ready now, and every step, decided as routing decides
 * ({@link Route}, then the team's {@link TeamPick}) from the team's credits, its reps' open leads and its queue as
 * they stand, changing none of them.
 */
final class RoutingSimulation {

	private RoutingSimulation() {
	}

	/**
	 * The dry run of a lead of {@code company} writing from {@code email}.
	 *
	 * @param credits the round-robin credits of the lead's team
	 * @param openLeads each rep's open leads
	 * @param waitingIn how many leads wait in each team's overflow queue
	 */
	static Outcome simulate(Roster roster, Company company, @Nullable String email, Instant now, boolean hoursOnly,
			BusinessCalendars.Built calendars, java.util.function.Function<String, Map<String, Double>> credits,
			ToIntFunction<String> openLeads, ToIntFunction<String> waitingIn) {
		Route route = Route.of(roster, company, email, now, hoursOnly, calendars);
		List<String> steps = new ArrayList<>(route.reasons());
		if (route.ownerRepId() != null) {
			SalesRep owner = roster.rep(route.ownerRepId()).orElseThrow();
			return new Outcome(route.team(), owner.repId(), owner.name(), LeadAssigned.Method.ACCOUNT_OWNER, 0, steps,
					route.account());
		}
		int ahead = waitingIn.applyAsInt(route.team());
		if (ahead > 0) {
			steps.add("overflow: " + ahead + " lead(s) already wait in team " + route.team()
					+ "'s queue: it would wait behind them, and reps take them first, in order, as they free up");
			return new Outcome(route.team(), null, null, null, ahead, steps, route.account());
		}
		TeamPick.Pick pick = TeamPick.pick(route.team(), roster.team(route.team()), credits.apply(route.team()),
				openLeads, null, List.of(), now, hoursOnly, calendars);
		steps.addAll(pick.steps());
		if (pick.turn() == null) {
			return new Outcome(route.team(), null, null, null, 0, steps, route.account());
		}
		return new Outcome(route.team(), pick.turn().rep().repId(), pick.turn().rep().name(),
				LeadAssigned.Method.ROUND_ROBIN, 0, steps, route.account());
	}

	/**
	 * What would happen.
	 *
	 * @param team the team whose queue would decide
	 * @param repId who would get it, {@code null} when it would wait
	 * @param repName their name
	 * @param method how they would be chosen
	 * @param waitingAhead leads it would wait behind in the team's overflow queue
	 * @param steps every step, in words
	 * @param account the account it matched, if any
	 */
	record Outcome(String team, @Nullable String repId, @Nullable String repName, LeadAssigned.@Nullable Method method,
			int waitingAhead, List<String> steps, Roster.@Nullable AccountMatch account) {
	}

}
