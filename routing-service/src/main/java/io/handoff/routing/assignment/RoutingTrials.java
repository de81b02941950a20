package io.handoff.routing.assignment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.events.Company;
import io.handoff.events.LeadAssigned;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.instances.ClusterStore;
import io.handoff.instances.ClusterStores;
import io.handoff.routing.roster.Roster;

/**
 * Routing tried without routing: the dry run of one lead, the preview of a routing draft
 * on the recent sales-ready leads, and the fairness report of a period, each read from
 * the state stores of whichever instances hold them and changing nothing.
 */
@Component
public class RoutingTrials {

	private final ClusterStore<LeadRouting> leads;

	private final ClusterStore<TeamQueue.TeamState> teams;

	private final ClusterStore<Integer> openLeads;

	private final ClusterStore<QueueRequest> overflow;

	private final ClusterStore<FairnessDay> fairness;

	private final AgreementInForce agreement;

	private final BusinessCalendars.Built calendars;

	private final Clock clock;

	RoutingTrials(ClusterStores stores, AgreementInForce agreement, BusinessCalendars.Built calendars, Clock clock) {
		this.leads = stores.store(LeadRouter.STORE, LeadRouting.class);
		this.teams = stores.store(TeamQueue.TEAMS_STORE, TeamQueue.TeamState.class);
		this.openLeads = stores.store(TeamQueue.OPEN_STORE, Integer.class);
		this.overflow = stores.store(TeamQueue.OVERFLOW_STORE, QueueRequest.class);
		this.fairness = stores.store(TeamQueue.FAIRNESS_STORE, FairnessDay.class);
		this.agreement = agreement;
		this.calendars = calendars;
		this.clock = clock;
	}

	/**
	 * Who would get a lead of {@code company} writing from an address at
	 * {@code emailDomain} if it became sales-ready now, under {@code roster}, and every
	 * step.
	 */
	public Simulation simulate(Roster roster, Company company, @Nullable String emailDomain) {
		Map<String, Integer> open = new HashMap<>();
		this.openLeads.entries().forEach((entry) -> open.put(entry.key(), entry.value()));
		Map<String, Integer> waiting = new HashMap<>();
		this.overflow.all().forEach((request) -> waiting.merge(request.team(), 1, Integer::sum));
		return RoutingSimulation.simulate(roster, company, emailDomain, this.clock.instant(),
				this.agreement.workingHoursOnly(), this.calendars, (team) -> {
					TeamQueue.TeamState state = this.teams.get(team, team);
					return (state != null) ? state.credits() : Map.of();
				}, (repId) -> open.getOrDefault(repId, 0), (team) -> waiting.getOrDefault(team, 0));
	}

	/** The domain of an e-mail address, as routing matches accounts by it. */
	public static @Nullable String domainOf(@Nullable String email) {
		return Route.emailDomain(email);
	}

	/** What a lead was routed from when it last became sales-ready. */
	public RoutedLead routedAs(UUID leadId) {
		LeadRouting lead = this.leads.get(leadId.toString());
		if (lead == null || lead.routedAs() == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Lead " + leadId + " was not routed since routing "
					+ "kept what a lead is routed from: give the lead's company and e-mail instead");
		}
		return new RoutedLead(lead.routedAs().company(), lead.routedAs().emailDomain());
	}

	/**
	 * The sales-ready leads of the last {@code days} replayed under {@code inForce} and
	 * {@code draft}.
	 */
	public Preview preview(Roster inForce, Roster draft, int days) {
		Instant since = this.clock.instant().minus(Duration.ofDays(days));
		List<RoutingPreview.Lead> replayed = new ArrayList<>();
		int unknown = 0;
		for (LeadRouting lead : this.leads.all()) {
			LeadRouting.RoutedAs routedAs = lead.routedAs();
			if (routedAs == null) {
				if (lead.requestedAt() != null && !lead.requestedAt().isBefore(since)) {
					unknown++;
				}
			}
			else if (!routedAs.salesReadyAt().isBefore(since)) {
				replayed.add(new RoutingPreview.Lead(lead.leadId(), routedAs.company(), routedAs.emailDomain(),
						routedAs.salesReadyAt(), (routedAs.summary() != null) ? routedAs.summary().describe() : null,
						lead.state() == LeadRouting.State.WAITING || lead.state() == LeadRouting.State.ASSIGNED
								|| lead.state() == LeadRouting.State.RETURNED));
			}
		}
		return new Preview(days, since, unknown,
				RoutingPreview.replay(replayed, inForce, draft, this.agreement.workingHoursOnly(), this.calendars));
	}

	/**
	 * Each team's and rep's distribution from {@code from} to {@code to}, both days
	 * included (UTC).
	 */
	public List<FairnessReport.Team> fairness(Roster roster, LocalDate from, LocalDate to) {
		List<FairnessDay> days = this.fairness.all()
			.stream()
			.filter((day) -> !day.day().isBefore(from) && !day.day().isAfter(to))
			.toList();
		return FairnessReport.of(days, roster);
	}

	/**
	 * What a lead was routed from.
	 *
	 * @param company its company
	 * @param emailDomain its e-mail's domain
	 */
	public record RoutedLead(Company company, @Nullable String emailDomain) {
	}

	/**
	 * A dry run.
	 *
	 * @param at the moment it was run for
	 * @param team the team whose queue would decide
	 * @param repId who would get the lead, {@code null} when it would wait
	 * @param repName their name
	 * @param method how they would be chosen
	 * @param waitingAhead leads it would wait behind
	 * @param account the account matched, if any
	 * @param confidence how sure the match is: 1 for a domain, the names' similarity for
	 * a company name
	 * @param steps every step, in words
	 */
	public record Simulation(Instant at, String team, @Nullable String repId, @Nullable String repName,
			LeadAssigned.@Nullable Method method, int waitingAhead, @Nullable String account,
			@Nullable Double confidence, List<String> steps) {
	}

	/**
	 * A draft's preview.
	 *
	 * @param days the period, in days back from now
	 * @param since its start
	 * @param notReplayable leads of the period routed before routing kept what they were
	 * routed from
	 * @param result the replays compared
	 */
	public record Preview(int days, Instant since, int notReplayable, RoutingPreview.Result result) {
	}

}
