package io.handoff.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event about one lead, as the lead topics carry it: keyed by the lead, with an id of
 * its own and the time it happened.
 */
public interface LeadEvent {

	/** The event's own id. */
	UUID eventId();

	/** When it happened. */
	Instant occurredAt();

	/** The lead it is about. */
	UUID leadId();

	/**
	 * The event without the person it is about, the form an erased lead's events are kept
	 * in: an event that carries nothing personal is kept as it is.
	 */
	default LeadEvent erased() {
		return this;
	}

}
