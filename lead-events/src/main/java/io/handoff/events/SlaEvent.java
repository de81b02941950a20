package io.handoff.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import org.jspecify.annotations.Nullable;

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
 * @param lead who the lead is, in brief, as its assignment said (absent when it did not)
 */
public record SlaEvent(UUID eventId, Instant occurredAt, UUID leadId, String repId, Type type, Clock clock,
		Instant deadline, @Nullable LeadSummary lead) implements LeadEvent {

	/** A step that says nothing of who the lead is. */
	public SlaEvent(UUID eventId, Instant occurredAt, UUID leadId, String repId, Type type, Clock clock,
			Instant deadline) {
		this(eventId, occurredAt, leadId, repId, type, clock, deadline, null);
	}

	/** This step, saying who the lead is. */
	/** The step of an erased person: without the person's name. */
	@Override
	public SlaEvent erased() {
		return about((this.lead != null) ? this.lead.anonymous() : null);
	}

	public SlaEvent about(@Nullable LeadSummary lead) {
		return new SlaEvent(this.eventId, this.occurredAt, this.leadId, this.repId, this.type, this.clock,
				this.deadline, lead);
	}

	/** The steps of the escalation ladder. */
	public enum Type {

		WARNING, BREACH, ESCALATION, IGNORED,

		/** A step written by a newer release than this reader's; never written. */
		@JsonEnumDefaultValue
		UNKNOWN

	}

	/** The obligations sales signed. */
	public enum Clock {

		FIRST_TOUCH, FOLLOW_UP,

		/** An obligation written by a newer release than this reader's; never written. */
		@JsonEnumDefaultValue
		UNKNOWN

	}

}
