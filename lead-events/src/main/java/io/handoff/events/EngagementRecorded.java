package io.handoff.events;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A lead showed interest: a page view, a form fill, a webinar visit. Written by intake to
 * {@code leads.engagement}.
 *
 * @param eventId unique id of this event
 * @param occurredAt when the lead engaged
 * @param leadId the lead
 * @param type the kind of engagement, as the agreement names it (for example
 * {@code DEMO_REQUEST})
 * @param detail what was engaged with (a URL, a webinar name)
 */
public record EngagementRecorded(UUID eventId, Instant occurredAt, UUID leadId, String type,
		@Nullable String detail) implements LeadEvent {
}
