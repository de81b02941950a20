package io.handoff.arbitration.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadIds;
import io.handoff.events.LeadReturned;
import io.handoff.events.Ruling;
import io.handoff.events.SlaEvent;

/**
 * A lead put before the judge.
 *
 * @param caseId the case's id: name-based on the event that opened it, so a replay opens
 * no second case
 * @param leadId the lead
 * @param repId the rep the lead was with
 * @param cause why the case was opened
 * @param status whether the judge has ruled
 * @param openedAt when the case was opened
 * @param returned the rep's return, with reason code and note, for a returned lead
 * @param rulingDue when the judge must have ruled (the agreement's {@code rulingWithin}
 * after opening)
 * @param escalatedAt when the unruled case went to the executives
 * @param ruling the judge's ruling, once made: the case's audit trail with the opening
 */
public record Case(UUID caseId, UUID leadId, String repId, Cause cause, Status status, Instant openedAt,
		@Nullable LeadReturned returned, @Nullable Instant rulingDue, @Nullable Instant escalatedAt,
		@Nullable Ruling ruling) {

	/** The case that an ignored lead opens. */
	static Case ignored(SlaEvent ignored, @Nullable Duration rulingWithin) {
		return new Case(LeadIds.nameBased("case:" + ignored.eventId()), ignored.leadId(), ignored.repId(),
				Cause.IGNORED, Status.OPEN, ignored.occurredAt(), null, due(ignored.occurredAt(), rulingWithin), null,
				null);
	}

	/**
	 * The case that a lead sent back by its rep opens: {@link Cause#RETURNED} for a
	 * reason the agreement lists, {@link Cause#RETURNED_WITHOUT_AGREED_REASON} for any
	 * other.
	 */
	static Case returned(LeadReturned returned, boolean agreedReason, @Nullable Duration rulingWithin) {
		return new Case(LeadIds.nameBased("case:" + returned.eventId()), returned.leadId(), returned.repId(),
				agreedReason ? Cause.RETURNED : Cause.RETURNED_WITHOUT_AGREED_REASON, Status.OPEN,
				returned.occurredAt(), returned, due(returned.occurredAt(), rulingWithin), null, null);
	}

	private static @Nullable Instant due(Instant openedAt, @Nullable Duration rulingWithin) {
		return (rulingWithin != null) ? openedAt.plus(rulingWithin) : null;
	}

	/** This case, ruled. */
	Case ruled(Ruling ruling) {
		return new Case(this.caseId, this.leadId, this.repId, this.cause, Status.RULED, this.openedAt, this.returned,
				this.rulingDue, this.escalatedAt, ruling);
	}

	/**
	 * The case of an erased person: the return without the rep's note, the ruling without
	 * the judge's words.
	 */
	Case erased() {
		return new Case(this.caseId, this.leadId, this.repId, this.cause, this.status, this.openedAt,
				(this.returned != null) ? this.returned.erased() : null, this.rulingDue, this.escalatedAt,
				(this.ruling != null) ? this.ruling.erased() : null);
	}

	/** This case, escalated to the executives at {@code at}. */
	Case escalated(Instant at) {
		return new Case(this.caseId, this.leadId, this.repId, this.cause, this.status, this.openedAt, this.returned,
				this.rulingDue, at, this.ruling);
	}

	/** Why a case was opened. */
	public enum Cause {

		/** Sales did not touch the lead within the SLA and its grace period. */
		IGNORED,
		/** A rep sent the lead back to marketing for a reason the agreement lists. */
		RETURNED,
		/**
		 * A rep sent the lead back for a reason the agreement does not list: the lead
		 * stays with them, on its clock, until the judge rules.
		 */
		RETURNED_WITHOUT_AGREED_REASON

	}

	/** Where a case stands. */
	public enum Status {

		OPEN, RULED

	}

}
