package io.handoff.routing.assignment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadAssigned;
import io.handoff.events.RoutingStep;
import io.handoff.events.SalesRep;
import io.handoff.events.TurnSteps;
import io.handoff.routing.roster.Roster;

/**
 * The second half of routing's decisions, for one team: what a request asks of the team's
 * queue (a rep named outright, a turn of the weighted round robin, a place in the
 * overflow queue, a rep's slot freed), and the assignment or the waiting request it
 * makes, each with the steps that explain it. Which rep's turn it is, {@link TeamPick}
 * decides. Plain Java: the topology keeps the team's credits, the reps' open leads and
 * the queue.
 */
final class TeamDesk {

	private TeamDesk() {
	}

	/**
	 * What {@code request} asks of its team's queue, with the organisation as it is now.
	 */
	static Plan plan(QueueRequest request, Roster roster) {
		return switch (request.kind()) {
			case RELEASE -> new Release();
			case CANCEL -> new Leave();
			case ERASE -> new Erase();
			case FOLLOW_UP -> {
				Optional<SalesRep> rep = roster.rep(request.repId());
				yield rep
					.<Plan>map((back) -> new Direct(back, LeadAssigned.Method.FOLLOW_UP,
							List.of(new TurnSteps.FollowUp(back.name()))))
					.orElseGet(() -> new Queue(false,
							List.of(new TurnSteps.FollowUpRepGone(String.valueOf(request.repId())))));
			}
			case ASSIGN -> {
				Optional<SalesRep> owner = (request.repId() != null) ? roster.rep(request.repId()) : Optional.empty();
				yield owner.<Plan>map((rep) -> new Direct(rep, LeadAssigned.Method.ACCOUNT_OWNER, List.of()))
					.orElseGet(() -> new Queue(false, List.of()));
			}
			case REASSIGN -> new Queue(true, List.of());
		};
	}

	/** How a lead that waits for a turn is assigned when it gets one. */
	static LeadAssigned.Method method(QueueRequest request) {
		return (request.kind() == QueueRequest.Kind.REASSIGN) ? LeadAssigned.Method.REASSIGNMENT
				: LeadAssigned.Method.ROUND_ROBIN;
	}

	/**
	 * The rep whose slot a reassignment frees, and who does not get the lead again: the
	 * one who had it.
	 */
	static @Nullable String passedOver(QueueRequest request) {
		return (request.kind() == QueueRequest.Kind.REASSIGN) ? request.repId() : null;
	}

	/**
	 * The assignment of the lead of {@code request} to {@code rep} at {@code now}, with
	 * every step that led to it.
	 */
	static LeadAssigned assignment(QueueRequest request, SalesRep rep, LeadAssigned.Method method,
			List<RoutingStep> steps, Instant now) {
		return LeadAssigned.of(UUID.randomUUID(), now, request.leadId(), rep.repId(), rep.name(), rep.team(), method,
				request.grade(), request.agreementVersion(), concat(request.steps(), steps), request.lead());
	}

	/**
	 * The request as it waits in the overflow queue from {@code now}, with the steps that
	 * found nobody.
	 */
	static QueueRequest waiting(QueueRequest request, List<RoutingStep> steps, Instant now) {
		return new QueueRequest(request.kind(), request.leadId(), request.team(), request.repId(), request.grade(),
				request.agreementVersion(), request.receivedAt(), now, concat(request.steps(), steps), request.lead(),
				request.hadIt());
	}

	/** The step that explains an assignment from the overflow queue. */
	static RoutingStep overflowed(String team, Duration waited) {
		return new TurnSteps.Overflowed(team, waited.withNanos(0));
	}

	/**
	 * The waiting request of an erased person: it keeps its place, without their name or
	 * the words about them.
	 */
	static QueueRequest erased(QueueRequest waiting) {
		return new QueueRequest(waiting.kind(), waiting.leadId(), waiting.team(), waiting.repId(), waiting.grade(),
				waiting.agreementVersion(), waiting.receivedAt(), waiting.requestedAt(),
				waiting.steps().stream().map(RoutingStep::erased).toList(),
				(waiting.lead() != null) ? waiting.lead().anonymous() : null, waiting.hadIt());
	}

	static <T> List<T> concat(List<T> first, List<T> second) {
		List<T> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	/** What a request asks of the team's queue. */
	sealed interface Plan permits Release, Leave, Erase, Direct, Queue {

	}

	/**
	 * The rep gives the lead up (an outcome, a return, a lead closed on its way): their
	 * slot is free, and the leads waiting may take it.
	 */
	record Release() implements Plan {
	}

	/**
	 * The lead leaves the overflow queue (it left sales-ready, or closed, while it
	 * waited).
	 */
	record Leave() implements Plan {
	}

	/** The waiting lead of an erased person keeps its place, without their name. */
	record Erase() implements Plan {
	}

	/**
	 * Straight to a rep (its account's owner, or the rep a follow-up goes back to), past
	 * the round robin.
	 */
	record Direct(SalesRep rep, LeadAssigned.Method method, List<RoutingStep> steps) implements Plan {
	}

	/**
	 * A turn of the weighted round robin, behind everyone already waiting in the team.
	 *
	 * @param releaseFirst whether the rep who had it gives it up first (a reassignment)
	 * @param steps what was found before (a follow-up's rep no longer on the roster)
	 */
	record Queue(boolean releaseFirst, List<RoutingStep> steps) implements Plan {
	}

}
