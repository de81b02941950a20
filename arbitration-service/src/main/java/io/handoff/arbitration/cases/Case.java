package io.handoff.arbitration.cases;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadIds;
import io.handoff.events.LeadReturned;
import io.handoff.events.SlaEvent;

/**
 * A lead put before the judge.
 *
 * @param caseId the case's id: name-based on the event that opened it, so a replay opens no second case
 * @param leadId the lead
 * @param repId the rep the lead was with
 * @param cause why the case was opened
 * @param status whether the judge has ruled
 * @param openedAt when the case was opened
 * @param returned the rep's return, with reason code and note, for a returned lead
 */
public record Case(UUID caseId, UUID leadId, String repId, Cause cause, Status status, Instant openedAt,
		@Nullable LeadReturned returned) {

	/** The case that an ignored lead opens. */
	static Case ignored(SlaEvent ignored) {
		return new Case(LeadIds.nameBased("case:" + ignored.eventId()), ignored.leadId(), ignored.repId(),
				Cause.IGNORED, Status.OPEN, ignored.occurredAt(), null);
	}

	/** The case that a lead sent back by its rep opens. */
	static Case returned(LeadReturned returned) {
		return new Case(LeadIds.nameBased("case:" + returned.eventId()), returned.leadId(), returned.repId(),
				Cause.RETURNED, Status.OPEN, returned.occurredAt(), returned);
	}

	/** Why a case was opened. */
	public enum Cause {

		/** Sales did not touch the lead within the SLA and its grace period. */
		IGNORED,
		/** A rep sent the lead back to marketing. */
		RETURNED

	}

	/** Where a case stands. */
	public enum Status {

		OPEN, RULED

	}

}
