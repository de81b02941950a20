package io.handoff.scoring.scoring;

import java.util.List;

import org.springframework.stereotype.Component;

import io.handoff.instances.ClusterStore;
import io.handoff.instances.ClusterStores;

/**
 * Reads what the scoring topology knows of every lead, gathered from every instance, for the impact preview and
 * calibration.
 */
@Component
public class LeadProfiles {

	private final ClusterStore<LeadProfile> profiles;

	LeadProfiles(ClusterStores stores) {
		this.profiles = stores.store(ScoringTopology.PROFILES_STORE, LeadProfile.class);
	}

	/** Every profile, from every instance. */
	public List<LeadProfile> all() {
		return this.profiles.all();
	}

}
