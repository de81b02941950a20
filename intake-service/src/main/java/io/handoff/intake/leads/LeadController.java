package io.handoff.intake.leads;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.events.LeadReceived;
import io.handoff.events.Topics;
import io.handoff.intake.publishing.EventPublisher;

/**
 * Where marketing platforms send leads.
 */
@RestController
@RequestMapping(path = "/api/v1/leads", consumes = MediaType.APPLICATION_JSON_VALUE)
class LeadController {

	private final EventPublisher publisher;

	private final Clock clock;

	LeadController(EventPublisher publisher, Clock clock) {
		this.publisher = publisher;
		this.clock = clock;
	}

	/** Accepts one lead: {@code 202} with its id once Kafka has it. */
	@PostMapping
	ResponseEntity<Accepted> submit(@RequestBody Map<String, @Nullable Object> body) {
		LeadReceived lead = LeadForm.read(body, this.clock.instant());
		this.publisher.publish(Topics.LEADS_RECEIVED, lead.leadId(), lead);
		return ResponseEntity.accepted().body(new Accepted(lead.leadId(), lead.eventId()));
	}

	/**
	 * What a client gets back for an accepted lead.
	 *
	 * @param leadId the lead's identity: the same for the same person
	 * @param eventId the id of the event written
	 */
	record Accepted(UUID leadId, UUID eventId) {
	}

}
