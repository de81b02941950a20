package io.handoff.intake.publishing;

import java.util.UUID;

/**
 * What a client gets back for an accepted event: {@code 202} once Kafka has it.
 *
 * @param leadId the lead the event is about: the same for the same person
 * @param eventId the id of the event written
 */
public record Accepted(UUID leadId, UUID eventId) {

}
