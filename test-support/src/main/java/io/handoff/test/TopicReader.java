package io.handoff.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;

import io.handoff.events.Topic;

/**
 * Reads one topic from its beginning, keeping every record seen so far, so a test can
 * wait for the record it expects. Reads only committed records, as a downstream service
 * would, and passes over a record it cannot read (a poison record a test sent on
 * purpose), as a service sends it to its dead-letter topic.
 *
 * @param <V> the topic's event type
 */
public final class TopicReader<V> implements AutoCloseable {

	private final KafkaConsumer<String, V> consumer;

	private final List<ConsumerRecord<String, V>> seen = new ArrayList<>();

	public TopicReader(Topic<V> topic) {
		this(topic.name(), topic);
	}

	/** Reads {@code topicName} (a dead-letter topic, say) with {@code topic}'s serdes. */
	public TopicReader(String topicName, Topic<V> topic) {
		this(TestKafka.bootstrapServers(), topicName, topic);
	}

	/**
	 * Reads {@code topicName} with {@code topic}'s serdes from the broker at
	 * {@code bootstrapServers}.
	 */
	public TopicReader(String bootstrapServers, String topicName, Topic<V> topic) {
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"test-reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
				topic.keySerde().deserializer(), readable(topic.valueSerde().deserializer()));
		this.consumer.subscribe(List.of(topicName));
	}

	/** Every record read so far, after one more poll. */
	public synchronized List<ConsumerRecord<String, V>> records() {
		this.consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
			if (record.value() != null) {
				this.seen.add(record);
			}
		});
		return List.copyOf(this.seen);
	}

	/** The values of {@link #records()}. */
	public List<V> values() {
		return records().stream().map(ConsumerRecord::value).toList();
	}

	/** The value, or {@code null} for bytes that are not one. */
	private static <V> Deserializer<V> readable(Deserializer<V> values) {
		return (topic, bytes) -> {
			try {
				return values.deserialize(topic, bytes);
			}
			catch (RuntimeException notAValue) {
				return null;
			}
		};
	}

	@Override
	public synchronized void close() {
		this.consumer.close();
	}

}
