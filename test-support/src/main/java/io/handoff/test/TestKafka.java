package io.handoff.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import io.handoff.events.Topic;
import io.handoff.events.Topics;

/**
 * The one real Kafka broker of a test JVM, started on first use and shared by every test
 * in it: the apache/kafka container where a Docker engine answers, the embedded KRaft
 * broker of spring-kafka-test otherwise. Every Handoff topic and its dead-letter topic
 * exist before the first test uses it.
 */
public final class TestKafka {

	private static final String IMAGE = "apache/kafka:4.1.2";

	private static @Nullable String bootstrapServers;

	private TestKafka() {
	}

	/** The broker's bootstrap servers, starting the broker the first time. */
	public static synchronized String bootstrapServers() {
		if (bootstrapServers == null) {
			bootstrapServers = dockerAnswers() ? startContainer() : startEmbedded();
			createTopics(bootstrapServers);
		}
		return bootstrapServers;
	}

	/**
	 * Whether the consumer group whose id ends with {@code groupSuffix} has committed a
	 * position on every partition of {@code topic}: its consumer has joined and will see
	 * what is written from now on.
	 */
	public static boolean groupHasCommitted(String groupSuffix, Topic<?> topic) {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
			for (GroupListing group : admin.listGroups().all().get()) {
				if (group.groupId().endsWith(groupSuffix) && admin.listConsumerGroupOffsets(group.groupId())
					.partitionsToOffsetAndMetadata()
					.get()
					.keySet()
					.stream()
					.filter((partition) -> partition.topic().equals(topic.name()))
					.count() == topic.partitions()) {
					return true;
				}
			}
			return false;
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * Writes many records as they are, with one producer, and waits for every
	 * acknowledgement.
	 */
	public static void sendRaw(String topic, List<Map.Entry<String, String>> records) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()), new StringSerializer(),
				new StringSerializer())) {
			List<Future<?>> acks = new ArrayList<>();
			for (Map.Entry<String, String> record : records) {
				acks.add(producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())));
			}
			for (Future<?> ack : acks) {
				ack.get();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not write to " + topic, ex);
		}
	}

	/**
	 * Every committed record on {@code topic} now, as text, from the beginning to the end
	 * of each partition (what a read-committed consumer of Handoff's own sees).
	 */
	public static List<Map.Entry<String, String>> readCommitted(String topic) {
		return readCommitted(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()), topic).stream()
			.map((record) -> Map.entry((record.key() != null) ? record.key() : "",
					(record.value() != null) ? record.value() : ""))
			.toList();
	}

	/**
	 * Every committed record on {@code topic} now, with its headers, from the beginning
	 * to the end of each partition, read by a client with {@code settings} (where the
	 * broker is, and how to sign in to it).
	 */
	public static List<ConsumerRecord<String, String>> readCommitted(Map<String, Object> settings, String topic) {
		Map<String, Object> config = new HashMap<>(settings);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Could not read " + topic + " to its end within 30 s");
				}
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return records;
		}
	}

	/** Writes raw text to a topic, as a broken or foreign producer might. */
	public static void sendRaw(String topic, String key, String value) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()), new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not write to " + topic, ex);
		}
	}

	private static boolean dockerAnswers() {
		try {
			// Testcontainers logs each way it tried to reach Docker at ERROR
			// (logback-test.xml quiets it): one line here says which broker the tests get
			// instead.
			boolean answers = DockerClientFactory.instance().isDockerAvailable();
			if (!answers) {
				LoggerFactory.getLogger(TestKafka.class)
					.info("No Docker engine answers: the tests use the embedded KRaft broker of spring-kafka-test");
			}
			return answers;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	@SuppressWarnings("resource")
	private static String startContainer() {
		KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(IMAGE));
		kafka.start();
		return kafka.getBootstrapServers();
	}

	private static String startEmbedded() {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, Topic.DEFAULT_PARTITIONS);
		// One broker: transactions (exactly_once_v2) need their state log to fit on it.
		broker.brokerProperties(Map.of("transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr",
				"1", "offsets.topic.replication.factor", "1", "group.initial.rebalance.delay.ms", "0"));
		// Kafka's test kit deletes the broker's log directories in shutdown hooks of its
		// own, which the JVM runs at the same time as the one that stops the broker: a
		// broker still writing then logs errors about directories that vanish under it.
		// Its deletions are kept here and run once the broker is down.
		List<Runnable> deletions = new CopyOnWriteArrayList<>();
		Exit.setShutdownHookAdder((name, deletion) -> deletions.add(deletion));
		try {
			broker.afterPropertiesSet();
		}
		finally {
			Exit.resetShutdownHookAdder();
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			awaitTheServicesClosing();
			try {
				broker.destroy();
			}
			finally {
				deletions.forEach(Runnable::run);
			}
		}, "embedded-kafka-shutdown"));
		return broker.getBrokersAsString();
	}

	/**
	 * Waits for the Spring contexts that the JVM closes as it exits (the test-context
	 * cache's, each service's) to close first, so that their Kafka clients and Streams
	 * threads leave while the broker still answers them.
	 */
	private static void awaitTheServicesClosing() {
		long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
		Set<Thread> closing = new HashSet<>();
		// The JVM starts every shutdown hook at once, in no order: look for Spring's for
		// a moment.
		while (System.nanoTime() < until) {
			Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread != Thread.currentThread() && thread.getName().startsWith("Spring")
						&& thread.getName().endsWith("ShutdownHook"))
				.forEach(closing::add);
			LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
		}
		for (Thread hook : closing) {
			try {
				// Within surefire's 30 s for a fork to exit.
				hook.join(Duration.ofSeconds(15).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static void createTopics(String servers) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
			admin.createTopics(Topics.newTopics((short) 1)).all().get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not create Handoff's topics on the test broker", ex);
		}
	}

}
