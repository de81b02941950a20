package io.handoff.routing.assignment;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.access.Caller;
import io.handoff.events.LeadAssigned;
import io.handoff.events.RoutingStep;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.instances.ClusterStore;
import io.handoff.instances.ClusterStores;
import io.handoff.routing.roster.Roster;
import io.handoff.routing.roster.SalesOrganisation;

/**
 * Who got a lead, when, by which method and why; the leads waiting for a rep; each team's
 * reps with their load. Answers from the state stores of whichever instance owns each
 * lead and team.
 */
@RestController
class AssignmentController {

	private final ClusterStore<LeadRouting> leads;

	private final ClusterStore<String> waitingIndex;

	private final ClusterStore<QueueRequest> overflow;

	private final ClusterStore<Integer> openLeads;

	private final SalesOrganisation organisation;

	private final AgreementInForce agreement;

	private final BusinessCalendars.Built calendars;

	AssignmentController(ClusterStores stores, SalesOrganisation organisation, AgreementInForce agreement,
			BusinessCalendars.Built calendars) {
		this.agreement = agreement;
		this.calendars = calendars;
		this.leads = stores.store(LeadRouter.STORE, LeadRouting.class);
		this.waitingIndex = stores.store(TeamQueue.WAITING_STORE, String.class);
		this.overflow = stores.store(TeamQueue.OVERFLOW_STORE, QueueRequest.class);
		this.openLeads = stores.store(TeamQueue.OPEN_STORE, Integer.class);
		this.organisation = organisation;
	}

	/**
	 * Where a lead stands; to a caller who reads only their own leads (a sales rep), only
	 * a lead assigned to them: another's, or one waiting for a rep, has none (a lead id
	 * is no secret: it names an e-mail).
	 */
	@GetMapping("/api/v1/assignments/{leadId}")
	Assignment assignment(@PathVariable UUID leadId, Authentication authentication) {
		LeadRouting lead = this.leads.get(leadId.toString());
		if (lead == null || lead.state() == LeadRouting.State.NEW || !mayRead(Caller.of(authentication), lead)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"Lead " + leadId + " has not been routed: it is not sales-ready, or not scored yet");
		}
		QueueRequest waiting = null;
		if (lead.state() == LeadRouting.State.WAITING && lead.queue() != null) {
			// The team stage is partitioned by team: the lead's place in its team's queue
			// lives with the team.
			String key = this.waitingIndex.get(leadId.toString(), lead.queue());
			waiting = (key != null) ? this.overflow.get(key, lead.queue()) : null;
		}
		return Assignment.of(lead, waiting);
	}

	private static boolean mayRead(Caller caller, LeadRouting lead) {
		LeadAssigned current = lead.current();
		return (current != null) ? caller.mayReadLeadOf(current.repId()) : caller.readsEveryLead();
	}

	/** The leads waiting in each team's overflow queue, first in line first. */
	@GetMapping("/api/v1/assignments/waiting")
	List<Waiting> waiting() {
		// Keyed by team and place in line: in key order, each team's queue reads first in
		// line first.
		return this.overflow.entries()
			.stream()
			.map(ClusterStore.Entry::value)
			.map((request) -> new Waiting(request.leadId(), request.team(), request.requestedAt(),
					RoutingStep.sentences(request.steps()), request.steps()))
			.toList();
	}

	/**
	 * Each team with its reps: availability now as routing judges it (working hours and
	 * days off included where the agreement says so), capacity and open leads; and how
	 * many leads wait.
	 */
	@GetMapping("/api/v1/teams")
	List<Team> teams() {
		Roster roster = this.organisation.roster();
		Map<String, Integer> waiting = new TreeMap<>();
		waiting().forEach((lead) -> waiting.merge(lead.team(), 1, Integer::sum));
		// One gather for every rep's count, not one call per rep.
		Map<String, Integer> open = new HashMap<>();
		this.openLeads.entries().forEach((entry) -> open.put(entry.key(), entry.value()));
		Instant now = Instant.now();
		boolean hoursOnly = this.agreement.workingHoursOnly();
		return roster.teams()
			.stream()
			.map((team) -> new Team(team, waiting.getOrDefault(team, 0), roster.team(team).stream().map((rep) -> {
				Integer count = open.get(rep.repId());
				return new RepLoad(rep.repId(), rep.name(), rep.weight(), rep.maxOpenLeads(),
						(count != null) ? count : 0,
						rep.unavailableAt(now, hoursOnly, this.calendars.of(rep.repId(), rep.team()).orElse(null)));
			}).toList()))
			.toList();
	}

	/**
	 * Where a lead stands in routing.
	 *
	 * @param leadId the lead
	 * @param status WAITING (for a rep), ASSIGNED, RETURNED (by the rep, awaiting the
	 * judge) or CLOSED
	 * @param repId the rep who has (or last had) it
	 * @param repName the rep's name
	 * @param team the rep's team, or the team whose queue it waits in
	 * @param method how the rep was chosen
	 * @param assignedAt when
	 * @param reasons each step of the choice, or of the wait, in words
	 * @param steps each step of the choice, or of the wait, as values (none for an
	 * assignment an earlier release made: its reasons say them)
	 * @param waitingSince when the lead started waiting for a rep
	 * @param closedBecause why the lead left sales' hands
	 * @param history every assignment, oldest first
	 */
	record Assignment(UUID leadId, String status, @Nullable String repId, @Nullable String repName,
			@Nullable String team, LeadAssigned.@Nullable Method method, @Nullable Instant assignedAt,
			List<String> reasons, List<RoutingStep> steps, @Nullable Instant waitingSince,
			@Nullable String closedBecause, List<LeadAssigned> history) {

		static Assignment of(LeadRouting lead, @Nullable QueueRequest waiting) {
			LeadAssigned current = lead.current();
			boolean waits = lead.state() == LeadRouting.State.WAITING;
			List<RoutingStep> steps = (waits && waiting != null) ? waiting.steps()
					: (current != null) ? current.steps() : List.of();
			List<String> reasons = (waits && waiting != null) ? RoutingStep.sentences(steps)
					: (current != null) ? current.reasons() : List.of();
			return new Assignment(lead.leadId(), lead.state().name(), (current != null) ? current.repId() : null,
					(current != null) ? current.repName() : null,
					waits ? lead.queue() : (current != null) ? current.team() : null,
					(current != null) ? current.method() : null, (current != null) ? current.occurredAt() : null,
					reasons, steps, waits ? lead.requestedAt() : null, lead.closedBecause(), lead.history());
		}

	}

	/**
	 * A lead waiting for a rep.
	 *
	 * @param leadId the lead
	 * @param team the team whose queue it waits in
	 * @param since when it started waiting
	 * @param reasons the steps so far and why no rep could take it, in words
	 * @param steps the same steps, as values
	 */
	record Waiting(UUID leadId, String team, Instant since, List<String> reasons, List<RoutingStep> steps) {
	}

	/**
	 * A team and its load.
	 *
	 * @param team the team
	 * @param waiting leads in its overflow queue
	 * @param reps its reps
	 */
	record Team(String team, int waiting, List<RepLoad> reps) {
	}

	/**
	 * One rep's load.
	 *
	 * @param repId the rep
	 * @param name their name
	 * @param weight their round-robin weight
	 * @param maxOpenLeads their capacity
	 * @param openLeads the leads they hold open
	 * @param unavailable why they cannot take leads now (outside working hours and on
	 * their calendar's days off too, where the agreement gives leads only inside working
	 * hours), {@code null} when they can
	 */
	record RepLoad(String repId, String name, int weight, int maxOpenLeads, int openLeads,
			@Nullable String unavailable) {
	}

}
