package io.handoff.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A case the judge did not rule on within the agreement's time, escalated to the
 * executives. Written by arbitration to {@code arbitration.escalations}; sla-monitor
 * notifies the executives.
 *
 * @param eventId unique id of this event
 * @param occurredAt when the case was escalated
 * @param leadId the lead
 * @param caseId the case
 * @param repId the rep the case is about
 * @param cause why the case was opened (IGNORED or RETURNED)
 * @param openedAt when the case was opened
 * @param rulingDue when the ruling was due
 */
public record CaseEscalated(UUID eventId, Instant occurredAt, UUID leadId, UUID caseId, String repId, String cause,
		Instant openedAt, Instant rulingDue) {
}
