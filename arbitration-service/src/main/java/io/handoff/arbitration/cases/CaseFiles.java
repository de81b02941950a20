package io.handoff.arbitration.cases;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.springframework.stereotype.Component;

import io.handoff.events.LeadScored;

/**
 * Reads the cases, their evidence and the refused returns this instance keeps, for the judge's desk and the scorecard.
 */
@Component
public class CaseFiles {

	private final InteractiveQueryService queries;

	CaseFiles(InteractiveQueryService queries) {
		this.queries = queries;
	}

	/** Every case, oldest first. */
	public List<Case> cases() {
		List<Case> found = new ArrayList<>();
		try (KeyValueIterator<String, Object> all = store(CaseTopology.CASES_STORE).all()) {
			all.forEachRemaining((entry) -> found.add((Case) entry.value));
		}
		found.sort(Comparator.comparing(Case::openedAt));
		return found;
	}

	public @Nullable Case get(UUID caseId) {
		return (Case) store(CaseTopology.CASES_STORE).get(caseId.toString());
	}

	/** What is known of a lead. */
	public Evidence evidence(UUID leadId) {
		return Evidence.of((Evidence) store(CaseTopology.EVIDENCE_STORE).get(leadId.toString()),
				(LeadScored) store(CaseTopology.SCORES_STORE).get(leadId.toString()));
	}

	/** Returns that opened no case, oldest first. */
	public List<RefusedReturn> refusedReturns() {
		List<RefusedReturn> found = new ArrayList<>();
		try (KeyValueIterator<String, Object> all = store(CaseTopology.REFUSED_RETURNS_STORE).all()) {
			all.forEachRemaining((entry) -> found.add((RefusedReturn) entry.value));
		}
		found.sort(Comparator.comparing((refusal) -> refusal.returned().occurredAt()));
		return found;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private ReadOnlyKeyValueStore<String, Object> store(String name) {
		return (ReadOnlyKeyValueStore) this.queries.getQueryableStore(name, QueryableStoreTypes.keyValueStore());
	}

}
