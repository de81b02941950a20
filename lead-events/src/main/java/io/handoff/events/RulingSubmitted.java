package io.handoff.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A ruling as the judge submitted it, on {@code arbitration.submissions}, keyed by lead
 * like the case. Arbitration's case processor, the one owner of the case's partition,
 * takes the first submission for an open case and publishes it as the {@link Ruling} the
 * other services carry out; any later one changes nothing, whichever instance the judge
 * reached.
 *
 * @param eventId unique id of this submission, and of the ruling it becomes
 * @param occurredAt when the judge ruled
 * @param leadId the lead
 * @param caseId the case ruled on
 * @param decision the ruling
 * @param reason the judge's written reason
 * @param judge who ruled
 */
public record RulingSubmitted(UUID eventId, Instant occurredAt, UUID leadId, UUID caseId, Ruling.Decision decision,
		String reason, String judge) {

	/** The ruling this submission becomes when it is the case's first. */
	public Ruling ruling() {
		return new Ruling(this.eventId, this.occurredAt, this.leadId, this.caseId, this.decision, this.reason,
				this.judge);
	}

}
