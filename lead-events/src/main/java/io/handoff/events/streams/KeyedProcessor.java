package io.handoff.events.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.jspecify.annotations.Nullable;

import io.handoff.events.AgreementSerde;
import io.handoff.events.LeadAgreement;

/**
 * The one adapter between Kafka Streams and a service's decisions: it owns the processor
 * context, the stores, the headers that go on with what a record causes (its trace
 * context among them), wall-clock timers and meters, so a service's processor reads as
 * the records it takes and the decisions it calls. Every processor built on it reads the
 * global store {@link AgreementSerde#STORE}. An exception thrown while taking a record
 * sends that record to its dead-letter topic ({@code io.handoff.events.DeadLetters}, the
 * processing exception handler of every Streams service); one thrown by a timer stops the
 * task, so its transaction rolls back and nothing is lost.
 *
 * @param <I> what the processor reads
 * @param <V> what it forwards
 * @see LeadProcessor for a processor of events keyed by lead
 */
public abstract class KeyedProcessor<I, V> implements Processor<String, I, String, V> {

	private final MeterRegistry meters;

	private final Map<String, Counter> counters = new HashMap<>();

	private @Nullable ProcessorContext<String, V> context;

	private @Nullable KeyValueStore<String, Object> agreements;

	/** The headers of the record being taken; {@code null} in a timer. */
	private @Nullable Headers cause;

	/**
	 * What a topology hands Kafka Streams for a processor built on this adapter: a new
	 * one per task from {@code processors}, with the stores it keeps.
	 */
	public static <I, V> ProcessorSupplier<String, I, String, V> withStores(
			Supplier<? extends KeyedProcessor<I, V>> processors, StoreBuilder<?>... stores) {
		Set<StoreBuilder<?>> kept = Set.of(stores);
		return new ProcessorSupplier<>() {

			@Override
			public Processor<String, I, String, V> get() {
				return processors.get();
			}

			@Override
			public Set<StoreBuilder<?>> stores() {
				return kept;
			}

		};
	}

	protected KeyedProcessor(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public final void init(ProcessorContext<String, V> context) {
		this.context = context;
		this.agreements = context.getStateStore(AgreementSerde.STORE);
		open();
	}

	/**
	 * Finds the processor's stores ({@link #store}) and starts its timers
	 * ({@link #every}).
	 */
	protected abstract void open();

	@Override
	public final void process(Record<String, I> record) {
		I value = record.value();
		if (value == null) {
			throw new IllegalArgumentException(getClass().getSimpleName() + " does not read an empty record");
		}
		this.cause = record.headers();
		try {
			take(record.key(), value, record.timestamp());
		}
		finally {
			this.cause = null;
		}
	}

	/**
	 * Takes one record.
	 * @param key the record's key
	 * @param value its value
	 * @param timestamp its timestamp
	 */
	protected abstract void take(String key, I value, long timestamp);

	/** The state store {@code name}, which the processor's supplier declares. */
	protected final <S extends StateStore> S store(String name) {
		return context().getStateStore(name);
	}

	/** The agreement in force, or {@code null} before one is. */
	protected final @Nullable LeadAgreement agreementInForce() {
		if (this.agreements == null) {
			throw new IllegalStateException("Not initialised");
		}
		return AgreementSerde.inForce(this.agreements);
	}

	/**
	 * Runs {@code action} every {@code interval} of wall-clock time (deadlines pass when
	 * no record arrives) with the moment it runs; what it forwards carries no record's
	 * headers.
	 */
	protected final void every(Duration interval, Consumer<Instant> action) {
		context().schedule(interval, PunctuationType.WALL_CLOCK_TIME, (now) -> {
			this.cause = null;
			action.accept(Instant.ofEpochMilli(now));
		});
	}

	/** The wall-clock time of the task, as the test driver sets it. */
	protected final Instant now() {
		return Instant.ofEpochMilli(context().currentSystemTimeMs());
	}

	/** Where the record being taken was read from, if it was read from a topic. */
	protected final Optional<RecordMetadata> source() {
		return context().recordMetadata();
	}

	/** The partition of this task's inputs. */
	protected final int partition() {
		return context().taskId().partition();
	}

	/**
	 * Forwards {@code value} with the headers of the record that caused it (none in a
	 * timer).
	 */
	protected final void forward(String key, V value, long timestamp) {
		context().forward(new Record<>(key, value, timestamp, (this.cause != null) ? this.cause : new RecordHeaders()));
	}

	/**
	 * Forwards {@code value}, which the record being taken did not cause: without its
	 * headers.
	 */
	protected final void forwardUncaused(String key, V value, long timestamp) {
		context().forward(new Record<>(key, value, timestamp, new RecordHeaders()));
	}

	protected final MeterRegistry meters() {
		return this.meters;
	}

	/**
	 * The counter {@code name} with {@code tags} (key, value, ...), looked up once per
	 * task.
	 */
	protected final Counter counter(String name, String... tags) {
		String id = (tags.length == 0) ? name : name + '|' + String.join("|", tags);
		Counter counter = this.counters.get(id);
		if (counter == null) {
			counter = this.meters.counter(name, tags);
			this.counters.put(id, counter);
		}
		return counter;
	}

	private ProcessorContext<String, V> context() {
		if (this.context == null) {
			throw new IllegalStateException("Not initialised");
		}
		return this.context;
	}

}
