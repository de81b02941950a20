package io.handoff.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a compacted topic from its beginning to its end as it stands: the latest value per key, removed keys left out.
 * Books that keep a topic's contents in memory (agreements, the sales organisation, webhook subscriptions) load
 * themselves with it at start-up.
 */
public final class CompactedTopics {

	private CompactedTopics() {
	}

	/**
	 * The latest committed value of every key of {@code topic}, in the order they were last written.
	 *
	 * @param consumerConfig the client settings (bootstrap servers, security); the group id is not used
	 */
	public static <V> Map<String, V> readAll(Map<String, Object> consumerConfig, Topic<V> topic) {
		Map<String, Object> config = new HashMap<>(consumerConfig);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		Map<String, V> latest = new LinkedHashMap<>();
		try (Consumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				topic.valueSerde().deserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
					latest.remove(record.key());
					if (record.value() != null) {
						latest.put(record.key(), record.value());
					}
				}
			}
		}
		return latest;
	}

}
