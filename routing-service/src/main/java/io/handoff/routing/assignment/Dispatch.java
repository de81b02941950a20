package io.handoff.routing.assignment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.handoff.events.AgainSteps;
import io.handoff.events.FromNewerRelease;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadScored;
import io.handoff.events.LeadSummary;
import io.handoff.events.RoutingStep;
import io.handoff.events.Ruling;
import io.handoff.events.SlaEvent;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.routing.roster.Roster;

/**
 * The first half of routing's decisions, for one lead: what an event asks of its team's
 * queue (a rep, another rep, the same rep again, none any more) and where the lead stands
 * after it. The steps that need only the organisation (account match, territory) are
 * taken here ({@link Route}); the team's queue picks the rep. A lead is asked a rep once
 * per transition to sales-ready. Plain Java: the topology keeps each lead's
 * {@link LeadRouting} and forwards the requests to the team queues.
 */
final class Dispatch {

	/** Why a lead that faded while it waited for a rep left routing. */
	static final String LEFT_SALES_READY = "left sales-ready before a rep took it: ";

	private final Roster roster;

	private final BusinessCalendars.Built calendars;

	private final Instant now;

	/** The agreement in force, read only by the events that need it. */
	private final Supplier<@Nullable LeadAgreement> agreement;

	private @Nullable LeadRouting lead;

	private final List<QueueRequest> requests = new ArrayList<>();

	/**
	 * @param lead where the lead stands, {@code null} when routing has seen nothing of it
	 * @param roster the sales organisation now
	 * @param now the moment of the decision
	 * @param agreement the agreement in force, if any
	 */
	Dispatch(@Nullable LeadRouting lead, Roster roster, BusinessCalendars.Built calendars, Instant now,
			Supplier<@Nullable LeadAgreement> agreement) {
		this.lead = lead;
		this.roster = roster;
		this.calendars = calendars;
		this.now = now;
		this.agreement = agreement;
	}

	/**
	 * What one event of the lead {@code leadId} decides.
	 * @throws IllegalArgumentException for an event routing does not read
	 * @throws IllegalStateException for a ruling or escalation of a lead never assigned
	 * here
	 */
	Dispatched on(UUID leadId, Object event) {
		take(leadId, event);
		return new Dispatched(this.lead, List.copyOf(this.requests));
	}

	/**
	 * The person is forgotten: their name leaves every assignment, note and queue place
	 * routing keeps.
	 */
	Dispatched erase(LeadErased erased) {
		if (this.lead != null) {
			LeadRouting lead = this.lead;
			this.lead = lead.erased();
			if (lead.state() == LeadRouting.State.WAITING && lead.queue() != null) {
				this.requests.add(new QueueRequest(QueueRequest.Kind.ERASE, erased.leadId(), lead.queue(), null, "", 0,
						this.now, this.now, List.of(), null));
			}
		}
		return new Dispatched(this.lead, List.copyOf(this.requests));
	}

	private void take(UUID leadId, Object event) {
		if (event instanceof LeadScored scored) {
			scored(scored);
		}
		else if (event instanceof LeadAssigned assigned) {
			assigned(assigned);
		}
		else if (event instanceof LeadOutcome outcome) {
			if (outcome.outcome() == LeadOutcome.Outcome.UNKNOWN) {
				throw new FromNewerRelease("An outcome");
			}
			close("outcome: " + outcome.outcome());
		}
		else if (early(event)) {
			// Kept with the lead until its assignment is read back.
		}
		else if (event instanceof LeadReturned returned) {
			returned(returned);
		}
		else if (event instanceof Ruling ruling) {
			ruled(leadId, ruling);
		}
		else if (event instanceof SlaEvent sla) {
			escalated(leadId, sla);
		}
		else {
			throw new IllegalArgumentException("routing does not read " + event.getClass().getSimpleName());
		}
	}

	private void scored(LeadScored scored) {
		if (leftSalesReady(scored)) {
			if (this.lead != null && this.lead.state() == LeadRouting.State.WAITING && this.lead.current() == null) {
				// Faded (or re-scored) below sales-ready while it waited for a first rep:
				// no rep gets it now.
				close(LEFT_SALES_READY + scored.stageReason());
			}
			return;
		}
		if (!scored.entered(LeadScored.Stage.SALES_READY)) {
			return;
		}
		LeadRouting lead = routing(scored.leadId());
		if (scored.eventId().equals(lead.transition()) || lead.state() == LeadRouting.State.WAITING
				|| lead.state() == LeadRouting.State.ASSIGNED || lead.state() == LeadRouting.State.RETURNED) {
			// The same transition again, or a lead sales still has: one rep per
			// transition.
			return;
		}
		LeadReceived received = scored.lead();
		String emailDomain = Route.emailDomain(received.email());
		Route route = Route.of(this.roster, received.company(), emailDomain, this.now,
				TeamPick.workingHoursOnly(this.agreement.get()), this.calendars);
		LeadSummary summary = LeadSummary.of(scored);
		LeadRouting.RoutedAs routedAs = new LeadRouting.RoutedAs(received.company(), emailDomain, this.now, summary,
				scored.grade(), scored.agreementVersion());
		request(lead.routedAs(routedAs).requested(scored.eventId(), route.team(), this.now), QueueRequest.Kind.ASSIGN,
				route.team(), route.ownerRepId(), scored.grade(), scored.agreementVersion(), received.occurredAt(),
				route.steps(), summary, List.of());
	}

	/**
	 * Whether marketing's scores took the lead out of sales-ready (to a stage of
	 * marketing's: a stage this version does not know is not one).
	 */
	private static boolean leftSalesReady(LeadScored scored) {
		return scored.previousStage() == LeadScored.Stage.SALES_READY && switch (scored.stage()) {
			case INQUIRY, MQL, NURTURE, DISQUALIFIED -> true;
			default -> false;
		};
	}

	private void assigned(LeadAssigned assigned) {
		LeadRouting lead = routing(assigned.leadId());
		if (lead.state() == LeadRouting.State.CLOSED && lead.closedBecause() != null
				&& lead.closedBecause().startsWith(LEFT_SALES_READY)) {
			// It faded while its rep was being picked: the rep has it now (and its clock
			// runs), so it stays.
			lead = lead.released(LeadRouting.State.WAITING, null);
		}
		if (lead.current() != null && lead.current().eventId().equals(assigned.eventId())) {
			return;
		}
		LeadRouting next = lead.assigned(assigned);
		this.lead = next.withoutEarly();
		if (lead.state() == LeadRouting.State.CLOSED) {
			// Closed while the assignment was on its way: the rep does not hold it.
			this.requests.add(new QueueRequest(QueueRequest.Kind.RELEASE, assigned.leadId(), assigned.team(),
					assigned.repId(), assigned.grade(), assigned.agreementVersion(), assigned.occurredAt(), this.now,
					List.of(new RoutingStep.Said(lead.closedBecause())), null));
		}
		// What came before the assignment was read back is taken now, in the order it
		// came.
		next.early().forEach((early) -> take(assigned.leadId(), early.event()));
	}

	/**
	 * Keeps a return or an escalation of a lead whose assignment is on its way back (it
	 * waits for a rep as far as routing has read), and a ruling on a lead no assignment
	 * of which has been read back yet; whether it was kept. Taken at once, they would be
	 * lost: nobody holds the lead yet, as far as routing knows.
	 */
	private boolean early(Object event) {
		Optional<LeadRouting.Early> early = LeadRouting.Early.of(event);
		LeadRouting lead = this.lead;
		if (early.isEmpty() || lead == null || lead.state() != LeadRouting.State.WAITING
				|| (event instanceof Ruling && lead.current() != null)) {
			return false;
		}
		this.lead = lead.withEarly(early.get());
		return true;
	}

	private void returned(LeadReturned returned) {
		LeadRouting lead = routing(returned.leadId());
		if (lead.state() != LeadRouting.State.ASSIGNED || !lead.current().repId().equals(returned.repId())) {
			return;
		}
		if (!LeadAgreement.agreedReturn(this.agreement.get(), returned.reasonCode())) {
			// Not a reason the agreement lists: the lead stays with its rep while the
			// judge looks at it.
			return;
		}
		release(lead);
		this.lead = lead.released(LeadRouting.State.RETURNED,
				"returned by " + returned.repId() + ": " + returned.reasonCode());
	}

	private void close(String because) {
		LeadRouting lead = this.lead;
		if (lead == null) {
			return;
		}
		if (lead.state() == LeadRouting.State.WAITING) {
			this.requests.add(new QueueRequest(QueueRequest.Kind.CANCEL, lead.leadId(), lead.queue(), null, "", 0,
					this.now, this.now, List.of(new RoutingStep.Said(because)), null));
		}
		release(lead);
		this.lead = lead.released(LeadRouting.State.CLOSED, because);
	}

	private void release(LeadRouting lead) {
		LeadAssigned current = lead.current();
		if (lead.held() && current != null) {
			this.requests
				.add(new QueueRequest(QueueRequest.Kind.RELEASE, lead.leadId(), current.team(), current.repId(),
						current.grade(), current.agreementVersion(), current.occurredAt(), this.now, List.of(), null));
		}
	}

	private void ruled(UUID leadId, Ruling ruling) {
		AgainSteps.Ruled because = AgainSteps.Ruled.of(ruling);
		switch (ruling.decision()) {
			case RETURN_TO_MARKETING -> close(because.sentence());
			case REASSIGN -> again(leadId, QueueRequest.Kind.REASSIGN, because);
			case FOLLOW_UP_REQUIRED -> again(leadId, QueueRequest.Kind.FOLLOW_UP, because);
			case UNKNOWN -> throw new FromNewerRelease("A ruling with a decision");
		}
	}

	private void escalated(UUID leadId, SlaEvent sla) {
		LeadRouting lead = this.lead;
		if (sla.type() != SlaEvent.Type.ESCALATION || lead == null || lead.state() != LeadRouting.State.ASSIGNED
				|| !lead.current().repId().equals(sla.repId())) {
			return;
		}
		again(leadId, QueueRequest.Kind.REASSIGN, new AgainSteps.Escalated(sla.clock(), sla.deadline(), sla.repId()));
	}

	/** A ruling or escalation asks for the lead's rep again: another one, or the same. */
	private void again(UUID leadId, QueueRequest.Kind kind, RoutingStep because) {
		LeadRouting lead = this.lead;
		LeadAssigned current = (lead != null) ? lead.current() : null;
		if (lead == null || current == null) {
			throw new IllegalStateException("Lead " + leadId + " was never assigned here, so it cannot be "
					+ kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + "ed: " + because.sentence());
		}
		List<RoutingStep> steps = List.of(because, new AgainSteps.PreviouslyWith(current.repName(), current.team()));
		// Every rep the lead was with: a reassignment goes to one who has not had it
		// while one can take it.
		List<String> hadIt = lead.history().stream().map(LeadAssigned::repId).distinct().toList();
		request(lead.requested(null, current.team(), this.now), kind, current.team(), current.repId(), current.grade(),
				current.agreementVersion(), current.occurredAt(), steps, current.lead(),
				(kind == QueueRequest.Kind.REASSIGN) ? hadIt : List.of());
	}

	private void request(LeadRouting lead, QueueRequest.Kind kind, String team, @Nullable String repId, String grade,
			int agreementVersion, Instant receivedAt, List<RoutingStep> steps, @Nullable LeadSummary summary,
			List<String> hadIt) {
		this.lead = lead;
		this.requests.add(new QueueRequest(kind, lead.leadId(), team, repId, grade, agreementVersion, receivedAt,
				lead.requestedAt(), steps, summary, hadIt));
	}

	private LeadRouting routing(UUID leadId) {
		return (this.lead != null) ? this.lead : LeadRouting.unknown(leadId);
	}

}
