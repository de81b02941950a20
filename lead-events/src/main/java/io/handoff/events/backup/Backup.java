package io.handoff.events.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
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
 * The backup and restore of what lives only on Handoff's compacted topics: the
 * agreement's versions, the sales organisation (reps, accounts, territories) and the
 * webhook subscriptions. Everything else is rebuilt from the event topics, which Kafka's
 * own replication and retention keep.
 *
 * <p>
 * An export reads each topic to its end as a read-committed reader (what is written in a
 * transaction is in it whole or not at all), and on while the topic moves, and keeps each
 * key's latest value. A restore reads and checks the whole file first, then writes into
 * topics that are missing or empty and compacted, every entry in one transaction on the
 * partition it came from with its timestamp, so that a restore that fails leaves nothing
 * half visible and can simply be run again.
 */
public final class Backup {

	/** The topics a backup holds: every compacted topic of Handoff. */
	public static final List<Topic<?>> TOPICS = Topics.ALL.stream().filter(Topic::compacted).toList();

	/** The same, by name: what a backup file may name. */
	public static final Map<String, Topic<?>> BY_NAME = TOPICS.stream()
		.collect(Collectors.toUnmodifiableMap(Topic::name, Function.identity()));

	/**
	 * The transactional id of a restore unless told otherwise: under routing-service's
	 * prefix, whose Kafka user may write every one of these topics. A second restore run
	 * meanwhile fences the first.
	 */
	public static final String RESTORE_WRITER = "handoff-routing-restore";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Map<String, Object> client;

	private final String transactionalId;

	/**
	 * @param client Kafka client settings: {@code bootstrap.servers} and, on a secured
	 * cluster, its security ones
	 * @param transactionalId what a restore writes as (its Kafka user needs the right to
	 * it)
	 */
	public Backup(Map<String, Object> client, String transactionalId) {
		this.client = Map.copyOf(client);
		this.transactionalId = transactionalId;
	}

	/** Writes every live entry of the compacted topics to {@code file}; what it holds. */
	public BackupFile.Contents export(Path file) throws IOException {
		Map<String, Integer> partitions = new LinkedHashMap<>();
		List<BackupFile.Entry> entries = new ArrayList<>();
		try (Admin admin = Admin.create(adminConfig())) {
			Map<String, TopicDescription> described = describe(admin, BY_NAME.keySet());
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
		// What a restore will read: a backup that could not be restored is found out now,
		// not on the day it is needed.
		return BackupFile.read(file, BY_NAME);
	}

	/**
	 * Restores {@code file} into the cluster: checks that each of its topics either does
	 * not exist yet or is compacted, has the backup's partition count and holds no entry
	 * (naming every one that does not), creates the missing ones (with {@code replicas}
	 * replicas, or when 0 as many as the cluster has brokers, three at most), then writes
	 * every entry in one transaction and reads them back.
	 */
	public BackupFile.Contents restore(Path file, int replicas) throws IOException {
		Map<String, Topic<?>> known = BY_NAME;
		BackupFile.Contents contents = BackupFile.read(file, known);
		try (Admin admin = Admin.create(adminConfig())) {
			Map<String, TopicDescription> existing = describe(admin, contents.partitions().keySet());
			Map<String, String> policies = cleanupPolicies(admin, existing.keySet());
			List<String> problems = new ArrayList<>();
			List<NewTopic> missing = new ArrayList<>();
			short replicationFactor = (short) ((replicas > 0) ? replicas
					: Math.min(3, get(admin.describeCluster().nodes()).size()));
			for (Map.Entry<String, Integer> topic : contents.partitions().entrySet()) {
				TopicDescription description = existing.get(topic.getKey());
				if (description == null) {
					missing.add(new NewTopic(topic.getKey(), topic.getValue(), replicationFactor)
						.configs(known.get(topic.getKey()).newTopic(replicationFactor).configs()));
					continue;
				}
				if (description.partitions().size() != topic.getValue()) {
					problems
						.add(topic.getKey() + " has " + description.partitions().size() + " partitions here and had "
								+ topic.getValue() + " (each key must stay on its partition)");
				}
				if (!compactedOnly(policies.getOrDefault(topic.getKey(), ""))) {
					problems.add(topic.getKey() + " is not compacted here (cleanup.policy="
							+ policies.get(topic.getKey()) + "): retention would delete what is restored");
				}
				else if (description.partitions().size() == topic.getValue()) {
					int held = live(known.get(topic.getKey()), topic.getValue()).size();
					if (held > 0) {
						problems.add(topic.getKey() + " already holds " + held + " entries");
					}
				}
			}
			if (!problems.isEmpty()) {
				throw new IllegalStateException("Nothing restored: " + String.join("; ", problems) + ". A backup is "
						+ "restored into a cluster whose Handoff topics are missing or empty and compacted, before "
						+ "Handoff's services first start on it (scoring writes a starter agreement when it finds none)");
			}
			create(admin, missing);
		}
		write(contents.entries());
		// A commit returns before the broker has marked every partition committed: read
		// back until all are.
		Map<String, Integer> restored = Map.of();
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!restored.equals(contents.counts())) {
			if (!restored.isEmpty()) {
				pause();
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The restore was committed, but reading it back the topics hold "
						+ restored + " and the backup " + contents.counts() + ": did something else write to them?");
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

	private void write(List<BackupFile.Entry> entries) {
		Map<String, Object> config = new HashMap<>(this.client);
		config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, this.transactionalId);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		// As long as brokers allow by default (transaction.max.timeout.ms): a large
		// organisation is one transaction.
		config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Duration.ofMinutes(15).toMillis());
		KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer());
		boolean committing = false;
		try {
			producer.initTransactions();
			producer.beginTransaction();
			List<Future<RecordMetadata>> sent = new ArrayList<>();
			for (BackupFile.Entry entry : entries) {
				sent.add(producer
					.send(new ProducerRecord<>(entry.topic(), entry.partition(), entry.timestamp().toEpochMilli(),
							entry.key(), LeadEventsJson.mapper().writeValueAsBytes(entry.value()))));
			}
			// Every entry taken before the commit: a refused one is a failure that wrote
			// nothing, not a commit in doubt.
			producer.flush();
			for (Future<RecordMetadata> ack : sent) {
				ack.get();
			}
			committing = true;
			producer.commitTransaction();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted: nothing restored", ex);
		}
		catch (ExecutionException | RuntimeException ex) {
			if (committing) {
				// The broker may have taken the commit though it did not confirm it (even
				// a fence noticed then).
				throw new IllegalStateException("The restore's commit was not confirmed (" + ex.getMessage() + "): it "
						+ "may have been made. Run the restore again: it is refused, naming the topics, if it was", ex);
			}
			try {
				producer.abortTransaction();
			}
			catch (RuntimeException notAborted) {
				ex.addSuppressed(notAborted);
			}
			throw new IllegalStateException("Nothing restored: the write failed (" + ex.getMessage()
					+ "); the topics that did not exist were created and are empty", ex);
		}
		finally {
			producer.close(TIMEOUT);
		}
	}

	/**
	 * Each key's latest value on {@code topic}, keys whose latest record is a tombstone
	 * left out: read to the end the topic has, then again to its new end while it moved
	 * meanwhile, so that a transaction committed across partitions during the read is in
	 * it whole (each partition's end is asked of its own leader, a moment apart).
	 */
	private Map<String, BackupFile.Entry> live(Topic<?> topic, int partitionCount) {
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
			Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, TIMEOUT));
			for (int round = 0;; round++) {
				while (partitions.stream()
					.anyMatch((partition) -> consumer.position(partition, TIMEOUT) < end.get(partition))) {
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
				Map<TopicPartition, Long> now = consumer.endOffsets(partitions, TIMEOUT);
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

	private static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
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

	private static Map<String, TopicDescription> describe(Admin admin, Set<String> names) {
		Set<String> existing = get(admin.listTopics().names());
		Set<String> wanted = names.stream().filter(existing::contains).collect(Collectors.toSet());
		return wanted.isEmpty() ? Map.of() : get(admin.describeTopics(wanted).allTopicNames());
	}

	/**
	 * Whether a topic of {@code cleanupPolicy} keeps each key's latest value for good
	 * ("compact,delete" does not).
	 */
	static boolean compactedOnly(String cleanupPolicy) {
		return Arrays.stream(cleanupPolicy.split(","))
			.map(String::trim)
			.collect(Collectors.toSet())
			.equals(Set.of(TopicConfig.CLEANUP_POLICY_COMPACT));
	}

	private static Map<String, String> cleanupPolicies(Admin admin, Set<String> topics) {
		if (topics.isEmpty()) {
			return Map.of();
		}
		List<ConfigResource> resources = topics.stream()
			.map((topic) -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
			.toList();
		Map<String, String> policies = new HashMap<>();
		get(admin.describeConfigs(resources).all()).forEach((resource, config) -> {
			ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
			policies.put(resource.name(), (policy != null) ? policy.value() : "");
		});
		return policies;
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
				throw new IllegalStateException("Could not create " + topics.stream().map(NewTopic::name).toList()
						+ ": " + ex.getCause().getMessage(), ex.getCause());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating the topics", ex);
		}
	}

	private static <T> T get(KafkaFuture<T> future) {
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof TimeoutException) {
				throw new IllegalStateException(
						"Kafka did not answer within " + TIMEOUT.toSeconds() + " s (is the "
								+ "--bootstrap-server right, and the cluster up?): " + ex.getCause().getMessage(),
						ex.getCause());
			}
			throw new IllegalStateException("Kafka refused: " + ex.getCause().getMessage(), ex.getCause());
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

	private String bootstrap() {
		return String.valueOf(this.client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
	}

}
