package io.handoff.sla.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.handoff.events.FromNewerRelease;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReturned;
import io.handoff.events.Ruling;
import io.handoff.events.SalesActivity;
import io.handoff.events.SlaEvent;
import io.handoff.events.calendar.BusinessCalendar;
import io.handoff.sla.clock.SlaClock.Step;

/**
 * The SLA's decisions: what an event, or a step falling due, does to one lead's clock. An
 * assignment starts a clock on the agreement's terms for the lead's grade, in the rep's
 * business calendar; a touch by the assigned rep stops the first-touch steps and counts
 * an attempt; an agreed return, an outcome or a ruling stops the clock; each step that
 * falls due raises its SLA event when the clock still owes what it checks. Plain Java:
 * the topology keeps the clocks and their deadlines, and carries out what this decides.
 */
final class Timekeeper {

	private final SlaPolicy policy;

	Timekeeper(SlaPolicy policy) {
		this.policy = policy;
	}

	/**
	 * What {@code event} does to the lead's clock.
	 * @param clock the lead's clock, {@code null} before its first assignment
	 * @param event an assignment, activity, return, outcome or ruling about the lead
	 * @param agreement the agreement in force, {@code null} before one is; read only for
	 * an assignment or a return
	 * @throws IllegalArgumentException for an event the SLA does not read
	 */
	Change on(@Nullable SlaClock clock, Object event, Supplier<@Nullable LeadAgreement> agreement) {
		if (event instanceof LeadAssigned assigned) {
			return new Start(start(clock, assigned, agreement.get()));
		}
		if (clock == null || clock.state() == SlaClock.State.STOPPED) {
			return checked(event, NONE);
		}
		if (event instanceof SalesActivity activity) {
			if (activity.type() == SalesActivity.Type.UNKNOWN) {
				throw new FromNewerRelease("An activity of a kind");
			}
			// An explicit accept takes the lead; only a touch by the rep who holds it
			// keeps the SLA.
			if ((activity.type() != null && !activity.type().touches()) || !clock.repId().equals(activity.repId())) {
				return NONE;
			}
			if (activity.eventId() != null && clock.counted(activity.eventId())) {
				// The same activity written twice (a retry intake took at two instances):
				// counted once.
				return DUPLICATE;
			}
			return new Touch(activity);
		}
		if (event instanceof LeadReturned returned) {
			// Only the holder's return for an agreed reason stops the clock: any other
			// leaves it running while the judge looks.
			return (clock.repId().equals(returned.repId())
					&& LeadAgreement.agreedReturn(agreement.get(), returned.reasonCode()))
							? new Stop(returned.occurredAt(),
									"returned by " + returned.repId() + ": " + returned.reasonCode())
							: NONE;
		}
		if (event instanceof LeadOutcome outcome) {
			if (outcome.outcome() == LeadOutcome.Outcome.UNKNOWN) {
				throw new FromNewerRelease("An outcome");
			}
			return new Stop(outcome.occurredAt(), "outcome: " + outcome.outcome());
		}
		if (event instanceof Ruling ruling) {
			return switch (ruling.decision()) {
				// The same rep owes a fresh follow-up: routing gives the lead back to
				// them, and that assignment starts the next clock (one start per
				// assignment, also after a crash). The judge's word has nothing of the
				// rep's to weigh against the steps already due.
				case FOLLOW_UP_REQUIRED -> new Stop(null,
						"sales must follow up by ruling; the next clock starts with the lead's new assignment");
				case RETURN_TO_MARKETING -> new Stop(null, "returned to marketing by ruling");
				// Routing assigns another rep; that assignment starts the next clock.
				case REASSIGN -> NONE;
				case UNKNOWN -> throw new FromNewerRelease("A ruling with a decision");
			};
		}
		throw unread(event);
	}

	/**
	 * Whether {@code event} looks read before the assignment it follows: a touch or an
	 * agreed reason's return by a rep whose clock is not running (none yet, stopped, or
	 * another rep's), an outcome with no clock running, a ruling on a lead with no clock
	 * at all. Taken now it would change nothing; read after the assignment, it would. A
	 * value of a newer release is not held: it goes to its dead letters as it is read.
	 */
	boolean awaitsAssignment(@Nullable SlaClock clock, Object event) {
		boolean running = clock != null && clock.state() != SlaClock.State.STOPPED;
		if (event instanceof SalesActivity activity) {
			return activity.type() != SalesActivity.Type.UNKNOWN
					&& (activity.type() == null || activity.type().touches())
					&& (!running || !clock.repId().equals(activity.repId()));
		}
		if (event instanceof LeadReturned returned) {
			return !running || !clock.repId().equals(returned.repId());
		}
		if (event instanceof LeadOutcome outcome) {
			return !running && outcome.outcome() != LeadOutcome.Outcome.UNKNOWN;
		}
		return event instanceof Ruling ruling && clock == null && ruling.decision() != Ruling.Decision.UNKNOWN;
	}

	/**
	 * The clock an assignment starts: a fresh one, keeping the history of the lead's
	 * {@code previous} clock.
	 */
	SlaClock start(@Nullable SlaClock previous, LeadAssigned assigned, @Nullable LeadAgreement agreement) {
		SlaPolicy.Obligation terms = this.policy.obligation(agreement, assigned.grade());
		BusinessCalendar calendar = this.policy.calendar(assigned.repId(), assigned.team());
		Instant at = assigned.occurredAt();
		Instant due = calendar.plus(at, terms.firstTouch());
		List<Step> steps = new ArrayList<>();
		for (double share : this.policy.settings().warnAt()) {
			steps.add(new Step(calendar.plus(at, scaled(terms.firstTouch(), share)), Step.Kind.WARNING));
		}
		Instant ignoredAt = calendar.plus(due, terms.ignoredAfter());
		Instant followUpDue = calendar.plus(at, terms.within());
		steps.add(new Step(due, Step.Kind.BREACH));
		steps.add(new Step(ignoredAt, Step.Kind.IGNORED));
		steps.add(new Step(followUpDue, Step.Kind.FOLLOW_UP_DUE));
		if (terms.reassignAfter() != null) {
			steps.add(new Step(calendar.plus(due, terms.reassignAfter()), Step.Kind.REASSIGN));
		}
		steps.sort(Comparator.comparing(Step::at));
		SlaClock fresh = new SlaClock(assigned.leadId(), assigned.repId(), assigned.team(), assigned.grade(), at, due,
				ignoredAt, terms.attempts(), followUpDue, SlaClock.State.RUNNING, null, null, 0, null, steps, List.of(),
				List.of(), assigned.lead());
		return (previous != null) ? previous.continuedBy(fresh) : fresh;
	}

	/**
	 * The clock after the rep's {@code activity} (a {@link Touch}), and the business time
	 * it came after assignment.
	 */
	Touched touched(SlaClock clock, SalesActivity activity) {
		Duration businessTime = this.policy.calendar(clock.repId(), clock.team())
			.between(clock.assignedAt(), activity.occurredAt());
		return new Touched(clock.touched(activity.eventId(), activity.occurredAt(), businessTime), businessTime,
				clock.touchedAt() == null);
	}

	/**
	 * The clock after {@code step} fell due at {@code now}, with the SLA event it raises,
	 * if it still owes one.
	 */
	Fired fire(SlaClock clock, Step step, Instant now) {
		SlaEvent.Type type = null;
		SlaEvent.Clock which = SlaEvent.Clock.FIRST_TOUCH;
		Instant deadline = clock.firstTouchDue();
		SlaClock.State next = clock.state();
		switch (step.kind()) {
			case WARNING -> type = (clock.state() == SlaClock.State.RUNNING) ? SlaEvent.Type.WARNING : null;
			case BREACH -> {
				if (clock.state() == SlaClock.State.RUNNING) {
					type = SlaEvent.Type.BREACH;
					next = SlaClock.State.BREACHED;
				}
			}
			case IGNORED -> {
				if (clock.state() == SlaClock.State.BREACHED) {
					type = SlaEvent.Type.IGNORED;
					next = SlaClock.State.IGNORED;
				}
			}
			// Still untouched: routing gives the lead to another rep, whose assignment
			// restarts the clock.
			case REASSIGN -> type = (clock.state() == SlaClock.State.BREACHED) ? SlaEvent.Type.ESCALATION : null;
			case FOLLOW_UP_DUE -> {
				if (clock.attempts() < clock.attemptsOwed()) {
					type = SlaEvent.Type.BREACH;
					which = SlaEvent.Clock.FOLLOW_UP;
					deadline = clock.followUpDue();
				}
			}
		}
		SlaEvent event = (type != null)
				? new SlaEvent(UUID.randomUUID(), now, clock.leadId(), clock.repId(), type, which, deadline) : null;
		return new Fired(clock.after(step, event, next), event);
	}

	private static Change checked(Object event, Change change) {
		if (event instanceof SalesActivity || event instanceof LeadReturned || event instanceof LeadOutcome
				|| event instanceof Ruling) {
			return change;
		}
		throw unread(event);
	}

	private static IllegalArgumentException unread(Object event) {
		return new IllegalArgumentException("sla-monitor does not read " + event.getClass().getSimpleName());
	}

	private static Duration scaled(Duration duration, double share) {
		return Duration.ofMillis(Math.round(duration.toMillis() * share));
	}

	/** Nothing changes. */
	static final Change NONE = new Unchanged(false);

	/** An activity counted already: nothing changes. */
	static final Change DUPLICATE = new Unchanged(true);

	/** What an event does to a clock. */
	sealed interface Change permits Start, Touch, Stop, Unchanged {

	}

	/** A new clock, in place of the lead's previous one. */
	record Start(SlaClock clock) implements Change {
	}

	/**
	 * A touch by the rep who holds the lead: once the steps that fell due before it are
	 * taken, the clock is {@link Timekeeper#touched touched}.
	 */
	record Touch(SalesActivity activity) implements Change {
	}

	/**
	 * The clock stops, after the steps that fell due before the event happened.
	 *
	 * @param happenedAt when the rep's return or the outcome happened; {@code null} for a
	 * ruling, which takes no step before it
	 * @param because why, as the clock keeps it
	 */
	record Stop(@Nullable Instant happenedAt, String because) implements Change {
	}

	/**
	 * Nothing changes; {@code duplicate} when the event was an activity counted already.
	 */
	record Unchanged(boolean duplicate) implements Change {
	}

	/**
	 * A touched clock.
	 *
	 * @param clock the clock after the touch
	 * @param businessTime business time from assignment to the touch
	 * @param first whether it was the first touch
	 */
	record Touched(SlaClock clock, Duration businessTime, boolean first) {
	}

	/**
	 * A step taken.
	 *
	 * @param clock the clock after it
	 * @param event the SLA event it raised, if any
	 */
	record Fired(SlaClock clock, @Nullable SlaEvent event) {
	}

}
