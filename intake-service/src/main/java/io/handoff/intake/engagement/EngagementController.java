package io.handoff.intake.engagement;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.events.EngagementRecorded;
import io.handoff.events.Topics;
import io.handoff.intake.idempotency.Idempotency;
import io.handoff.intake.problems.LeadReference;
import io.handoff.intake.problems.RequestFields;
import io.handoff.intake.publishing.Accepted;
import io.handoff.intake.publishing.EventPublisher;

/**
 * Where marketing platforms report a lead's interest: a page view, a form fill, a webinar visit.
 */
@RestController
@RequestMapping(path = "/api/v1/engagements", consumes = MediaType.APPLICATION_JSON_VALUE)
class EngagementController {

	private final EventPublisher publisher;

	private final Idempotency idempotency;

	private final Clock clock;

	EngagementController(EventPublisher publisher, Idempotency idempotency, Clock clock) {
		this.publisher = publisher;
		this.idempotency = idempotency;
		this.clock = clock;
	}

	@PostMapping
	ResponseEntity<?> record(@RequestBody Map<String, @Nullable Object> body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
		return this.idempotency.once("engagements", key, body, () -> {
			Instant now = this.clock.instant();
			RequestFields fields = new RequestFields(body);
			UUID leadId = LeadReference.read(fields);
			String type = fields.code("type", true);
			String detail = fields.text("detail", 2000);
			Instant occurredAt = fields.pastInstant("occurredAt", now, now);
			fields.throwIfInvalid();
			EngagementRecorded engagement = new EngagementRecorded(UUID.randomUUID(), occurredAt, leadId, type, detail);
			this.publisher.publish(Topics.LEADS_ENGAGEMENT, leadId, engagement);
			return Accepted.of(leadId, engagement.eventId());
		});
	}

}
