package io.handoff.console.review;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.handoff.events.LeadEventsJson;

/**
 * The mailing ledger on Kafka: the one partition of {@code console.review-mailings},
 * keyed by review, read from its start (a few entries a week) and written with
 * {@code acks=all}, so every console instance reads the same entries in the same order.
 */
final class LedgerTopic implements AutoCloseable {

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	private final String topic;

	private final Map<String, Object> client;

	private final KafkaProducer<String, String> producer;

	LedgerTopic(String topic, Map<String, Object> client) {
		this.topic = topic;
		this.client = Map.copyOf(client);
		Map<String, Object> producer = new HashMap<>(client);
		producer.put(ProducerConfig.ACKS_CONFIG, "all");
		producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis());
		producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis() / 2);
		producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, PATIENCE.toMillis());
		this.producer = new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer());
	}

	/**
	 * Creates the topic if it is not there: one partition, kept 90 days. One that is
	 * there must have one partition: the ledger's order is the order of one partition.
	 */
	static void create(String topic, Map<String, Object> client)
			throws InterruptedException, ExecutionException, TimeoutException {
		try (Admin admin = Admin.create(client)) {
			try {
				admin
					.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())
						.configs(Map.of("retention.ms", String.valueOf(Duration.ofDays(90).toMillis())))))
					.all()
					.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw ex;
				}
			}
			int partitions = partitions(admin, topic);
			if (partitions != 1) {
				throw new IllegalStateException("The mailing ledger " + topic + " has " + partitions
						+ " partitions; it needs exactly one (its order decides who sends)");
			}
		}
	}

	/**
	 * The topic's partitions, asked again while a topic just made is not known everywhere
	 * yet.
	 */
	private static int partitions(Admin admin, String topic)
			throws InterruptedException, ExecutionException, TimeoutException {
		Instant giveUp = Instant.now().plus(PATIENCE);
		while (true) {
			try {
				return admin.describeTopics(List.of(topic))
					.allTopicNames()
					.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)
					.get(topic)
					.partitions()
					.size();
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException) || Instant.now().isAfter(giveUp)) {
					throw ex;
				}
				TimeUnit.MILLISECONDS.sleep(100);
			}
		}
	}

	/** Every entry about {@code review}, in the ledger's order. */
	List<MailingLedger.Entry> entries(String review) {
		Map<String, Object> consumer = new HashMap<>(this.client);
		consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "console-review-ledger-" + UUID.randomUUID());
		List<MailingLedger.Entry> entries = new ArrayList<>();
		try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(consumer, new StringDeserializer(),
				new StringDeserializer())) {
			TopicPartition partition = new TopicPartition(this.topic, 0);
			reader.assign(List.of(partition));
			reader.seekToBeginning(List.of(partition));
			long end = reader.endOffsets(List.of(partition), PATIENCE).get(partition);
			Instant giveUp = Instant.now().plus(PATIENCE);
			while (reader.position(partition, PATIENCE) < end) {
				if (Instant.now().isAfter(giveUp)) {
					throw new IllegalStateException("The ledger " + this.topic + " could not be read to its end");
				}
				for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(500))) {
					if (review.equals(record.key())) {
						entries.add(LeadEventsJson.mapper().readValue(record.value(), MailingLedger.Entry.class));
					}
				}
			}
		}
		return entries;
	}

	/** Writes {@code entry}, acknowledged by the broker's in-sync replicas. */
	void append(MailingLedger.Entry entry) throws InterruptedException, ExecutionException, TimeoutException {
		this.producer
			.send(new ProducerRecord<>(this.topic, 0, entry.review(),
					LeadEventsJson.mapper().writeValueAsString(entry)))
			.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
