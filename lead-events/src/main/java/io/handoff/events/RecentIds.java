package io.handoff.events;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The last event ids a piece of state has taken, to recognise an event written twice (a
 * retry intake took at two instances writes the same event id): bounded, the oldest
 * forgotten first.
 */
public final class RecentIds {

	private RecentIds() {
	}

	/** {@code recent} with {@code id} taken, keeping at most {@code most}. */
	public static List<UUID> with(List<UUID> recent, UUID id, int most) {
		List<UUID> taken = new ArrayList<>(recent);
		taken.add(id);
		if (taken.size() > most) {
			taken.subList(0, taken.size() - most).clear();
		}
		return List.copyOf(taken);
	}

}
