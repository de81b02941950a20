package io.handoff.routing.assignment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.jspecify.annotations.Nullable;

import io.handoff.events.Company;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadEvent;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadSummary;
import io.handoff.events.Lists;
import io.handoff.events.Ruling;
import io.handoff.events.SlaEvent;

/**
 * Where one lead stands in routing, kept by lead id: the assignment API answers from it.
 *
 * @param leadId the lead
 * @param state where it stands
 * @param transition the score event that last made the lead sales-ready (a transition is
 * assigned once)
 * @param queue the team queue it waits in or was assigned from
 * @param requestedAt when routing was last asked for a rep
 * @param held whether the current rep still holds the lead open (not returned, no
 * outcome)
 * @param closedBecause why the lead left routing (outcome, return to marketing)
 * @param history every assignment, oldest first: the last is the one in force
 * ({@link #current()}), kept once
 * @param early returns, escalations and rulings read while the lead's assignment was on
 * its way back to routing, oldest first: they are taken once it is read
 * @param routedAs what its route was found from when it last became sales-ready (the dry
 * run of a lead id and the preview of a routing draft replay it); {@code null} for a lead
 * routed before it was kept
 */
record LeadRouting(UUID leadId, State state, @Nullable UUID transition, @Nullable String queue,
		@Nullable Instant requestedAt, boolean held, @Nullable String closedBecause, List<LeadAssigned> history,
		List<Early> early, @Nullable RoutedAs routedAs) {

	/** The most assignments kept per lead. */
	static final int HISTORY = 50;

	/** The most early events kept per lead. */
	static final int EARLY = 50;

	LeadRouting {
		history = List.copyOf(history);
		// State stored before early events were kept has none.
		early = Lists.copyOf(early);
	}

	static LeadRouting unknown(UUID leadId) {
		return new LeadRouting(leadId, State.NEW, null, null, null, false, null, List.of(), List.of(), null);
	}

	/** The assignment in force, if any. */
	@Nullable LeadAssigned current() {
		return this.history.isEmpty() ? null : this.history.get(this.history.size() - 1);
	}

	/** Routed from {@code routedAs}: the lead as it became sales-ready. */
	LeadRouting routedAs(RoutedAs routedAs) {
		return new LeadRouting(this.leadId, this.state, this.transition, this.queue, this.requestedAt, this.held,
				this.closedBecause, this.history, this.early, routedAs);
	}

	LeadRouting requested(@Nullable UUID transition, String queue, Instant at) {
		return new LeadRouting(this.leadId, State.WAITING, (transition != null) ? transition : this.transition, queue,
				at, this.held, null, this.history, this.early, this.routedAs);
	}

	LeadRouting assigned(LeadAssigned assigned) {
		List<LeadAssigned> all = new ArrayList<>(this.history);
		all.add(assigned);
		if (all.size() > HISTORY) {
			all.remove(0);
		}
		boolean open = this.state != State.CLOSED;
		return new LeadRouting(this.leadId, open ? State.ASSIGNED : State.CLOSED, this.transition, assigned.team(),
				this.requestedAt, open, this.closedBecause, all, this.early, this.routedAs);
	}

	LeadRouting released(State state, @Nullable String because) {
		return new LeadRouting(this.leadId, state, this.transition, this.queue, this.requestedAt, false, because,
				this.history, this.early, this.routedAs);
	}

	/** With one more early event (the oldest goes beyond {@link #EARLY}). */
	LeadRouting withEarly(Early event) {
		List<Early> all = new ArrayList<>(this.early);
		all.add(event);
		if (all.size() > EARLY) {
			all.remove(0);
		}
		return new LeadRouting(this.leadId, this.state, this.transition, this.queue, this.requestedAt, this.held,
				this.closedBecause, this.history, all, this.routedAs);
	}

	/**
	 * What routing keeps of an erased person: each assignment and early return without
	 * the person's name or notes.
	 */
	LeadRouting erased() {
		return new LeadRouting(this.leadId, this.state, this.transition, this.queue, this.requestedAt, this.held,
				(this.closedBecause != null) ? LeadErased.withoutWords(this.closedBecause) : null,
				this.history.stream().map(LeadAssigned::erased).toList(),
				this.early.stream().map(Early::erased).toList(),
				(this.routedAs != null) ? this.routedAs.erased() : null);
	}

	/** Without the early events, once they are taken. */
	LeadRouting withoutEarly() {
		return new LeadRouting(this.leadId, this.state, this.transition, this.queue, this.requestedAt, this.held,
				this.closedBecause, this.history, List.of(), this.routedAs);
	}

	/**
	 * An event about a lead's assignment read before the assignment itself: routing reads
	 * its own assignments back from {@code leads.assigned} and, to keep latency down,
	 * does not wait for all its input topics before taking a record
	 * ({@code max.task.idle.ms} -1), so a sales tool's return can come first, above all
	 * while routing catches up after a restart. Stored as {@code {"returned": ...}},
	 * {@code {"escalation": ...}} or {@code {"ruling": ...}}; state written when this was
	 * one record of three nullable fields (the others {@code null}) reads the same.
	 */
	sealed interface Early permits Early.Returned, Early.Escalated, Early.Ruled {

		/** The event kept, if routing keeps events of its kind early. */
		static Optional<Early> of(Object event) {
			if (event instanceof LeadReturned returned) {
				return Optional.of(new Returned(returned));
			}
			if (event instanceof SlaEvent escalation) {
				return Optional.of(new Escalated(escalation));
			}
			if (event instanceof Ruling ruling) {
				return Optional.of(new Ruled(ruling));
			}
			return Optional.empty();
		}

		/** Reads a stored early event, in either form. */
		@JsonCreator
		static Early read(@JsonProperty("returned") @Nullable LeadReturned returned,
				@JsonProperty("escalation") @Nullable SlaEvent escalation,
				@JsonProperty("ruling") @Nullable Ruling ruling) {
			if (returned != null) {
				return new Returned(returned);
			}
			if (escalation != null) {
				return new Escalated(escalation);
			}
			if (ruling != null) {
				return new Ruled(ruling);
			}
			throw new IllegalArgumentException("An early event names a return, an escalation or a ruling");
		}

		/** The event itself. */
		LeadEvent event();

		/**
		 * The early event of an erased person: without their name or the words written
		 * about them.
		 */
		default Early erased() {
			return of(event().erased()).orElseThrow();
		}

		/** A rep's return. */
		record Returned(@JsonProperty("returned") LeadReturned event) implements Early {
		}

		/** An SLA escalation. */
		record Escalated(@JsonProperty("escalation") SlaEvent event) implements Early {
		}

		/** A judge's ruling. */
		record Ruled(@JsonProperty("ruling") Ruling event) implements Early {
		}

	}

	/**
	 * What a lead's route is found from: its company (no person in it) and its e-mail's
	 * domain, as it became sales-ready.
	 *
	 * @param company the company the lead gave
	 * @param emailDomain the domain of its e-mail address
	 * @param salesReadyAt when it became sales-ready
	 * @param summary who the lead is, in brief (without the person's name once erased)
	 * @param grade its fit grade then
	 * @param agreementVersion the agreement it was scored under
	 */
	record RoutedAs(Company company, @Nullable String emailDomain, Instant salesReadyAt, @Nullable LeadSummary summary,
			String grade, int agreementVersion) {

		/** Without the person's name: what an erased lead keeps. */
		RoutedAs erased() {
			return new RoutedAs(this.company, this.emailDomain, this.salesReadyAt,
					(this.summary != null) ? this.summary.anonymous() : null, this.grade, this.agreementVersion);
		}

	}

	/** Where a lead stands. */
	enum State {

		/** Routing has seen events of the lead but it never was sales-ready. */
		NEW,
		/** Waiting in a team queue for a rep. */
		WAITING,
		/** With a rep. */
		ASSIGNED,
		/** The rep sent it back; waiting for the judge. */
		RETURNED,
		/** Out of sales' hands: an outcome, or returned to marketing by ruling. */
		CLOSED

	}

}
