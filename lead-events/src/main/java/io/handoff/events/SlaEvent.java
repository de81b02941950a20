package io.handoff.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A step on the SLA ladder for one lead. Written by sla-monitor to {@code sla.events}.
 *
 * @param eventId unique id of this event
 * @param occurredAt when the step was taken
 * @param leadId the lead
 * @param repId the rep who owes the touch
 * @param type the step
 * @param clock which obligation it is about
 * @param deadline when the obligation fell due
 */
public record SlaEvent(UUID eventId, Instant occurredAt, UUID leadId, String repId, Type type, Clock clock,
		Instant deadline) {

	/** The steps of the escalation ladder. */
	public enum Type {

		WARNING, BREACH, ESCALATION, IGNORED

	}

	/** The obligations sales signed. */
	public enum Clock {

		FIRST_TOUCH, FOLLOW_UP

	}

}
