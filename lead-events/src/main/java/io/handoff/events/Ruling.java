package io.handoff.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * The judge's ruling on a case. Written by arbitration to {@code arbitration.rulings}.
 *
 * @param eventId unique id of this event
 * @param occurredAt when the judge ruled
 * @param leadId the lead
 * @param caseId the case ruled on
 * @param decision the ruling
 * @param reason the judge's written reason
 * @param judge who ruled
 */
public record Ruling(UUID eventId, Instant occurredAt, UUID leadId, UUID caseId, Decision decision, String reason,
		String judge) implements LeadEvent {

	/**
	 * The ruling on an erased person: the decision and the judge stay, the reason (which
	 * may name them) does not.
	 */
	@Override
	public Ruling erased() {
		return new Ruling(this.eventId, this.occurredAt, this.leadId, this.caseId, this.decision, LeadErased.ERASED,
				this.judge);
	}

	/** What the judge may decide. */
	public enum Decision {

		RETURN_TO_MARKETING, FOLLOW_UP_REQUIRED, REASSIGN,

		/**
		 * A decision written by a newer release than this reader's: it acts on nothing;
		 * never written.
		 */
		@JsonEnumDefaultValue
		UNKNOWN

	}

}
