package io.handoff.intake.platforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.intake.events.EventIntake;
import io.handoff.intake.events.EventKind;
import io.handoff.intake.problems.InvalidRequestException;
import io.handoff.intake.publishing.Accepted;

/**
 * Webhook endpoints for marketing platforms that send their own shapes. Each maps to a
 * lead and takes the same path as {@code POST /api/v1/leads}.
 */
@RestController
@RequestMapping(path = "/api/v1/webhooks", consumes = MediaType.APPLICATION_JSON_VALUE)
class Platforms {

	private final EventIntake intake;

	Platforms(EventIntake intake) {
		this.intake = intake;
	}

	/**
	 * HubSpot's contact webhooks: an array of events. Answers 200 with a result per event
	 * (HubSpot retries a whole delivery on any other status, so an invalid event is
	 * refused alone); events about anything but a contact's creation or properties are
	 * ignored. Only when Kafka cannot take the leads is the answer 503, to be retried.
	 */
	@PostMapping("/hubspot")
	@RolesAllowed("LEAD_SOURCE")
	ResponseEntity<List<Map<String, Object>>> hubspot(@RequestBody List<Map<String, @Nullable Object>> events) {
		List<Map<String, Object>> results = new ArrayList<>();
		for (Map<String, @Nullable Object> event : events) {
			Optional<Map<String, @Nullable Object>> lead = HubSpotMapping.lead(event);
			if (lead.isEmpty()) {
				results.add(Map.of("eventId", String.valueOf(event.get("eventId")), "status", "ignored"));
				continue;
			}
			try {
				Accepted accepted = this.intake.accept(EventKind.LEAD, lead.get());
				results.add(Map.of("eventId", String.valueOf(event.get("eventId")), "status", "accepted", "leadId",
						accepted.leadId().toString()));
			}
			catch (InvalidRequestException ex) {
				// Refused alone: a retry of the whole delivery would not make this event
				// valid.
				results.add(Map.of("eventId", String.valueOf(event.get("eventId")), "status", "refused", "errors",
						ex.problems()));
			}
		}
		return ResponseEntity.ok(results);
	}

	/** A Marketo webhook sent with Handoff's template: one lead. */
	@PostMapping("/marketo")
	@RolesAllowed("LEAD_SOURCE")
	ResponseEntity<Accepted> marketo(@RequestBody Map<String, @Nullable Object> webhook) {
		return ResponseEntity.accepted().body(this.intake.accept(EventKind.LEAD, MarketoMapping.lead(webhook)));
	}

	/**
	 * Puts a platform's value where the lead form reads it: {@code company.*} fields into
	 * the company (a head count sent as text, {@code "1200"}, as a number), the rest into
	 * the lead. Values stay as sent otherwise, for the lead form to judge.
	 */
	static void put(Map<String, @Nullable Object> lead, Map<String, @Nullable Object> company, String field,
			@Nullable Object value) {
		if (!field.startsWith("company.")) {
			lead.put(field, value);
			return;
		}
		String name = field.substring("company.".length());
		if (name.equals("employees") && value instanceof String text && text.strip().matches("\\d{1,9}")) {
			company.put(name, Integer.valueOf(text.strip()));
		}
		else {
			company.put(name, value);
		}
	}

}
