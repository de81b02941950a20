package io.handoff.sla.clock;

import java.util.ArrayList;
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
 * The SLA clocks: which leads are waiting for a touch, which are overdue, which were ignored.
 */
@RestController
@RequestMapping("/api/v1/clocks")
class ClockController {

	private final InteractiveQueryService queries;

	ClockController(InteractiveQueryService queries) {
		this.queries = queries;
	}

	@GetMapping
	List<SlaClock> clocks(@RequestParam(required = false) @Nullable String repId,
			@RequestParam(required = false) SlaClock.@Nullable State state) {
		List<SlaClock> found = new ArrayList<>();
		try (KeyValueIterator<String, SlaClock> all = store().all()) {
			all.forEachRemaining((entry) -> {
				SlaClock clock = entry.value;
				if ((repId == null || clock.repId().equals(repId)) && (state == null || clock.state() == state)) {
					found.add(clock);
				}
			});
		}
		return found;
	}

	@GetMapping("/{leadId}")
	SlaClock clock(@PathVariable UUID leadId) {
		SlaClock clock = store().get(leadId.toString());
		if (clock == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No SLA clock for lead " + leadId
					+ ": it has not been assigned");
		}
		return clock;
	}

	private ReadOnlyKeyValueStore<String, SlaClock> store() {
		return this.queries.getQueryableStore(SlaTopology.CLOCKS_STORE, QueryableStoreTypes.keyValueStore());
	}

}
