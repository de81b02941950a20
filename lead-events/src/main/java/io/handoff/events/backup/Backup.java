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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

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

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Map<String, Object> client;

	private final String transactionalId;

	private final LiveEntries live;

	/**
	 * @param client Kafka client settings: {@code bootstrap.servers} and, on a secured
	 * cluster, its security ones
	 * @param transactionalId what a restore writes as (its Kafka user needs the right to
	 * it)
	 */
	public Backup(Map<String, Object> client, String transactionalId) {
		this.client = Map.copyOf(client);
		this.transactionalId = transactionalId;
		this.live = new LiveEntries(this.client);
	}

	/** Writes every live entry of the compacted topics to {@code file}; what it holds. */
	public BackupFile.Contents export(Path file) throws IOException {
		Map<String, Integer> partitions = new LinkedHashMap<>();
		List<BackupFile.Entry> entries = new ArrayList<>();
		try (Admin admin = Admin.create(adminConfig())) {
			Map<String, TopicDescription> described = BackupAdmin.describe(admin, BY_NAME.keySet());
			for (Topic<?> topic : TOPICS) {
				TopicDescription description = described.get(topic.name());
				if (description == null) {
					throw new IllegalStateException("Topic " + topic.name() + " does not exist on " + bootstrap()
							+ ": is this Handoff's cluster, and has Handoff run on it?");
				}
				partitions.put(topic.name(), description.partitions().size());
				entries.addAll(this.live.of(topic, description.partitions().size()).values());
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
			Map<String, TopicDescription> existing = BackupAdmin.describe(admin, contents.partitions().keySet());
			Map<String, String> policies = BackupAdmin.cleanupPolicies(admin, existing.keySet());
			List<String> problems = new ArrayList<>();
			List<NewTopic> missing = new ArrayList<>();
			short replicationFactor = (short) ((replicas > 0) ? replicas
					: Math.min(3, BackupAdmin.get(admin.describeCluster().nodes()).size()));
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
				if (!BackupAdmin.compactedOnly(policies.getOrDefault(topic.getKey(), ""))) {
					problems.add(topic.getKey() + " is not compacted here (cleanup.policy="
							+ policies.get(topic.getKey()) + "): retention would delete what is restored");
				}
				else if (description.partitions().size() == topic.getValue()) {
					int held = this.live.of(known.get(topic.getKey()), topic.getValue()).size();
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
			BackupAdmin.create(admin, missing);
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
					restored.put(topic.name(), this.live.of(topic, contents.partitions().get(topic.name())).size());
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

	private static void pause() {
		try {
			Thread.sleep(200);
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
