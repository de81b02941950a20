package io.handoff.events.streams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.handoff.events.StateStores;

/**
 * What falls due when, in a store keyed by {@link StateStores#epochKey when} and an id: a
 * range scan from the start up to now finds exactly what is due, earliest first, so a
 * wall-clock timer reads a bounded amount per tick however much is waiting (SLA steps,
 * scoring's reviews).
 */
public final class DueTimes {

	private final KeyValueStore<String, String> store;

	/**
	 * @param store {@code <epoch millis, 20 digits>|<id>} to a value (a lead id)
	 */
	public DueTimes(KeyValueStore<String, String> store) {
		this.store = store;
	}

	/** Keeps {@code value} due at {@code at} under {@code id}. */
	public void put(Instant at, String id, String value) {
		this.store.put(key(at, id), value);
	}

	/** No longer due: what {@link #put} kept at {@code at} under {@code id}. */
	public void delete(Instant at, String id) {
		this.store.delete(key(at, id));
	}

	/** At most {@code max} of what is due by {@code now}, earliest first; still kept. */
	public List<Due> due(Instant now, int max) {
		List<Due> due = new ArrayList<>();
		try (KeyValueIterator<String, String> it = this.store.range(StateStores.epochKey(0),
				StateStores.epochKey(now.toEpochMilli()) + '~')) {
			while (it.hasNext() && due.size() < max) {
				KeyValue<String, String> entry = it.next();
				due.add(new Due(Instant.ofEpochMilli(Long.parseLong(entry.key.substring(0, 20))),
						entry.key.substring(21), entry.value));
			}
		}
		return due;
	}

	private static String key(Instant at, String id) {
		return StateStores.epochKey(at.toEpochMilli()) + id;
	}

	/**
	 * Something due.
	 *
	 * @param at when
	 * @param id its id
	 * @param value what was kept
	 */
	public record Due(Instant at, String id, String value) {
	}

}
