package io.handoff.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import org.jspecify.annotations.Nullable;

/**
 * What became of a lead. Written by intake to {@code leads.outcomes}.
 *
 * @param eventId unique id of this event
 * @param occurredAt when the outcome was recorded
 * @param leadId the lead
 * @param outcome converted, won or lost
 * @param amount deal amount, for won deals
 */
public record LeadOutcome(UUID eventId, Instant occurredAt, UUID leadId, Outcome outcome,
		@Nullable BigDecimal amount) implements LeadEvent {

	/** What became of a lead. */
	public enum Outcome {

		CONVERTED, WON, LOST,

		/**
		 * An outcome written by a newer release than this reader's: it moves nothing;
		 * never written.
		 */
		@JsonEnumDefaultValue
		UNKNOWN

	}

}
