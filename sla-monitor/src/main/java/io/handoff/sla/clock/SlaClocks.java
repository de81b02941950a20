package io.handoff.sla.clock;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.handoff.instances.ClusterStore;
import io.handoff.instances.ClusterStores;

/**
 * Reads the clocks for the APIs, from whichever instance keeps each lead's.
 */
@Component
public class SlaClocks {

	private final ClusterStore<SlaClock> clocks;

	SlaClocks(ClusterStores stores) {
		this.clocks = stores.store(SlaTopology.CLOCKS_STORE, SlaClock.class);
	}

	/** Calls {@code action} with every clock, gathered from every instance. */
	public void forEach(Consumer<SlaClock> action) {
		this.clocks.all().forEach(action);
	}

	/** The clock of one lead, if it was assigned. */
	public @Nullable SlaClock get(String leadId) {
		return this.clocks.get(leadId);
	}

}
