package io.handoff.events;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A rep sent a lead back to marketing. Written by intake to {@code leads.returned}.
 *
 * @param eventId unique id of this event
 * @param occurredAt when the lead was returned
 * @param leadId the lead
 * @param repId the rep who returned it
 * @param reasonCode one of the agreement's return reasons
 * @param note the rep's words
 */
public record LeadReturned(UUID eventId, Instant occurredAt, UUID leadId, String repId, String reasonCode,
		@Nullable String note) implements LeadEvent {

	/**
	 * The return of an erased person: the rep's note, which may name them, is gone; the
	 * reason stays.
	 */
	@Override
	public LeadReturned erased() {
		return new LeadReturned(this.eventId, this.occurredAt, this.leadId, this.repId, this.reasonCode, null);
	}

}
