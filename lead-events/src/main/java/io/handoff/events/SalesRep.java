package io.handoff.events;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A sales rep who can be given leads. On the compacted {@code sales.reps} topic, keyed by rep id.
 *
 * @param repId stable id
 * @param name full name
 * @param email work email
 * @param team the team (regional office) the rep sells in
 * @param territories territories the rep covers
 * @param weight share of round robin relative to peers (1 is normal)
 * @param maxOpenLeads most leads the rep may hold open at once
 * @param timeZone IANA time zone
 * @param manager the rep's manager
 * @param active whether the rep takes leads
 */
public record SalesRep(String repId, String name, @Nullable String email, String team, List<String> territories,
		int weight, int maxOpenLeads, String timeZone, @Nullable String manager, boolean active) {

	public SalesRep {
		territories = (territories != null) ? List.copyOf(territories) : List.of();
	}

}
