package io.handoff.events.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

import io.handoff.events.LeadEventsJson;
import io.handoff.events.Topic;

/**
 * The live entries of a compacted topic: each key's latest value, read committed, each
 * checked to be an event of the topic's type.
 */
final class LiveEntries {

	private final Map<String, Object> client;

	LiveEntries(Map<String, Object> client) {
		this.client = client;
	}

	/**
	 * Each key's latest value on {@code topic}, keys whose latest record is a tombstone
	 * left out: read to the end the topic has, then again to its new end while it moved
	 * meanwhile, so that a transaction committed across partitions during the read is in
	 * it whole (each partition's end is asked of its own leader, a moment apart).
	 */
	Map<String, BackupFile.Entry> of(Topic<?> topic, int partitionCount) {
		Map<String, Object> config = new HashMap<>(this.client);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		Map<String, ConsumerRecord<String, byte[]>> live = new LinkedHashMap<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (int partition = 0; partition < partitionCount; partition++) {
				partitions.add(new TopicPartition(topic.name(), partition));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
			Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Backup.TIMEOUT));
			for (int round = 0;; round++) {
				while (partitions.stream()
					.anyMatch((partition) -> consumer.position(partition, Backup.TIMEOUT) < end.get(partition))) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException(
								"Could not read " + topic.name() + " to its end within 5 minutes");
					}
					for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
						if (record.key() == null) {
							throw new IllegalStateException(topic.name() + " partition " + record.partition()
									+ " offset " + record.offset() + " has no key: not a record Handoff wrote");
						}
						if (record.value() == null) {
							live.remove(record.key());
						}
						else {
							live.put(record.key(), record);
						}
					}
				}
				Map<TopicPartition, Long> now = consumer.endOffsets(partitions, Backup.TIMEOUT);
				if (now.equals(end)) {
					// Only the values that count are checked: an older one a later write
					// replaced is no concern.
					Map<String, BackupFile.Entry> entries = new LinkedHashMap<>();
					live.forEach((key, record) -> entries.put(key, entry(topic, record)));
					return entries;
				}
				if (round == 10) {
					throw new IllegalStateException(topic.name() + " kept changing while it was read: take the backup "
							+ "while no one is editing the agreement, the organisation or the subscriptions");
				}
				end.putAll(now);
			}
		}
	}

	private static BackupFile.Entry entry(Topic<?> topic, ConsumerRecord<String, byte[]> record) {
		JsonNode value;
		try {
			value = LeadEventsJson.mapper().readTree(record.value());
			LeadEventsJson.mapper().treeToValue(value, topic.eventType());
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(topic.name() + " partition " + record.partition() + " offset "
					+ record.offset() + " (key " + record.key() + ") is not a valid "
					+ topic.eventType().getSimpleName() + ": " + ex.getMessage(), ex);
		}
		return new BackupFile.Entry(topic.name(), record.partition(), record.key(),
				Instant.ofEpochMilli(record.timestamp()), value);
	}

}
