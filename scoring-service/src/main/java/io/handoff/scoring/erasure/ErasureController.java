package io.handoff.scoring.erasure;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.access.Caller;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.Topic;
import io.handoff.events.Topics;

/**
 * {@code DELETE /api/v1/leads/{leadId}} (ADMIN): the person is forgotten. The erasure is
 * written to {@code leads.erasures} once the broker has it; scoring, routing, sla-monitor
 * and arbitration each replace what they keep of the lead by an anonymous record as they
 * read it (within seconds), and the event topics, which still hold the person, let go of
 * them within their retention.
 */
@RestController
class ErasureController {

	private final KafkaTemplate<String, String> kafka;

	private final Clock clock;

	ErasureController(KafkaTemplate<String, String> kafka, Clock clock) {
		this.kafka = kafka;
		this.clock = clock;
	}

	@DeleteMapping("/api/v1/leads/{leadId}")
	ResponseEntity<Erasure> erase(@PathVariable UUID leadId, Authentication admin) throws InterruptedException {
		LeadErased erased = new LeadErased(UUID.randomUUID(), this.clock.instant(), leadId, Caller.of(admin).name());
		try {
			this.kafka
				.send(Topics.LEADS_ERASURES.name(), leadId.toString(),
						LeadEventsJson.mapper().writeValueAsString(erased))
				.get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"The broker did not acknowledge the erasure: ask again in a moment (erasing twice does no harm)");
		}
		return ResponseEntity.accepted().body(new Erasure(erased, STORES, Topic.EVENT_RETENTION.toString()));
	}

	/** Where the person is removed from at once. */
	static final List<String> STORES = List.of("scoring: the lead's profile and stage history",
			"routing: its assignments and queue places", "sla-monitor: its SLA clock",
			"arbitration: its evidence, scores and returns");

	/**
	 * The erasure as taken.
	 *
	 * @param erasure the event every service acts on
	 * @param removedFrom what replaces the person by an anonymous record as it reads the
	 * erasure
	 * @param eventTopicsWithin how long the event topics (and dead letters) may still
	 * hold the person (ISO-8601)
	 */
	record Erasure(LeadErased erasure, List<String> removedFrom, String eventTopicsWithin) {
	}

}
