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
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The judge's docket: the cases, oldest first, and each with its evidence.
 */
@RestController
@RequestMapping("/api/v1/cases")
class CaseController {

	private final InteractiveQueryService queries;

	CaseController(InteractiveQueryService queries) {
		this.queries = queries;
	}

	@GetMapping
	List<Case> cases(@RequestParam(required = false) Case.@Nullable Status status) {
		List<Case> found = new ArrayList<>();
		try (KeyValueIterator<String, Case> all = store().all()) {
			all.forEachRemaining((entry) -> {
				if (status == null || entry.value.status() == status) {
					found.add(entry.value);
				}
			});
		}
		found.sort(Comparator.comparing(Case::openedAt));
		return found;
	}

	/** Returns that opened no case, and why. */
	@GetMapping("/refused-returns")
	List<RefusedReturn> refusedReturns() {
		ReadOnlyKeyValueStore<String, RefusedReturn> refused = this.queries
			.getQueryableStore(CaseTopology.REFUSED_RETURNS_STORE, QueryableStoreTypes.keyValueStore());
		List<RefusedReturn> found = new ArrayList<>();
		try (KeyValueIterator<String, RefusedReturn> all = refused.all()) {
			all.forEachRemaining((entry) -> found.add(entry.value));
		}
		found.sort(Comparator.comparing((refusal) -> refusal.returned().occurredAt()));
		return found;
	}

	/** A case with the lead's evidence as known now, whatever order its events arrived in. */
	@GetMapping("/{caseId}")
	CaseFile docket(@PathVariable UUID caseId) {
		Case found = store().get(caseId.toString());
		if (found == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId + "; GET /api/v1/cases lists them");
		}
		ReadOnlyKeyValueStore<String, Evidence> evidence = this.queries.getQueryableStore(CaseTopology.EVIDENCE_STORE,
				QueryableStoreTypes.keyValueStore());
		Evidence known = evidence.get(found.leadId().toString());
		return new CaseFile(found, (known != null) ? known : Evidence.none());
	}

	private ReadOnlyKeyValueStore<String, Case> store() {
		return this.queries.getQueryableStore(CaseTopology.CASES_STORE, QueryableStoreTypes.keyValueStore());
	}

	/**
	 * A case and its evidence.
	 *
	 * @param docket the case
	 * @param evidence what is known of the lead
	 */
	record CaseFile(Case docket, Evidence evidence) {
	}

}
