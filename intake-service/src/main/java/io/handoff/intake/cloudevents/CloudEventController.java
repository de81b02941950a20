package io.handoff.intake.cloudevents;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.intake.access.Clients.Client;
import io.handoff.intake.access.RoleRequiredException;
import io.handoff.intake.events.EventIntake;

/**
 * Intake's events as CloudEvents over HTTP, in structured mode
 * ({@code application/cloudevents+json}) and binary mode ({@code ce-*} headers, the data
 * as the body). A resend with the same {@code source} and {@code id} gets the first
 * answer and writes nothing more.
 */
@RestController
@RequestMapping("/api/v1/cloudevents")
class CloudEventController {

	static final String STRUCTURED = "application/cloudevents+json";

	private final EventIntake intake;

	CloudEventController(EventIntake intake) {
		this.intake = intake;
	}

	// Either role: each event's kind says which one it needs.
	@PostMapping(consumes = STRUCTURED)
	@RolesAllowed({ "LEAD_SOURCE", "SALES_TOOL" })
	ResponseEntity<?> structured(@RequestBody Map<String, @Nullable Object> event, HttpServletRequest request) {
		return accept(CloudEvent.structured(event), request);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, headers = "ce-specversion")
	@RolesAllowed({ "LEAD_SOURCE", "SALES_TOOL" })
	ResponseEntity<?> binary(@RequestBody Map<String, @Nullable Object> data,
			@RequestHeader("ce-specversion") String specVersion,
			@RequestHeader(name = "ce-id", required = false) @Nullable String id,
			@RequestHeader(name = "ce-source", required = false) @Nullable String source,
			@RequestHeader(name = "ce-type", required = false) @Nullable String type, HttpServletRequest request) {
		return accept(CloudEvent.read("ce-", specVersion, id, source, type, data), request);
	}

	private ResponseEntity<?> accept(CloudEvent event, HttpServletRequest request) {
		Client client = (Client) request.getAttribute(Client.class.getName());
		if (client == null || !client.roles().contains(event.kind().role())) {
			throw new RoleRequiredException(client, event.kind().cloudEventType(), event.kind().role());
		}
		return this.intake.acceptOnce("cloudevents", event.idempotencyKey(), event.kind(), event.data());
	}

}
