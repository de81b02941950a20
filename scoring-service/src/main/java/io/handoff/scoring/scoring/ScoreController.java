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
 * A lead's latest score with the rules that fired, read from the scoring topology's stores: the score, and the lead
 * from its profile.
 */
@RestController
class ScoreController {

	private final InteractiveQueryService queries;

	ScoreController(InteractiveQueryService queries) {
		this.queries = queries;
	}

	@GetMapping("/api/v1/leads/{leadId}/score")
	LeadScored score(@PathVariable UUID leadId) {
		ReadOnlyKeyValueStore<String, LatestScore> scores = this.queries.getQueryableStore(ScoringTopology.SCORES_STORE,
				QueryableStoreTypes.keyValueStore());
		LatestScore scored = scores.get(leadId.toString());
		// A score is written with its lead's profile, in the same transaction: one without the other is not there yet.
		LeadProfile profile = (scored != null) ? this.queries
			.<ReadOnlyKeyValueStore<String, LeadProfile>>getQueryableStore(ScoringTopology.PROFILES_STORE,
					QueryableStoreTypes.keyValueStore())
			.get(leadId.toString()) : null;
		if (scored == null || profile == null || profile.lead() == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No lead " + leadId + " has been scored");
		}
		return scored.withLead(profile.lead());
	}

}
