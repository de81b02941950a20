package io.handoff.events.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.jspecify.annotations.Nullable;

import io.handoff.events.AnyEventSerde;
import io.handoff.events.LeadEvent;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.StateStores;
import io.handoff.events.Topics;

/**
 * The events of a lead read before the assignment they follow, kept until it is read. A
 * service that reads {@code leads.assigned} beside the touches, returns and rulings that
 * follow an assignment takes each record as it comes ({@code max.task.idle.ms} -1) rather
 * than first fetching what the broker holds on every input, so a rep's return can be read
 * before the assignment it follows, above all while the service catches up after a
 * restart. Such an event waits here: it is taken again when the lead's next assignment is
 * read, and taken as it is once the task has read {@code leads.assigned} as far as it
 * ended after the event was read (an assignment it followed was written before it, so it
 * would have been read by then), or once it has waited {@code longestWait} (a broker that
 * cannot say where the topic ends holds nothing for good).
 *
 * <p>
 * Plain bookkeeping over one task's store, keyed by lead: {@link LeadProcessor} decides
 * when to hold and take.
 */
final class EarlyEvents {

	/** Each topic's serde, built once. */
	private static final AnyEventSerde EVENTS = new AnyEventSerde();

	private final KeyValueStore<String, Held> store;

	private final InputEnds ends;

	private final int partition;

	private final Duration longestWait;

	/**
	 * When the task started here: after an outage, the longest wait starts no earlier.
	 */
	private final Instant startedAt;

	/** How far the task has read {@code leads.assigned}, as it noted itself. */
	private long assignmentsRead;

	/** How many leads have events held: none, and a tick reads nothing. */
	private long leadsHeld;

	EarlyEvents(KeyValueStore<String, Held> store, InputEnds ends, int partition, Duration longestWait,
			Instant startedAt) {
		this.store = store;
		this.ends = ends;
		this.partition = partition;
		this.longestWait = longestWait;
		this.startedAt = startedAt;
		try (KeyValueIterator<String, Held> all = store.all()) {
			all.forEachRemaining((entry) -> this.leadsHeld++);
		}
	}

	/** The store of a task's early events, named {@code name}. */
	static StoreBuilder<KeyValueStore<String, Held>> store(String name) {
		return StateStores.keyValue(name, LeadEventsJson.serde(Held.class));
	}

	/**
	 * Notes that the task read the record at {@code offset} of {@code leads.assigned}.
	 */
	void assignmentRead(long offset) {
		this.assignmentsRead = Math.max(this.assignmentsRead, offset + 1);
	}

	/**
	 * Keeps {@code event} of {@code leadId}, read from {@code topic} at {@code readAt};
	 * returns the lead's oldest event when it had {@link Held#MOST} held already, which
	 * is no longer held.
	 */
	@Nullable Early hold(String leadId, String topic, Instant readAt, long timestamp, Object event) {
		Held before = this.store.get(leadId);
		if (before == null) {
			this.leadsHeld++;
		}
		List<Early> all = new ArrayList<>((before != null) ? before.events() : List.of());
		all.add(new Early(topic, readAt, timestamp, EVENTS.serializer().serialize(topic, event)));
		Early dropped = (all.size() > Held.MOST) ? all.remove(0) : null;
		this.store.put(leadId, new Held(all));
		return dropped;
	}

	/** Whether the lead has events held. */
	boolean holds(String leadId) {
		return this.leadsHeld > 0 && this.store.get(leadId) != null;
	}

	/** The lead's events held, oldest first, which it no longer holds. */
	List<Early> take(String leadId) {
		// Read before deleting: most assignments find nothing held, and a delete would
		// write a tombstone to the changelog for each of them.
		Held held = (this.leadsHeld > 0) ? this.store.get(leadId) : null;
		if (held == null) {
			return List.of();
		}
		this.store.delete(leadId);
		this.leadsHeld--;
		return held.events();
	}

	/** The lead's events held, without the person: what an erased lead keeps. */
	void erase(String leadId) {
		Held held = this.store.get(leadId);
		if (held != null) {
			this.store.put(leadId,
					new Held(held.events().stream().map((early) -> early.with(erased(early.event()))).toList()));
		}
	}

	/**
	 * The events whose wait is over at {@code now}, by lead, oldest first, which are no
	 * longer held.
	 */
	List<KeyValue<String, Early>> due(Instant now) {
		if (this.leadsHeld == 0) {
			return List.of();
		}
		long read = Math.max(this.assignmentsRead,
				this.ends.committed(Topics.LEADS_ASSIGNED.name(), this.partition).orElse(0L));
		List<KeyValue<String, Early>> due = new ArrayList<>();
		List<KeyValue<String, Held>> changed = new ArrayList<>();
		try (KeyValueIterator<String, Held> all = this.store.all()) {
			all.forEachRemaining((entry) -> {
				List<Early> waiting = new ArrayList<>();
				for (Early early : entry.value.events()) {
					if (over(early, read, now)) {
						due.add(KeyValue.pair(entry.key, early));
					}
					else {
						waiting.add(early);
					}
				}
				if (waiting.size() < entry.value.events().size()) {
					changed.add(KeyValue.pair(entry.key, waiting.isEmpty() ? null : new Held(waiting)));
				}
			});
		}
		for (KeyValue<String, Held> entry : changed) {
			if (entry.value == null) {
				this.store.delete(entry.key);
				this.leadsHeld--;
			}
			else {
				this.store.put(entry.key, entry.value);
			}
		}
		return due;
	}

	/**
	 * Whether {@code early} waited long enough: {@code leads.assigned} read as far as it
	 * ended after the event was read, or the longest wait over.
	 */
	private boolean over(Early early, long read, Instant now) {
		OptionalLong end = this.ends.endSince(Topics.LEADS_ASSIGNED.name(), this.partition, early.readAt());
		if (end.isPresent() && read >= end.getAsLong()) {
			return true;
		}
		return pastLongestWait(early, now);
	}

	/** Whether {@code early} has waited past the longest wait at {@code now}. */
	boolean pastLongestWait(Early early, Instant now) {
		Instant from = early.readAt().isAfter(this.startedAt) ? early.readAt() : this.startedAt;
		return Duration.between(from, now).compareTo(this.longestWait) >= 0;
	}

	private static Object erased(Object event) {
		return (event instanceof LeadEvent about) ? about.erased() : event;
	}

	/**
	 * One lead's events held, oldest first.
	 *
	 * @param events the events
	 */
	record Held(List<Early> events) {

		/** The most events held per lead. */
		static final int MOST = 50;

		Held {
			events = List.copyOf(events);
		}

	}

	/**
	 * An event held, as its topic writes it.
	 *
	 * @param topic the topic it was read from
	 * @param readAt when it was first read
	 * @param timestamp its record's timestamp
	 * @param value the event, as its topic's serializer writes it
	 */
	record Early(String topic, Instant readAt, long timestamp, byte[] value) {

		/** The event, as its topic's deserializer reads it. */
		Object event() {
			return EVENTS.deserializer().deserialize(this.topic, this.value);
		}

		Early with(Object event) {
			return new Early(this.topic, this.readAt, this.timestamp, EVENTS.serializer().serialize(this.topic, event));
		}

	}

}
