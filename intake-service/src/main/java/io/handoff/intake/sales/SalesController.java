package io.handoff.intake.sales;

import java.math.BigDecimal;
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

import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReturned;
import io.handoff.events.SalesActivity;
import io.handoff.events.Topics;
import io.handoff.intake.idempotency.Idempotency;
import io.handoff.intake.problems.LeadReference;
import io.handoff.intake.problems.RequestFields;
import io.handoff.intake.publishing.Accepted;
import io.handoff.intake.publishing.EventPublisher;

/**
 * Where sales tools report on a lead: each touch (which keeps the SLA), a lead sent back to marketing, and what
 * became of it.
 */
@RestController
@RequestMapping(path = "/api/v1", consumes = MediaType.APPLICATION_JSON_VALUE)
class SalesController {

	private final EventPublisher publisher;

	private final Idempotency idempotency;

	private final Clock clock;

	SalesController(EventPublisher publisher, Idempotency idempotency, Clock clock) {
		this.publisher = publisher;
		this.idempotency = idempotency;
		this.clock = clock;
	}

	/** A call, email or meeting with a lead. */
	@PostMapping("/activities")
	ResponseEntity<?> activity(@RequestBody Map<String, @Nullable Object> body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
		return this.idempotency.once("activities", key, body, () -> {
			Instant now = this.clock.instant();
			RequestFields fields = new RequestFields(body);
			UUID leadId = LeadReference.read(fields);
			String repId = fields.requiredText("repId", 100);
			SalesActivity.Type type = fields.oneOf("type", SalesActivity.Type.class, true);
			Instant occurredAt = fields.pastInstant("occurredAt", now, now);
			String note = fields.text("note", 2000);
			fields.throwIfInvalid();
			SalesActivity activity = new SalesActivity(UUID.randomUUID(), occurredAt, leadId, repId, type, note);
			this.publisher.publish(Topics.SALES_ACTIVITIES, leadId, activity);
			return Accepted.of(leadId, activity.eventId());
		});
	}

	/** A rep sends a lead back to marketing, with one of the agreement's reason codes. */
	@PostMapping("/returns")
	ResponseEntity<?> returned(@RequestBody Map<String, @Nullable Object> body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
		return this.idempotency.once("returns", key, body, () -> {
			Instant now = this.clock.instant();
			RequestFields fields = new RequestFields(body);
			UUID leadId = LeadReference.read(fields);
			String repId = fields.requiredText("repId", 100);
			String reasonCode = fields.code("reasonCode", true);
			String note = fields.text("note", 2000);
			fields.throwIfInvalid();
			LeadReturned returned = new LeadReturned(UUID.randomUUID(), now, leadId, repId, reasonCode, note);
			this.publisher.publish(Topics.LEADS_RETURNED, leadId, returned);
			return Accepted.of(leadId, returned.eventId());
		});
	}

	/** What became of a lead: converted, won (with the amount) or lost. */
	@PostMapping("/outcomes")
	ResponseEntity<?> outcome(@RequestBody Map<String, @Nullable Object> body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
		return this.idempotency.once("outcomes", key, body, () -> {
			Instant now = this.clock.instant();
			RequestFields fields = new RequestFields(body);
			UUID leadId = LeadReference.read(fields);
			LeadOutcome.Outcome outcome = fields.oneOf("outcome", LeadOutcome.Outcome.class, true);
			BigDecimal amount = fields.amount("amount");
			Instant occurredAt = fields.pastInstant("occurredAt", now, now);
			fields.throwIfInvalid();
			LeadOutcome recorded = new LeadOutcome(UUID.randomUUID(), occurredAt, leadId, outcome, amount);
			this.publisher.publish(Topics.LEADS_OUTCOMES, leadId, recorded);
			return Accepted.of(leadId, recorded.eventId());
		});
	}

}
