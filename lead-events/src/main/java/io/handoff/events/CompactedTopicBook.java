package io.handoff.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;

/**
 * The contents of one compacted topic in memory: read from the beginning at start, then
 * followed, so every instance sees what any instance writes. The books of agreements, of
 * the sales organisation and of webhook subscriptions are each one of these. A write
 * waits for the broker's acknowledgement and is visible here at once; the follower, when
 * it reads older records of the same key afterwards, does not bring their values back.
 *
 * @param <V> what the topic holds
 */
public final class CompactedTopicBook<V> implements AutoCloseable {

	private final Topic<V> topic;

	private final Map<String, V> values = new ConcurrentHashMap<>();

	/**
	 * The offset of each key's latest write from here that the follower has not read yet.
	 */
	private final Map<String, Long> written = new ConcurrentHashMap<>();

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	private final @Nullable Producer<String, V> producer;

	private final Map<String, Object> producerConfig;

	private final BookFollower<V> follower;

	/**
	 * Starts following {@code topic} and returns once everything on it at this moment has
	 * been read.
	 * @param producerConfig client settings for writes
	 * @param consumerConfig client settings for reads (no group is used)
	 */
	public CompactedTopicBook(Topic<V> topic, Map<String, Object> producerConfig, Map<String, Object> consumerConfig) {
		this(topic, producerConfig, consumerConfig, true);
	}

	/**
	 * Starts following {@code topic} to read it only, and returns at once: until the
	 * follower has {@link #caughtUp() caught up} (Kafka may be out of reach for a while),
	 * the book holds what it has read so far.
	 * @param consumerConfig client settings for reads (no group is used)
	 */
	public static <V> CompactedTopicBook<V> reader(Topic<V> topic, Map<String, Object> consumerConfig) {
		return new CompactedTopicBook<>(topic, null, consumerConfig, false);
	}

	private CompactedTopicBook(Topic<V> topic, @Nullable Map<String, Object> producerConfig,
			Map<String, Object> consumerConfig, boolean waitToCatchUp) {
		this.topic = topic;
		if (producerConfig != null) {
			this.producerConfig = Map.copyOf(producerConfig);
			Map<String, Object> writes = new HashMap<>(producerConfig);
			writes.put(ProducerConfig.ACKS_CONFIG, "all");
			writes.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			writes.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
			this.producer = new KafkaProducer<>(writes, topic.keySerde().serializer(), topic.valueSerde().serializer());
		}
		else {
			this.producerConfig = Map.of();
			this.producer = null;
		}
		this.follower = new BookFollower<>(topic, consumerConfig, this::follow,
				() -> this.listeners.forEach(Runnable::run));
		if (waitToCatchUp && !this.follower.awaitCaughtUp(Duration.ofSeconds(60))) {
			close();
			throw new IllegalStateException("Could not read " + topic.name() + " within 60 s: is Kafka reachable?");
		}
	}

	/**
	 * Applies a record read, unless a write from here of a later record of its key is
	 * already applied.
	 */
	private boolean follow(ConsumerRecord<String, V> record) {
		boolean[] older = new boolean[1];
		this.written.computeIfPresent(record.key(), (key, offset) -> {
			older[0] = record.offset() < offset;
			return older[0] ? offset : null;
		});
		return !older[0] && apply(record.key(), record.value());
	}

	private boolean apply(String key, @Nullable V value) {
		V before = (value != null) ? this.values.put(key, value) : this.values.remove(key);
		return !Objects.equals(before, value);
	}

	/** Whether the follower has read everything that was on the topic when it started. */
	public boolean caughtUp() {
		return this.follower.caughtUp();
	}

	/**
	 * Waits up to {@code wait} for the follower to have {@link #caughtUp() caught up};
	 * whether it has.
	 */
	public boolean awaitCaughtUp(Duration wait) {
		return this.follower.awaitCaughtUp(wait);
	}

	/**
	 * Calls {@code listener} after each change read from the topic, and after every write
	 * from here.
	 */
	public void onChange(Runnable listener) {
		this.listeners.add(listener);
	}

	/** Everything on the topic now, by key. */
	public Map<String, V> all() {
		return Map.copyOf(this.values);
	}

	public Optional<V> get(String key) {
		return Optional.ofNullable(this.values.get(key));
	}

	/**
	 * Writes every entry (a {@code null} value removes its key) and waits until the
	 * broker has them all.
	 */
	public void write(Map<String, @Nullable V> entries) {
		Map<String, Future<RecordMetadata>> acks = new LinkedHashMap<>();
		Producer<String, V> producer = writer();
		entries
			.forEach((key, value) -> acks.put(key, producer.send(new ProducerRecord<>(this.topic.name(), key, value))));
		try {
			for (Map.Entry<String, Future<RecordMetadata>> ack : acks.entrySet()) {
				long offset = ack.getValue().get(30, TimeUnit.SECONDS).offset();
				this.written.merge(ack.getKey(), offset, Math::max);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WriteFailedException("Interrupted while writing to " + this.topic.name(), true, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new WriteFailedException("The broker did not acknowledge the write to " + this.topic.name()
					+ ": it may or may not have been made", true, ex);
		}
		applyWritten(entries);
	}

	/**
	 * Applies what this book wrote and tells every listener, changed or not: the follower
	 * may have read these records first and not yet told anyone, and a caller reading
	 * what its listeners keep right after its write (routing's roster, checked by the
	 * next import) must find the write there.
	 */
	private void applyWritten(Map<String, @Nullable V> entries) {
		for (Map.Entry<String, @Nullable V> entry : entries.entrySet()) {
			apply(entry.getKey(), entry.getValue());
		}
		this.listeners.forEach(Runnable::run);
	}

	/**
	 * Writes the first entries of a book that starts empty ({@code empty} says whether it
	 * is), once among every instance: two instances starting on an empty topic at the
	 * same moment decide one after the other ({@link #decide}), and the second finds the
	 * first's entries and writes nothing. Fenced, it reads again and decides again (it
	 * writes only to an empty book), up to five times.
	 * @param writerId the transactional id every instance's writer of this topic shares
	 * @param empty whether what the topic holds is still empty
	 * @param first the first entries, made afresh for each try
	 */
	public void seed(String writerId, Predicate<Map<String, V>> empty, Supplier<Map<String, V>> first) {
		for (int attempt = 1; empty.test(all()); attempt++) {
			Map<String, V> entries = first.get();
			try {
				decide(writerId, (everything) -> new Decision<>(empty.test(everything) ? entries : Map.of(), entries));
				return;
			}
			catch (ConcurrentWriteException | WriteFailedException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Decides and writes as the one writer of this topic among every instance, so that a
	 * decision taken from what the topic holds (the next version number, whether a draft
	 * is still a draft) is taken once. It opens a transaction as {@code writerId}, the
	 * same in every instance: that fences any other instance deciding at this moment,
	 * whose write then fails with {@link ConcurrentWriteException}. It then reads the
	 * topic to its end, decides from what it holds and writes the entries decided,
	 * committed together.
	 * @param writerId the transactional id every instance's writer of this topic shares
	 * @param decision from everything on the topic, what to write and what to answer; it
	 * may throw to write nothing
	 * @return the decision's answer
	 * @throws ConcurrentWriteException when another instance wrote at the same moment:
	 * read again and retry
	 * @throws WriteFailedException when the broker did not take or confirm the write
	 */
	public <R> R decide(String writerId, Function<Map<String, V>, Decision<V, R>> decision) {
		writer();
		return new OneWriter<>(this.topic, this.producerConfig, writerId).write(() -> {
			this.follower.catchUp();
			return decision.apply(all());
		}, (offsets, writes) -> {
			offsets.forEach((key, offset) -> this.written.merge(key, offset, Math::max));
			applyWritten(writes);
		});
	}

	private Producer<String, V> writer() {
		if (this.producer == null) {
			throw new IllegalStateException("A reader of " + this.topic.name() + " does not write to it");
		}
		return this.producer;
	}

	/**
	 * What a {@link #decide decision} writes and answers.
	 *
	 * @param writes the entries to write (a {@code null} value removes its key), in order
	 * @param answer what to answer the caller
	 * @param <V> the topic's values
	 * @param <R> the answer
	 */
	public record Decision<V, R>(Map<String, @Nullable V> writes, R answer) {
	}

	/**
	 * The broker did not take or did not confirm a write: {@link #mayHaveBeenWritten()
	 * whether it may have been made} tells whether to read again before deciding anew.
	 */
	public static final class WriteFailedException extends IllegalStateException {

		private final boolean mayHaveBeenWritten;

		WriteFailedException(String message, boolean mayHaveBeenWritten, @Nullable Throwable cause) {
			super(message, cause);
			this.mayHaveBeenWritten = mayHaveBeenWritten;
		}

		/**
		 * Whether the write failed while being committed, so that it may or may not be on
		 * the topic.
		 */
		public boolean mayHaveBeenWritten() {
			return this.mayHaveBeenWritten;
		}

	}

	/**
	 * Another instance wrote at the same moment: nothing was written; read again and
	 * decide anew.
	 */
	public static final class ConcurrentWriteException extends RuntimeException {

		ConcurrentWriteException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	@Override
	public void close() {
		this.follower.close();
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
		}
	}

}
