package io.handoff.events.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

import io.handoff.events.LeadEventsJson;
import io.handoff.events.Topic;
import io.handoff.events.Topics;

/**
 * The backup and restore of what lives only on Handoff's compacted topics: the agreement's versions, the sales
 * organisation (reps, accounts, territories) and the webhook subscriptions. Everything else is rebuilt from the event
 * topics, which Kafka's own replication and retention keep.
 *
 * <p>An export reads each topic to the end it has when the export starts, as a read-committed reader (the services'
 * writes are transactions), and keeps each key's latest value. A restore reads and checks the whole file first, then
 * writes into a cluster whose topics hold nothing yet, every entry in one transaction on the partition it came from
 * with its timestamp, so that a restore cut short leaves nothing half visible and can simply be run again.
 */
public final class Backup {

	/** The topics a backup holds: every compacted topic of Handoff. */
	public static final List<Topic<?>> TOPICS = Topics.ALL.stream().filter(Topic::compacted).toList();

	/** The transactional id of a restore: a second restore run meanwhile fences the first. */
	static final String RESTORE_WRITER = "handoff-restore";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Map<String, Object> client;

	/** @param client Kafka client settings: {@code bootstrap.servers} and, on a secured cluster, its security ones */
	public Backup(Map<String, Object> client) {
		this.client = Map.copyOf(client);
	}

	/** Writes every live entry of the compacted topics to {@code file}; what it holds. */
	public BackupFile.Contents export(Path file) throws IOException {
		Map<String, Integer> partitions = new LinkedHashMap<>();
		List<BackupFile.Entry> entries = new ArrayList<>();
		try (Admin admin = Admin.create(adminConfig())) {
			Map<String, TopicDescription> described = describe(admin, names());
			for (Topic<?> topic : TOPICS) {
				TopicDescription description = described.get(topic.name());
				if (description == null) {
					throw new IllegalStateException("Topic " + topic.name() + " does not exist on " + bootstrap()
							+ ": is this Handoff's cluster, and has Handoff run on it?");
				}
				partitions.put(topic.name(), description.partitions().size());
				entries.addAll(live(topic, description.partitions().size()).values());
			}
		}
		BackupFile.Contents contents = new BackupFile.Contents(Instant.now(), partitions, entries);
		BackupFile.write(file, contents);
		return contents;
	}

	/**
	 * Restores {@code file} into the cluster: creates the topics that do not exist yet (with {@code replicationFactor}
	 * replicas), refuses a topic that holds any entry already or has other partitions than the backup's, then writes
	 * every entry in one transaction and reads them back.
	 */
	public BackupFile.Contents restore(Path file, short replicationFactor) throws IOException {
		Map<String, Topic<?>> known = TOPICS.stream().collect(Collectors.toMap(Topic::name, Function.identity()));
		BackupFile.Contents contents = BackupFile.read(file, known);
		try (Admin admin = Admin.create(adminConfig())) {
			Map<String, TopicDescription> existing = describe(admin, contents.partitions().keySet());
			List<NewTopic> missing = new ArrayList<>();
			for (Map.Entry<String, Integer> topic : contents.partitions().entrySet()) {
				TopicDescription description = existing.get(topic.getKey());
				if (description == null) {
					missing.add(new NewTopic(topic.getKey(), topic.getValue(), replicationFactor)
						.configs(known.get(topic.getKey()).newTopic(replicationFactor).configs()));
				}
				else if (description.partitions().size() != topic.getValue()) {
					throw new IllegalStateException("Topic " + topic.getKey() + " has " + description.partitions().size()
							+ " partitions here and had " + topic.getValue() + " in the backup: each key must stay on its "
							+ "partition; restore into a cluster whose topic has " + topic.getValue());
				}
			}
			create(admin, missing);
		}
		for (Topic<?> topic : TOPICS) {
			if (contents.partitions().containsKey(topic.name())) {
				int held = live(topic, contents.partitions().get(topic.name())).size();
				if (held > 0) {
					throw new IllegalStateException("Topic " + topic.name() + " already holds " + held + " entries: a "
							+ "backup is restored into a cluster whose Handoff topics are empty, before Handoff's "
							+ "services first start on it (scoring writes a starter agreement when it finds none)");
				}
			}
		}
		write(contents.entries());
		// A commit returns before the broker has marked every partition committed: read back until all are.
		Map<String, Integer> restored = Map.of();
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!restored.equals(contents.counts())) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("After the restore the topics hold " + restored + ", the backup "
						+ contents.counts() + ": were they written to meanwhile?");
			}
			restored = new LinkedHashMap<>();
			for (Topic<?> topic : TOPICS) {
				if (contents.partitions().containsKey(topic.name())) {
					restored.put(topic.name(), live(topic, contents.partitions().get(topic.name())).size());
				}
			}
		}
		return contents;
	}

	/** As many replicas as the cluster has brokers, three at most: what a restore creates missing topics with. */
	public short replicasAvailable() {
		try (Admin admin = Admin.create(adminConfig())) {
			return (short) Math.min(3, get(admin.describeCluster().nodes()).size());
		}
	}

	private void write(List<BackupFile.Entry> entries) {
		Map<String, Object> config = new HashMap<>(this.client);
		config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, RESTORE_WRITER);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			producer.initTransactions();
			producer.beginTransaction();
			try {
				for (BackupFile.Entry entry : entries) {
					producer.send(new ProducerRecord<>(entry.topic(), entry.partition(), entry.timestamp().toEpochMilli(),
							entry.key(), LeadEventsJson.mapper().writeValueAsBytes(entry.value())));
				}
				producer.commitTransaction();
			}
			catch (RuntimeException ex) {
				try {
					producer.abortTransaction();
				}
				catch (RuntimeException notAborted) {
					ex.addSuppressed(notAborted);
				}
				throw new IllegalStateException("The restore was not written (nothing of it is visible): "
						+ ex.getMessage(), ex);
			}
		}
	}

	/** Each key's latest value on {@code topic}, read to the end it has now; keys whose latest record is a tombstone left out. */
	private Map<String, BackupFile.Entry> live(Topic<?> topic, int partitionCount) {
		Map<String, Object> config = new HashMap<>(this.client);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		Map<String, BackupFile.Entry> live = new LinkedHashMap<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (int partition = 0; partition < partitionCount; partition++) {
				partitions.add(new TopicPartition(topic.name(), partition));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
			long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition, TIMEOUT) < end.get(partition))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Could not read " + topic.name() + " to its end within 5 minutes");
				}
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
						continue;
					}
					if (record.value() == null) {
						live.remove(record.key());
					}
					else {
						live.put(record.key(), entry(topic, record));
					}
				}
			}
		}
		return live;
	}

	private static BackupFile.Entry entry(Topic<?> topic, ConsumerRecord<String, byte[]> record) {
		if (record.key() == null) {
			throw new IllegalStateException(topic.name() + " partition " + record.partition() + " offset "
					+ record.offset() + " has no key: not a record Handoff wrote");
		}
		JsonNode value;
		try {
			value = LeadEventsJson.mapper().readTree(record.value());
			LeadEventsJson.mapper().treeToValue(value, topic.eventType());
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(topic.name() + " partition " + record.partition() + " offset "
					+ record.offset() + " (key " + record.key() + ") is not a valid " + topic.eventType().getSimpleName()
					+ ": " + ex.getMessage(), ex);
		}
		return new BackupFile.Entry(topic.name(), record.partition(), record.key(),
				Instant.ofEpochMilli(record.timestamp()), value);
	}

	private static Map<String, TopicDescription> describe(Admin admin, Set<String> names) {
		Set<String> existing = get(admin.listTopics().names());
		Set<String> wanted = names.stream().filter(existing::contains).collect(Collectors.toSet());
		return wanted.isEmpty() ? Map.of() : get(admin.describeTopics(wanted).allTopicNames());
	}

	private static void create(Admin admin, List<NewTopic> topics) {
		if (topics.isEmpty()) {
			return;
		}
		try {
			admin.createTopics(topics).all().get();
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException("Could not create " + topics.stream().map(NewTopic::name).toList() + ": "
						+ ex.getCause().getMessage(), ex.getCause());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating the topics", ex);
		}
	}

	private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("The cluster refused: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private Map<String, Object> adminConfig() {
		Map<String, Object> config = new HashMap<>(this.client);
		config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
		return config;
	}

	private static Set<String> names() {
		return TOPICS.stream().map(Topic::name).collect(Collectors.toSet());
	}

	private String bootstrap() {
		return String.valueOf(this.client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
	}

}
