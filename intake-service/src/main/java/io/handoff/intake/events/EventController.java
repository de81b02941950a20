package io.handoff.intake.events;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.intake.idempotency.Idempotency;

/**
 * Where marketing platforms send leads (one at a time or in batches) and report a lead's
 * interest, and sales tools report on a lead: each touch (which keeps the SLA), a lead
 * sent back to marketing, and what became of it. Each answers {@code 202} once Kafka has
 * the event.
 */
@RestController
@RequestMapping(path = "/api/v1", consumes = MediaType.APPLICATION_JSON_VALUE)
class EventController {

	private final EventIntake intake;

	EventController(EventIntake intake) {
		this.intake = intake;
	}

	/** Accepts one lead: {@code 202} with its id once Kafka has it. */
	@PostMapping("/leads")
	@RolesAllowed("LEAD_SOURCE")
	ResponseEntity<?> lead(@RequestBody Map<String, @Nullable Object> body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
		return accept(EventKind.LEAD, body, key);
	}

	/**
	 * Accepts up to 1,000 leads as a JSON array, with a result per lead in the order
	 * sent: the good ones are written (and answered {@code 202}) even when others are
	 * refused ({@code 400}, with their problems).
	 */
	@PostMapping("/leads/batch")
	@RolesAllowed("LEAD_SOURCE")
	ResponseEntity<?> leads(@RequestBody List<@Nullable Object> body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
		return this.intake.acceptBatchOnce(key, body);
	}

	/** A page view, a form fill, a webinar visit. */
	@PostMapping("/engagements")
	@RolesAllowed("LEAD_SOURCE")
	ResponseEntity<?> engagement(@RequestBody Map<String, @Nullable Object> body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
		return accept(EventKind.ENGAGEMENT, body, key);
	}

	/** A call, email or meeting with a lead. */
	@PostMapping("/activities")
	@RolesAllowed("SALES_TOOL")
	ResponseEntity<?> activity(@RequestBody Map<String, @Nullable Object> body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
		return accept(EventKind.ACTIVITY, body, key);
	}

	/** A rep sends a lead back to marketing, with one of the agreement's reason codes. */
	@PostMapping("/returns")
	@RolesAllowed("SALES_TOOL")
	ResponseEntity<?> returned(@RequestBody Map<String, @Nullable Object> body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
		return accept(EventKind.RETURN, body, key);
	}

	/** What became of a lead: converted, won (with the amount) or lost. */
	@PostMapping("/outcomes")
	@RolesAllowed("SALES_TOOL")
	ResponseEntity<?> outcome(@RequestBody Map<String, @Nullable Object> body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
		return accept(EventKind.OUTCOME, body, key);
	}

	private ResponseEntity<?> accept(EventKind kind, Map<String, @Nullable Object> body, @Nullable String key) {
		return this.intake.acceptOnce(kind.name(), key, kind, body);
	}

}
