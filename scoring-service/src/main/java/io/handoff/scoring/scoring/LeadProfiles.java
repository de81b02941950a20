package io.handoff.scoring.scoring;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.springframework.stereotype.Component;

/**
 * Reads what this instance's scoring topology knows of every lead, for the impact preview and calibration.
 */
@Component
public class LeadProfiles {

	private final InteractiveQueryService queries;

	LeadProfiles(InteractiveQueryService queries) {
		this.queries = queries;
	}

	/** Every profile in this instance's store. */
	public List<LeadProfile> all() {
		ReadOnlyKeyValueStore<String, LeadProfile> store = this.queries
			.getQueryableStore(ScoringTopology.PROFILES_STORE, QueryableStoreTypes.keyValueStore());
		List<LeadProfile> profiles = new ArrayList<>();
		try (KeyValueIterator<String, LeadProfile> all = store.all()) {
			while (all.hasNext()) {
				KeyValue<String, LeadProfile> next = all.next();
				profiles.add(next.value);
			}
		}
		return profiles;
	}

}
