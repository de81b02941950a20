package io.handoff.intake.events;

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
 * Where platforms report a lead's interest and sales tools report on a lead: each touch
 * (which keeps the SLA), a lead sent back to marketing, and what became of it. Each
 * answers {@code 202} once Kafka has the event.
 */
@RestController
@RequestMapping(path = "/api/v1", consumes = MediaType.APPLICATION_JSON_VALUE)
class EventController {

	private final EventIntake intake;

	private final Idempotency idempotency;

	EventController(EventIntake intake, Idempotency idempotency) {
		this.intake = intake;
		this.idempotency = idempotency;
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
		return this.idempotency.once(kind.name(), key, body,
				() -> ResponseEntity.accepted().body(this.intake.accept(kind, body)));
	}

}
