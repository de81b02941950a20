package io.handoff.routing.assignment;

import java.util.UUID;

import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.events.LeadAssigned;

/**
 * Who got a lead, when, by which method and why.
 */
@RestController
class AssignmentController {

	private final InteractiveQueryService queries;

	AssignmentController(InteractiveQueryService queries) {
		this.queries = queries;
	}

	@GetMapping("/api/v1/assignments/{leadId}")
	LeadAssigned assignment(@PathVariable UUID leadId) {
		ReadOnlyKeyValueStore<String, LeadAssigned> assignments = this.queries
			.getQueryableStore(RoutingTopology.ASSIGNMENTS_STORE, QueryableStoreTypes.keyValueStore());
		LeadAssigned assigned = assignments.get(leadId.toString());
		if (assigned == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"Lead " + leadId + " has not been assigned: it is not sales-ready, or not scored yet");
		}
		return assigned;
	}

}
