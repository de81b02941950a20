package io.handoff.events.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.StoreBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadEvent;

/**
 * The adapter for a processor whose input is every event about a lead, keyed by lead id:
 * on top of {@link KeyedProcessor} it keeps the leads erased ({@link LeadErased#store()},
 * which the processor declares), so an erasure forgets the person in the processor's
 * stores and the person's earlier events read later come without them. A processor that
 * reads {@code leads.assigned} beside the events that follow an assignment can have the
 * adapter hold those read before it ({@link #holdEarly}, {@link #heldForAssignment}).
 *
 * @param <V> what the processor forwards
 */
public abstract class LeadProcessor<V> extends KeyedProcessor<Object, V> {

	private static final Logger logger = LoggerFactory.getLogger(LeadProcessor.class);

	private @Nullable ErasedLeads erased;

	private @Nullable EarlyEvents early;

	private @Nullable Counter earlyHeld;

	private @Nullable Counter earlyUnconfirmed;

	private @Nullable Counter earlyFailed;

	/** The event being taken, while it may still wait for its assignment. */
	private @Nullable Waiting mayWait;

	protected LeadProcessor(MeterRegistry meters) {
		super(meters);
	}

	@Override
	protected final void take(String leadId, Object event, long timestamp) {
		if (event instanceof LeadErased erasure) {
			erase(erasure);
			erased().erase(erasure);
			if (this.early != null) {
				this.early.erase(leadId);
			}
			return;
		}
		Object seen = seen(leadId, event);
		if (seen == null) {
			return;
		}
		EarlyEvents early = this.early;
		if (early == null) {
			takeEvent(leadId, seen, timestamp);
			return;
		}
		RecordMetadata source = source().orElseThrow();
		if (seen instanceof LeadAssigned assigned) {
			early.assignmentRead(source.offset());
			List<Taken> held = early.take(leadId).stream().map(Taken::new).toList();
			// What happened before the assignment cannot follow it: taken as it would
			// have been before it was read.
			held.stream().filter((taken) -> taken.before(assigned)).forEach((taken) -> retake(leadId, taken, false));
			takeEvent(leadId, seen, timestamp);
			// The rest in the order it came (held again if it follows a later assignment
			// still).
			held.stream().filter((taken) -> !taken.before(assigned)).forEach((taken) -> retake(leadId, taken, true));
			return;
		}
		if (early.holds(leadId)) {
			// Behind the lead's events held already, so its events are taken in order.
			hold(leadId, source.topic(), now(), timestamp, seen);
			return;
		}
		takeOrHold(leadId, source.topic(), now(), timestamp, seen);
	}

	/**
	 * Takes {@code event}, which may wait for its assignment
	 * ({@link #heldForAssignment}).
	 */
	private void takeOrHold(String leadId, String topic, Instant readAt, long timestamp, Object event) {
		this.mayWait = new Waiting(topic, readAt, timestamp, event);
		try {
			takeEvent(leadId, event, timestamp);
		}
		finally {
			this.mayWait = null;
		}
	}

	private void hold(String leadId, String topic, Instant readAt, long timestamp, Object event) {
		EarlyEvents.Early dropped = this.early.hold(leadId, topic, readAt, timestamp, event);
		this.earlyHeld.increment();
		if (dropped != null) {
			// Too many held for one lead: the oldest is taken as it is.
			retake(leadId, new Taken(dropped), false);
		}
	}

	/**
	 * Takes an event held; one that fails is logged and counted, not the assignment's
	 * failure (the assignment is taken, and the lead's other events with it).
	 */
	private void retake(String leadId, Taken taken, boolean mayWaitAgain) {
		try {
			if (mayWaitAgain && this.early.holds(leadId)) {
				// One before it waits again: it waits behind it.
				hold(leadId, taken.early().topic(), taken.early().readAt(), taken.early().timestamp(), taken.event());
			}
			else if (mayWaitAgain) {
				takeOrHold(leadId, taken.early().topic(), taken.early().readAt(), taken.early().timestamp(),
						taken.event());
			}
			else {
				takeEvent(leadId, taken.event(), taken.early().timestamp());
			}
		}
		catch (StreamsException streams) {
			throw streams;
		}
		catch (RuntimeException failed) {
			this.earlyFailed.increment();
			logger.atWarn()
				.addKeyValue("leadId", leadId)
				.setCause(failed)
				.log("An event of lead {} from {} held for its assignment could not be taken: {}", leadId,
						taken.early().topic(), failed.getMessage());
		}
	}

	/** An event that may wait for its assignment, as it would be held. */
	private record Waiting(String topic, Instant readAt, long timestamp, Object event) {
	}

	/** An event held, read back. */
	private record Taken(EarlyEvents.Early early, Object event) {

		Taken(EarlyEvents.Early early) {
			this(early, early.event());
		}

		/** Whether it happened before {@code assigned}, so cannot follow it. */
		boolean before(LeadAssigned assigned) {
			return this.event instanceof LeadEvent about && about.occurredAt().isBefore(assigned.occurredAt());
		}

	}

	/**
	 * Holds the events the processor finds read before the assignment they follow, in the
	 * store {@code store} (declared with {@link #earlyStore}), until the lead's
	 * assignment is read, or until {@code leads.assigned} has been read as far as
	 * {@code ends} says it ended after the event was read, or for {@code longestWait} at
	 * most; looked at every {@code tick}. Called from {@link #open()}.
	 */
	protected final void holdEarly(String store, InputEnds ends, Duration tick, Duration longestWait) {
		this.early = new EarlyEvents(store(store), ends, partition(), longestWait, now());
		this.earlyHeld = counter("handoff.events.early", "outcome", "held");
		this.earlyUnconfirmed = counter("handoff.events.early", "outcome", "past-longest-wait");
		this.earlyFailed = counter("handoff.events.early", "outcome", "failed");
		every(tick, this::takeEarlyDue);
	}

	/** The store of the events held early, named {@code name}. */
	public static StoreBuilder<?> earlyStore(String name) {
		return EarlyEvents.store(name);
	}

	/**
	 * Called by {@link #takeEvent} for an event that, as the processor stands, looks read
	 * before the assignment it follows (taken now it would be lost or refused): whether
	 * the adapter holds it, in which case the processor takes it no further. It is not
	 * held when the processor does not {@link #holdEarly hold early events}, nor when its
	 * wait is over (it is then taken as it is), nor for an assignment.
	 */
	protected final boolean heldForAssignment(String leadId) {
		Waiting waiting = this.mayWait;
		if (waiting == null) {
			return false;
		}
		this.mayWait = null;
		hold(leadId, waiting.topic(), waiting.readAt(), waiting.timestamp(), waiting.event());
		return true;
	}

	/**
	 * Takes the events held whose wait is over as they are: no assignment they follow
	 * came.
	 */
	private void takeEarlyDue(Instant now) {
		for (KeyValue<String, EarlyEvents.Early> due : this.early.due(now)) {
			if (this.early.pastLongestWait(due.value, now)) {
				this.earlyUnconfirmed.increment();
				logger.warn(
						"An event of lead {} from {} is taken {} after it was read without having read every "
								+ "assignment written before it",
						due.key, due.value.topic(), Duration.between(due.value.readAt(), now));
			}
			retake(due.key, new Taken(due.value), false);
		}
	}

	/**
	 * Takes one event about the lead {@code leadId}.
	 * @param leadId the record's key
	 * @param event the event, as {@link #seen} lets the processor keep it
	 * @param timestamp the record's timestamp
	 */
	protected abstract void takeEvent(String leadId, Object event, long timestamp);

	/**
	 * Forgets the person of {@code erasure} in this processor's stores; the adapter then
	 * notes the erasure, so that their events read later are {@link #seen} without them.
	 */
	protected abstract void erase(LeadErased erasure);

	/**
	 * {@code event} as this processor may keep it, or {@code null} to drop it: by default
	 * anonymized when it is about a person erased after it happened (written before the
	 * erasure, read after it).
	 */
	protected @Nullable Object seen(String leadId, Object event) {
		return erased().seen(leadId, event);
	}

	/** The leads erased in this task. */
	protected final ErasedLeads erased() {
		if (this.erased == null) {
			this.erased = new ErasedLeads(store(LeadErased.STORE));
		}
		return this.erased;
	}

}
