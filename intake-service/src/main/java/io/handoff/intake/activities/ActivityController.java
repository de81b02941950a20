package io.handoff.intake.activities;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.events.LeadIds;
import io.handoff.events.SalesActivity;
import io.handoff.events.Topics;
import io.handoff.intake.problems.RequestFields;
import io.handoff.intake.publishing.EventPublisher;

/**
 * Where sales tools report that a rep worked a lead: the touches that keep the SLA.
 */
@RestController
@RequestMapping(path = "/api/v1/activities", consumes = MediaType.APPLICATION_JSON_VALUE)
class ActivityController {

	private final EventPublisher publisher;

	private final Clock clock;

	ActivityController(EventPublisher publisher, Clock clock) {
		this.publisher = publisher;
		this.clock = clock;
	}

	/** Accepts one activity on a lead named by {@code leadId} or by {@code email}. */
	@PostMapping
	ResponseEntity<Accepted> record(@RequestBody Map<String, @Nullable Object> body) {
		Instant now = this.clock.instant();
		RequestFields fields = new RequestFields(body);
		UUID leadId = leadId(fields);
		String repId = fields.requiredText("repId", 100);
		SalesActivity.Type type = fields.oneOf("type", SalesActivity.Type.class, true);
		Instant occurredAt = fields.pastInstant("occurredAt", now, now);
		String note = fields.text("note", 2000);
		fields.throwIfInvalid();
		SalesActivity activity = new SalesActivity(UUID.randomUUID(), occurredAt, leadId, repId, type, note);
		this.publisher.publish(Topics.SALES_ACTIVITIES, leadId, activity);
		return ResponseEntity.accepted().body(new Accepted(leadId, activity.eventId()));
	}

	private static @Nullable UUID leadId(RequestFields fields) {
		String leadId = fields.text("leadId", 36);
		String email = fields.text("email", 254);
		if (leadId != null) {
			try {
				return UUID.fromString(leadId);
			}
			catch (IllegalArgumentException ex) {
				fields.problem("leadId", "must be the leadId intake returned (a UUID), not '" + leadId + "'");
				return null;
			}
		}
		if (email != null) {
			return LeadIds.ofEmail(email);
		}
		fields.problem("leadId", "is required (or the lead's email)");
		return null;
	}

	/**
	 * What a client gets back for an accepted activity.
	 *
	 * @param leadId the lead worked
	 * @param eventId the id of the event written
	 */
	record Accepted(UUID leadId, UUID eventId) {
	}

}
