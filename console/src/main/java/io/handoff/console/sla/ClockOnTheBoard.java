package io.handoff.console.sla;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.handoff.events.Lists;
import io.handoff.events.SlaEvent;
import io.handoff.events.StageChange;

/**
 * A lead's SLA clock, as sla-monitor answers with it and the board shows it.
 *
 * @param leadId the lead
 * @param repId the rep who owes the touch
 * @param team the rep's team
 * @param grade the lead's fit grade
 * @param firstTouchDue when the first touch is due
 * @param ignoredAt when an untouched lead counts as ignored
 * @param attemptsOwed follow-up attempts owed
 * @param followUpDue by when
 * @param state where the clock stands: {@code RUNNING}, {@code TOUCHED},
 * {@code BREACHED}, {@code IGNORED}, ...
 * @param touchedAt when the rep first touched the lead
 * @param attempts touches so far
 * @param history every SLA event of the lead, oldest first
 */
record ClockOnTheBoard(UUID leadId, String repId, String team, String grade, Instant firstTouchDue, Instant ignoredAt,
		int attemptsOwed, @Nullable Instant followUpDue, String state, @Nullable Instant touchedAt, int attempts,
		List<SlaEvent> history) {

	ClockOnTheBoard {
		history = Lists.copyOf(history);
	}

	/** Whether the rep has been warned that the first touch is due soon. */
	boolean warned() {
		return this.history.stream().anyMatch((step) -> step.type() == SlaEvent.Type.WARNING);
	}

	/** Follow-up attempts still owed. */
	int owed() {
		return this.attemptsOwed - this.attempts;
	}

	/**
	 * Where one lead on the board stands in the waterfall, as scoring answers.
	 *
	 * @param leadId the lead
	 * @param stage its stage
	 * @param latest the change that put it there
	 */
	record Stage(UUID leadId, String stage, @Nullable StageChange latest) {
	}

}
