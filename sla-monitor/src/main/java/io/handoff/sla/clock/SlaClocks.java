package io.handoff.sla.clock;

import java.util.function.Consumer;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.springframework.stereotype.Component;

/**
 * Reads the clocks this instance keeps, for the APIs.
 */
@Component
public class SlaClocks {

	private final InteractiveQueryService queries;

	SlaClocks(InteractiveQueryService queries) {
		this.queries = queries;
	}

	/** Calls {@code action} with every clock. */
	public void forEach(Consumer<SlaClock> action) {
		try (KeyValueIterator<String, SlaClock> all = store().all()) {
			all.forEachRemaining((entry) -> action.accept(entry.value));
		}
	}

	/** The clock of one lead, if it was assigned. */
	public @Nullable SlaClock get(String leadId) {
		return store().get(leadId);
	}

	private ReadOnlyKeyValueStore<String, SlaClock> store() {
		return this.queries.getQueryableStore(SlaTopology.CLOCKS_STORE, QueryableStoreTypes.keyValueStore());
	}

}
