package io.handoff.routing.assignment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

import io.handoff.events.Company;
import io.handoff.events.LeadAssigned;
import io.handoff.events.RoutingStep;
import io.handoff.events.SalesRep;
import io.handoff.events.TurnSteps;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.routing.roster.Roster;

/**
 * A dry run: who would get a lead that became sales-ready now, and every step, decided as
 * routing decides ({@link Route}, then the team's {@link TeamPick}) from the team's
 * credits, its reps' open leads and its queue as they stand, changing none of them.
 */
final class RoutingSimulation {

	private RoutingSimulation() {
	}

	/**
	 * The dry run of a lead of {@code company} writing from an address at
	 * {@code emailDomain}.
	 * @param credits the round-robin credits of the lead's team
	 * @param openLeads each rep's open leads
	 * @param waitingIn how many leads wait in each team's overflow queue
	 */
	static RoutingTrials.Simulation simulate(Roster roster, Company company, @Nullable String emailDomain, Instant now,
			boolean hoursOnly, BusinessCalendars.Built calendars, Function<String, Map<String, Double>> credits,
			ToIntFunction<String> openLeads, ToIntFunction<String> waitingIn) {
		Route route = Route.of(roster, company, emailDomain, now, hoursOnly, calendars);
		List<RoutingStep> steps = new ArrayList<>(route.steps());
		if (route.ownerRepId() != null) {
			SalesRep owner = roster.rep(route.ownerRepId()).orElseThrow();
			return outcome(now, route, owner, LeadAssigned.Method.ACCOUNT_OWNER, 0, steps);
		}
		int ahead = waitingIn.applyAsInt(route.team());
		if (ahead > 0) {
			steps.add(new TurnSteps.WaitsBehind(ahead, route.team()));
			return outcome(now, route, null, null, ahead, steps);
		}
		TeamPick.Pick pick = TeamPick.pick(route.team(), roster.team(route.team()), credits.apply(route.team()),
				openLeads, null, List.of(), now, hoursOnly, calendars);
		steps.addAll(pick.steps());
		return (pick.turn() != null) ? outcome(now, route, pick.turn().rep(), LeadAssigned.Method.ROUND_ROBIN, 0, steps)
				: outcome(now, route, null, null, 0, steps);
	}

	private static RoutingTrials.Simulation outcome(Instant now, Route route, @Nullable SalesRep rep,
			LeadAssigned.@Nullable Method method, int waitingAhead, List<RoutingStep> steps) {
		Roster.AccountMatch account = route.account();
		return new RoutingTrials.Simulation(now, route.team(), (rep != null) ? rep.repId() : null,
				(rep != null) ? rep.name() : null, method, waitingAhead,
				(account != null) ? account.account().name() : null, (account != null) ? account.confidence() : null,
				RoutingStep.sentences(steps));
	}

}
