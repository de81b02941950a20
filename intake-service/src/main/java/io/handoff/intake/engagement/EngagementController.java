package io.handoff.intake.engagement;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.intake.events.EventIntake;
import io.handoff.intake.events.EventKind;
import io.handoff.intake.idempotency.Idempotency;

/**
 * Where marketing platforms report a lead's interest: a page view, a form fill, a webinar visit.
 */
@RestController
@RequestMapping(path = "/api/v1/engagements", consumes = MediaType.APPLICATION_JSON_VALUE)
class EngagementController {

	private final EventIntake intake;

	private final Idempotency idempotency;

	EngagementController(EventIntake intake, Idempotency idempotency) {
		this.intake = intake;
		this.idempotency = idempotency;
	}

	@PostMapping
	ResponseEntity<?> record(@RequestBody Map<String, @Nullable Object> body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
		return this.idempotency.once(EventKind.ENGAGEMENT.name(), key, body,
				() -> ResponseEntity.accepted().body(this.intake.accept(EventKind.ENGAGEMENT, body)));
	}

}
