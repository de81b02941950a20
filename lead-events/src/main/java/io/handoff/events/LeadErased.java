package io.handoff.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A person asked to be forgotten: every service removes the lead's personal data (email, name, title, phone, its id
 * in the sending platform, the attributes and the notes written about it) from its stores at once, and keeps an
 * anonymous record (the lead id, its company, scores, stages, assignments, clocks and rulings) so the figures still
 * add up. Written by scoring to {@code leads.erasures}, read by scoring, routing, sla-monitor and arbitration.
 *
 * @param eventId unique id of this event
 * @param occurredAt when the erasure was asked for
 * @param leadId the lead
 * @param erasedBy who asked for it (an administrator)
 */
public record LeadErased(UUID eventId, Instant occurredAt, UUID leadId, String erasedBy) {
}
