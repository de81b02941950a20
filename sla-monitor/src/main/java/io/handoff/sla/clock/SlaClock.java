package io.handoff.sla.clock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.handoff.events.SlaEvent;

/**
 * What sales owes one assigned lead, and how far along it is.
 *
 * @param leadId the lead
 * @param repId the rep who owes the touch
 * @param assignedAt when the rep got the lead
 * @param firstTouchDue when the first touch is due
 * @param ignoredAt when an untouched lead counts as ignored
 * @param state where the clock stands
 * @param touchedAt when the rep first touched the lead
 * @param history every SLA event of this clock, oldest first
 */
public record SlaClock(UUID leadId, String repId, Instant assignedAt, Instant firstTouchDue, Instant ignoredAt,
		State state, @Nullable Instant touchedAt, List<SlaEvent> history) {

	public SlaClock {
		history = List.copyOf(history);
	}

	/** The next instant this clock fires at, if it is still running. */
	public @Nullable Instant nextDeadline() {
		return switch (this.state) {
			case RUNNING -> this.firstTouchDue;
			case BREACHED -> this.ignoredAt;
			case TOUCHED, IGNORED -> null;
		};
	}

	SlaClock touched(Instant at) {
		return new SlaClock(this.leadId, this.repId, this.assignedAt, this.firstTouchDue, this.ignoredAt,
				State.TOUCHED, at, this.history);
	}

	SlaClock after(SlaEvent event, State next) {
		List<SlaEvent> events = new ArrayList<>(this.history);
		events.add(event);
		return new SlaClock(this.leadId, this.repId, this.assignedAt, this.firstTouchDue, this.ignoredAt, next,
				this.touchedAt, events);
	}

	/** Where a clock stands. */
	public enum State {

		/** Waiting for the first touch, within the agreed time. */
		RUNNING,
		/** The first touch is overdue; the manager has been told. */
		BREACHED,
		/** The rep touched the lead; nothing more is owed on this clock. */
		TOUCHED,
		/** No touch long after the deadline: the lead goes to the judge. */
		IGNORED

	}

}
