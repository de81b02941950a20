package io.handoff.routing.assignment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.handoff.events.Company;
import io.handoff.events.RouteSteps;
import io.handoff.events.RoutingStep;
import io.handoff.events.SalesRep;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.routing.roster.Roster;

/**
 * Where a lead goes by the organisation alone: to its account's owner when the owner can
 * take it (the account found by the lead's domains, else by its company name), else to
 * the team of the first territory that takes it, else to the queue of leads no territory
 * takes. Plain Java: the router, the dry run and the preview of a routing draft all
 * decide with it.
 *
 * @param team the team whose queue decides
 * @param ownerRepId the account owner who gets it, {@code null} for the team's round
 * robin
 * @param steps each step
 * @param account the account matched, if any
 */
record Route(String team, @Nullable String ownerRepId, List<RoutingStep> steps, Roster.@Nullable AccountMatch account) {

	/** The queue of leads no territory takes: they wait there until a territory does. */
	static final String UNROUTED = "unrouted";

	Route {
		steps = List.copyOf(steps);
	}

	/**
	 * The route of a lead of {@code company} writing from an address at
	 * {@code emailDomain}, at {@code now}.
	 * @param hoursOnly whether the agreement gives leads only inside working hours
	 */
	static Route of(Roster sales, Company company, @Nullable String emailDomain, Instant now, boolean hoursOnly,
			BusinessCalendars.Built calendars) {
		List<RoutingStep> steps = new ArrayList<>();
		List<@Nullable String> domains = Arrays.asList(company.domain(), emailDomain);
		Optional<Roster.AccountMatch> account = sales.account(domains, company.name());
		if (account.isEmpty()) {
			steps.add(noAccount(sales, domains, company.name()));
		}
		else {
			Roster.AccountMatch match = account.get();
			SalesRep rep = sales.rep(match.account().ownerRepId()).orElse(null);
			String unavailable = (rep != null)
					? rep.unavailableAt(now, hoursOnly, calendars.of(rep.repId(), rep.team()).orElse(null)) : null;
			if (rep != null && unavailable == null) {
				steps.add(new RouteSteps.AccountOwner(match.account().name(), match.how(), rep.name(), rep.team()));
				return new Route(rep.team(), rep.repId(), steps, match);
			}
			steps.add(new RouteSteps.OwnerAway(match.account().name(), match.how(), match.account().ownerRepId(),
					(rep == null) ? null : unavailable));
		}
		Roster.TerritoryMatch territory = sales.territory(company);
		if (territory.territory() == null) {
			steps.add(new RouteSteps.NoTerritory(territory.passed(), UNROUTED));
			return new Route(UNROUTED, null, steps, account.orElse(null));
		}
		String team = territory.territory().team();
		steps.add(new RouteSteps.InTerritory(territory.territory().name(), territory.territory().rules(), team,
				territory.passed()));
		return new Route(team, null, steps, account.orElse(null));
	}

	private static RoutingStep noAccount(Roster sales, List<@Nullable String> domains, @Nullable String companyName) {
		List<String> known = domains.stream().filter(Objects::nonNull).map(String::valueOf).toList();
		boolean byName = sales.matching().byName() && companyName != null && !companyName.isBlank();
		return new RouteSteps.NoAccount(known, byName ? companyName.strip() : null,
				byName && sales.ambiguousName(companyName), sales.matching().nameThreshold());
	}

	static @Nullable String emailDomain(@Nullable String email) {
		return (email != null && email.indexOf('@') > 0) ? email.substring(email.indexOf('@') + 1) : null;
	}

}
