package io.handoff.scoring.scoring;

import java.util.UUID;

import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.events.LeadScored;

/**
 * A lead's latest score with the rules that fired, read from the scoring topology's store.
 */
@RestController
class ScoreController {

	private final InteractiveQueryService queries;

	ScoreController(InteractiveQueryService queries) {
		this.queries = queries;
	}

	@GetMapping("/api/v1/leads/{leadId}/score")
	LeadScored score(@PathVariable UUID leadId) {
		ReadOnlyKeyValueStore<String, LeadScored> scores = this.queries.getQueryableStore(ScoringTopology.SCORES_STORE,
				QueryableStoreTypes.keyValueStore());
		LeadScored scored = scores.get(leadId.toString());
		if (scored == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No lead " + leadId + " has been scored");
		}
		return scored;
	}

}
