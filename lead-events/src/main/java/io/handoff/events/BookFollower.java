package io.handoff.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.handoff.events.CompactedTopicBook.WriteFailedException;

/**
 * Follows a book's topic from its start on a thread of its own (committed records only,
 * no consumer group), hands every record to the book, and knows how far it has read: all
 * that was on the topic when it started ({@link #caughtUp()}), or all that is on it now
 * ({@link #catchUp()}, before a decision).
 *
 * @param <V> what the topic holds
 */
final class BookFollower<V> {

	private static final Logger logger = LoggerFactory.getLogger(BookFollower.class);

	private final Topic<V> topic;

	private final Map<String, Object> config;

	private final Consumer<String, V> consumer;

	private final Predicate<ConsumerRecord<String, V>> take;

	private final Runnable changed;

	private final CountDownLatch caughtUp = new CountDownLatch(1);

	/** How far the follower has read each partition. */
	private final Map<TopicPartition, Long> read = new ConcurrentHashMap<>();

	private volatile boolean running = true;

	/**
	 * Starts following {@code topic}.
	 * @param consumerConfig client settings for reads
	 * @param take applies a record read to the book; whether it changed the book
	 * @param changed told after each poll that changed the book
	 */
	BookFollower(Topic<V> topic, Map<String, Object> consumerConfig, Predicate<ConsumerRecord<String, V>> take,
			Runnable changed) {
		this.topic = topic;
		this.take = take;
		this.changed = changed;
		Map<String, Object> reads = new HashMap<>(consumerConfig);
		reads.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		reads.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		reads.remove(ConsumerConfig.GROUP_ID_CONFIG);
		this.config = Map.copyOf(reads);
		this.consumer = new KafkaConsumer<>(reads, new StringDeserializer(), topic.valueSerde().deserializer());
		Thread follower = new Thread(this::follow, "book-" + topic.name());
		follower.setDaemon(true);
		follower.start();
	}

	/**
	 * Whether everything that was on the topic when the follower started has been read.
	 */
	boolean caughtUp() {
		return this.caughtUp.getCount() == 0;
	}

	/** Waits up to {@code wait} to have {@link #caughtUp() caught up}; whether it has. */
	boolean awaitCaughtUp(Duration wait) {
		try {
			return this.caughtUp.await(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return caughtUp();
		}
	}

	/** Waits until everything committed on the topic now has been read, 30 s at most. */
	void catchUp() throws InterruptedException {
		Map<TopicPartition, Long> end;
		try (KafkaConsumer<String, String> offsets = new KafkaConsumer<>(this.config, new StringDeserializer(),
				new StringDeserializer())) {
			end = offsets.endOffsets(offsets.partitionsFor(this.topic.name())
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList());
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!end.entrySet()
			.stream()
			.allMatch((partition) -> this.read.getOrDefault(partition.getKey(), -1L) >= partition.getValue())) {
			if (System.nanoTime() > deadline) {
				throw new WriteFailedException("Could not read " + this.topic.name() + " to its end within 30 s", false,
						null);
			}
			Thread.sleep(10);
		}
	}

	void close() {
		this.running = false;
		this.consumer.wakeup();
	}

	private void follow() {
		try {
			List<TopicPartition> partitions = List.of();
			Map<TopicPartition, Long> end = null;
			while (end == null && this.running) {
				try {
					// A topic created a moment ago may not be in the broker's metadata
					// yet: no partitions until it is.
					partitions = this.consumer.partitionsFor(this.topic.name(), Duration.ofSeconds(30))
						.stream()
						.map((info) -> new TopicPartition(info.topic(), info.partition()))
						.toList();
					if (!partitions.isEmpty()) {
						end = this.consumer.endOffsets(partitions, Duration.ofSeconds(30));
					}
				}
				catch (TimeoutException ex) {
					// Kafka out of reach: keep asking, a reader started without it
					// catches up once it is back.
					logger.warn("Cannot reach Kafka to read {} yet: {}", this.topic.name(), ex.getMessage());
				}
			}
			if (end == null) {
				return;
			}
			Map<TopicPartition, Long> ends = end;
			this.consumer.assign(partitions);
			this.consumer.seekToBeginning(partitions);
			while (this.running) {
				boolean changed = false;
				for (ConsumerRecord<String, V> record : this.consumer.poll(Duration.ofMillis(500))) {
					changed |= this.take.test(record);
				}
				for (TopicPartition partition : partitions) {
					this.read.put(partition, this.consumer.position(partition));
				}
				if (this.caughtUp.getCount() > 0 && partitions.stream()
					.allMatch((partition) -> this.consumer.position(partition) >= ends.get(partition))) {
					this.caughtUp.countDown();
				}
				if (changed) {
					this.changed.run();
				}
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		catch (RuntimeException ex) {
			logger.error("Stopped following {}", this.topic.name(), ex);
		}
		finally {
			this.consumer.close(Duration.ofSeconds(5));
		}
	}

}
