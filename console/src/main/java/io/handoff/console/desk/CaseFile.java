package io.handoff.console.desk;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadReturned;
import io.handoff.events.Ruling;

/**
 * A case as arbitration answers with it: the docket, and the lead's evidence.
 *
 * @param docket the case
 * @param evidence what is known of the lead
 */
public record CaseFile(Docket docket, Evidence evidence) {

	public CaseFile {
		evidence = (evidence != null) ? evidence : Evidence.NONE;
	}

	/**
	 * A case: why it was opened, where it stands, and its ruling once there is one.
	 *
	 * @param caseId the case
	 * @param leadId the lead it is about
	 * @param repId the rep who returned or ignored it
	 * @param cause {@code IGNORED}, {@code RETURNED} or
	 * {@code RETURNED_WITHOUT_AGREED_REASON}
	 * @param status {@code OPEN} or {@code RULED}
	 * @param openedAt when
	 * @param returned the rep's return, for a returned lead
	 * @param rulingDue when the judge is due to rule
	 * @param escalatedAt when the executives were told the ruling is late
	 * @param ruling the judge's ruling
	 */
	public record Docket(UUID caseId, UUID leadId, String repId, String cause, String status, Instant openedAt,
			@Nullable LeadReturned returned, @Nullable Instant rulingDue, @Nullable Instant escalatedAt,
			@Nullable Ruling ruling) {

		/** Why the case was opened, in words. */
		public String reason() {
			if (this.returned == null) {
				return "Ignored past the SLA";
			}
			return ("RETURNED".equals(this.cause) ? "Returned: "
					: "Returned without an agreed reason (still with the rep): ") + this.returned.reasonCode();
		}

	}

}
