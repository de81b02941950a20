package io.handoff.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.handoff.events.CompactedTopicBook.ConcurrentWriteException;
import io.handoff.events.CompactedTopicBook.Decision;
import io.handoff.events.CompactedTopicBook.WriteFailedException;

/**
 * One transaction of the one writer of a book's topic among every instance
 * ({@link CompactedTopicBook#decide}): its start fences any other writer with the same
 * transactional id and ends whatever transaction that one left open; then the book is
 * read to its end, the decision taken, and what it writes committed together. A writer
 * fenced before its commit wrote nothing ({@link ConcurrentWriteException}); a commit
 * that failed otherwise may or may not have been made ({@link WriteFailedException}).
 *
 * @param <V> the topic's values
 */
final class OneWriter<V> {

	private static final Logger logger = LoggerFactory.getLogger(OneWriter.class);

	private final Topic<V> topic;

	private final Map<String, Object> config;

	/**
	 * @param topic the book's topic
	 * @param producerConfig the application's producer settings
	 * @param writerId the transactional id every instance's writer of the topic shares
	 */
	OneWriter(Topic<V> topic, Map<String, Object> producerConfig, String writerId) {
		this.topic = topic;
		Map<String, Object> config = new HashMap<>(producerConfig);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, writerId);
		this.config = config;
	}

	/**
	 * Decides and writes in one transaction.
	 * @param decide reads the book to its end and decides, once the other writers are
	 * fenced; it may throw to write nothing
	 * @param written what was written, each key with its offset, once committed
	 * @return the decision's answer
	 */
	<R> R write(Decide<V, R> decide, BiConsumer<Map<String, Long>, Map<String, @Nullable V>> written) {
		KafkaProducer<String, V> writer = new KafkaProducer<>(this.config, this.topic.keySerde().serializer(),
				this.topic.valueSerde().serializer());
		boolean open = false;
		boolean committing = false;
		try {
			writer.initTransactions();
			Decision<V, R> decided = decide.decide();
			writer.beginTransaction();
			open = true;
			Map<String, Future<RecordMetadata>> acks = new LinkedHashMap<>();
			decided.writes()
				.forEach((key, value) -> acks.put(key,
						writer.send(new ProducerRecord<>(this.topic.name(), key, value))));
			committing = true;
			writer.commitTransaction();
			open = false;
			Map<String, Long> offsets = new LinkedHashMap<>();
			for (Map.Entry<String, Future<RecordMetadata>> ack : acks.entrySet()) {
				offsets.put(ack.getKey(), ack.getValue().get().offset());
			}
			written.accept(offsets, decided.writes());
			return decided.answer();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new WriteFailedException("Interrupted while writing to " + this.topic.name(), committing, ex);
		}
		catch (ExecutionException | RuntimeException ex) {
			boolean fenced = Causes.any(ex, ProducerFencedException.class, InvalidProducerEpochException.class);
			if (!fenced && !open && !(ex instanceof ExecutionException) && !(ex instanceof KafkaException)) {
				throw (RuntimeException) ex; // the decision refused: nothing was sent
			}
			if (fenced && !committing) {
				// Fenced at begin or send: the fencing writer's start aborted this
				// transaction.
				throw new ConcurrentWriteException("Another instance wrote to " + this.topic.name()
						+ " at the same moment; nothing was written here", ex);
			}
			// A transaction not committed is ended now, so readers are not held behind it
			// until it times out; one that ends so was certainly not made. A commit that
			// failed otherwise (a timeout, a fence noticed on a retried commit, an error
			// of the broker's own, as Kafka 4.1's coordinator answers a commit racing a
			// fence) may or may not have been made.
			boolean aborted = open && abort(writer);
			boolean mayHaveBeenWritten = committing && !aborted;
			throw new WriteFailedException("The broker did not " + (mayHaveBeenWritten ? "confirm" : "take")
					+ " the write to " + this.topic.name() + ": " + ex.getMessage(), mayHaveBeenWritten, ex);
		}
		finally {
			// Bounded: a broker that is gone must not hold the request that asked.
			writer.close(Duration.ofSeconds(5));
		}
	}

	/**
	 * Ends a transaction that will not be committed, so that readers are not held behind
	 * it until it times out; whether it was aborted (else the next writer's start ends
	 * it).
	 */
	private static boolean abort(Producer<?, ?> writer) {
		try {
			writer.abortTransaction();
			return true;
		}
		catch (RuntimeException ex) {
			logger.debug("Could not abort an unfinished write; the next writer's start ends it", ex);
			return false;
		}
	}

	/** Reads the book to its end and decides. */
	@FunctionalInterface
	interface Decide<V, R> {

		Decision<V, R> decide() throws InterruptedException;

	}

}
