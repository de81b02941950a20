package io.handoff.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import org.jspecify.annotations.Nullable;

/**
 * A rep worked a lead. Written by intake to {@code sales.activities}.
 *
 * @param eventId unique id of this event
 * @param occurredAt when the activity happened
 * @param leadId the lead
 * @param repId the rep who did it
 * @param type call, email or meeting (touches), or the rep's accept
 * @param note what came of it
 */
public record SalesActivity(UUID eventId, Instant occurredAt, UUID leadId, String repId, Type type,
		@Nullable String note) implements LeadEvent {

	/** The activity on an erased person: the rep's note, which may name them, is gone. */
	@Override
	public SalesActivity erased() {
		return new SalesActivity(this.eventId, this.occurredAt, this.leadId, this.repId, this.type, null);
	}

	/**
	 * The kinds of activity: touches that count against the SLA, and the rep's explicit
	 * accept.
	 */
	public enum Type {

		CALL, EMAIL, MEETING,

		/**
		 * The rep accepts the lead (where the agreement asks for an explicit accept); not
		 * a touch.
		 */
		ACCEPT,

		/**
		 * An activity written by a newer release than this reader's: neither a touch nor
		 * an accept here; never written.
		 */
		@JsonEnumDefaultValue
		UNKNOWN;

		/** Whether this activity touches the lead, counting against the SLA. */
		public boolean touches() {
			return this == CALL || this == EMAIL || this == MEETING;
		}

	}

}
