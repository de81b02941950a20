package io.handoff.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.handoff.demo.DemoLeads;
import io.handoff.events.LeadEventsJson;
import io.handoff.test.TestKafka;

/**
 * The baselines Handoff is measured against, on one broker in one run: B0, Kafka's own
 * producer throughput (one producer, acks=all, idempotent, as fast as it goes); B1, a
 * plain-client relay of three hops (source topic → relay → relay → sink topic, 12
 * partitions each), at-least-once (commit after the writes are acknowledged) and
 * exactly-once (transactions, read-committed). Each record is a 1 KB JSON lead of the X
 * Education data set. For each: maximum throughput (records in, as fast as possible,
 * until the last is out) and latency percentiles at a fixed rate.
 *
 * <p>
 * Arguments:
 * {@code [records for throughput] [rate per second] [seconds at that rate] [bootstrap servers]};
 * without servers an embedded KRaft broker is started.
 */
public final class KafkaBaselines {

	static final int PARTITIONS = 12;

	private KafkaBaselines() {
	}

	public static void main(String[] args) throws Exception {
		int records = (args.length > 0) ? Integer.parseInt(args[0]) : 200_000;
		int rate = (args.length > 1) ? Integer.parseInt(args[1]) : 1000;
		int seconds = (args.length > 2) ? Integer.parseInt(args[2]) : 20;
		String servers = (args.length > 3) ? args[3] : TestKafka.bootstrapServers();
		List<byte[]> leads = leads();
		System.out.printf("%d leads of %d bytes each (mean), broker %s, %d partitions per topic%n", leads.size(),
				leads.stream().mapToInt((lead) -> lead.length).sum() / leads.size(), servers, PARTITIONS);
		List<String> table = new ArrayList<>();
		table.add(String.format("%-28s %14s %10s %10s %10s", "run", "max leads/s", "p50 ms", "p99 ms", "p99.9 ms"));
		double b0 = producerThroughput(servers, leads, records);
		table.add(String.format("%-28s %,14.0f %10s %10s %10s", "B0 producer (acks=all)", b0, "-", "-", "-"));
		for (boolean exactlyOnce : new boolean[] { false, true }) {
			Relay relay = new Relay(servers, exactlyOnce);
			double max = relay.throughput(leads, records);
			double[] latency = relay.latency(leads, rate, seconds);
			table.add(String.format("%-28s %,14.0f %10.1f %10.1f %10.1f",
					"B1 3-hop relay " + (exactlyOnce ? "exactly-once" : "at-least-once"), max, latency[0], latency[1],
					latency[2]));
			relay.close();
		}
		System.out.println();
		System.out.printf("Latency at %d leads/s for %d s, from the source producer's send to the sink consumer%n",
				rate, seconds);
		table.forEach(System.out::println);
		System.exit(0);
	}

	/**
	 * The X Education leads as intake's JSON, each padded to about 1 KB with notes made
	 * of the next leads' attributes: text that compresses as leads do (a run of one
	 * letter would make compressed batches unfairly small).
	 */
	static List<byte[]> leads() {
		List<DemoLeads.DemoLead> all = DemoLeads.all();
		List<byte[]> leads = new ArrayList<>();
		for (int i = 0; i < all.size(); i++) {
			Map<String, Object> form = new HashMap<>(all.get(i).form());
			int room = 1024 - LeadEventsJson.mapper().writeValueAsString(form).length() - 12;
			StringBuilder notes = new StringBuilder();
			for (int next = i + 1; notes.length() < room; next++) {
				all.get(next % all.size()).form().values().forEach((value) -> notes.append(value).append(' '));
			}
			form.put("notes", notes.substring(0, Math.max(0, room)));
			leads.add(LeadEventsJson.mapper().writeValueAsBytes(form));
		}
		return leads;
	}

	static double producerThroughput(String servers, List<byte[]> leads, int records) throws Exception {
		String topic = "bench.b0." + UUID.randomUUID().toString().substring(0, 8);
		createTopics(servers, topic);
		try (KafkaProducer<String, byte[]> producer = producer(servers, null)) {
			long started = System.nanoTime();
			for (int i = 0; i < records; i++) {
				producer.send(new ProducerRecord<>(topic, Integer.toString(i), leads.get(i % leads.size())));
			}
			producer.flush();
			return records / ((System.nanoTime() - started) / 1e9);
		}
	}

	static KafkaProducer<String, byte[]> producer(String servers, String transactionalId) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
		// As Handoff's services write (lead-events handoff-kafka.yml).
		config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
		if (transactionalId != null) {
			config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
		}
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	static KafkaConsumer<String, byte[]> consumer(String servers, String group, boolean readCommitted) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
		return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

	static void createTopics(String servers, String... topics) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
			admin
				.createTopics(Arrays.stream(topics).map((topic) -> new NewTopic(topic, PARTITIONS, (short) 1)).toList())
				.all()
				.get();
		}
	}

	/**
	 * Source topic → relay → relay → sink topic, with the same delivery settings as
	 * Handoff (acks=all, idempotence; transactions and read-committed when exactly-once).
	 * Each run uses fresh topics.
	 */
	static final class Relay {

		private final String servers;

		private final boolean exactlyOnce;

		private final List<Thread> threads = new ArrayList<>();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final String[] topics;

		Relay(String servers, boolean exactlyOnce) throws Exception {
			this.servers = servers;
			this.exactlyOnce = exactlyOnce;
			String run = UUID.randomUUID().toString().substring(0, 8);
			this.topics = new String[] { "bench.b1.in." + run, "bench.b1.mid." + run, "bench.b1.mid2." + run,
					"bench.b1.out." + run };
			createTopics(servers, this.topics);
			for (int hop = 0; hop < 3; hop++) {
				int from = hop;
				Thread relay = new Thread(
						() -> relay(this.topics[from], this.topics[from + 1], "hop" + from + "-" + run),
						"relay-" + hop);
				relay.start();
				this.threads.add(relay);
			}
		}

		private void relay(String from, String to, String name) {
			try (KafkaConsumer<String, byte[]> consumer = consumer(this.servers, name, this.exactlyOnce);
					KafkaProducer<String, byte[]> producer = producer(this.servers, this.exactlyOnce ? name : null)) {
				if (this.exactlyOnce) {
					producer.initTransactions();
				}
				consumer.subscribe(List.of(from));
				while (this.running.get()) {
					ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(100));
					if (batch.isEmpty()) {
						continue;
					}
					Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
					if (this.exactlyOnce) {
						producer.beginTransaction();
					}
					for (ConsumerRecord<String, byte[]> record : batch) {
						ProducerRecord<String, byte[]> out = new ProducerRecord<>(to, record.key(), record.value());
						record.headers().forEach((header) -> out.headers().add(header));
						producer.send(out);
						offsets.put(new TopicPartition(record.topic(), record.partition()),
								new OffsetAndMetadata(record.offset() + 1));
					}
					if (this.exactlyOnce) {
						producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
						producer.commitTransaction();
					}
					else {
						producer.flush();
						consumer.commitSync(offsets);
					}
				}
			}
		}

		/**
		 * Subscribes the sink to the last topic and waits until it has joined, placed
		 * after what is there now.
		 */
		private void joinAtEnd(KafkaConsumer<String, byte[]> sink) {
			sink.subscribe(List.of(this.topics[3]));
			while (sink.assignment().size() < PARTITIONS) {
				sink.poll(Duration.ofMillis(200));
			}
			sink.seekToEnd(sink.assignment());
			sink.assignment().forEach(sink::position);
		}

		/**
		 * Writes {@code records} as fast as possible; leads per second from the first
		 * send to the last arrival.
		 */
		double throughput(List<byte[]> leads, int records) throws Exception {
			try (KafkaConsumer<String, byte[]> sink = consumer(this.servers, "sink-" + UUID.randomUUID(),
					this.exactlyOnce); KafkaProducer<String, byte[]> source = producer(this.servers, null)) {
				// After what earlier rounds left: a fresh group would start at the
				// earliest and count those.
				joinAtEnd(sink);
				long started = System.nanoTime();
				for (int i = 0; i < records; i++) {
					source.send(new ProducerRecord<>(this.topics[0], Integer.toString(i), leads.get(i % leads.size())));
				}
				source.flush();
				long received = 0;
				while (received < records) {
					received += sink.poll(Duration.ofMillis(200)).count();
				}
				return records / ((System.nanoTime() - started) / 1e9);
			}
		}

		/**
		 * Sends at {@code rate} for {@code seconds}; p50, p99 and p99.9 from send to
		 * arrival, in milliseconds.
		 */
		double[] latency(List<byte[]> leads, int rate, int seconds) throws Exception {
			int total = rate * seconds;
			long[] latencies = new long[total];
			AtomicLong arrived = new AtomicLong();
			try (KafkaConsumer<String, byte[]> sink = consumer(this.servers, "sink-" + UUID.randomUUID(),
					this.exactlyOnce); KafkaProducer<String, byte[]> source = producer(this.servers, null)) {
				joinAtEnd(sink);
				Thread reader = new Thread(() -> {
					while (arrived.get() < total) {
						for (ConsumerRecord<String, byte[]> record : sink.poll(Duration.ofMillis(100))) {
							Header sent = record.headers().lastHeader("sent-nanos");
							if (sent != null) {
								long index = arrived.getAndIncrement();
								if (index < total) {
									latencies[(int) index] = System.nanoTime()
											- ByteBuffer.wrap(sent.value()).getLong();
								}
							}
						}
					}
				});
				reader.start();
				long started = System.nanoTime();
				for (int i = 0; i < total; i++) {
					until(started + (long) (i * (1e9 / rate)));
					ProducerRecord<String, byte[]> record = new ProducerRecord<>(this.topics[0], Integer.toString(i),
							leads.get(i % leads.size()));
					record.headers().add("sent-nanos", ByteBuffer.allocate(8).putLong(System.nanoTime()).array());
					source.send(record);
				}
				source.flush();
				reader.join(Duration.ofSeconds(60).toMillis());
			}
			long[] sorted = Arrays.copyOf(latencies, (int) Math.min(arrived.get(), total));
			Arrays.sort(sorted);
			return new double[] { percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 0.999) };
		}

		private static double percentile(long[] sorted, double share) {
			if (sorted.length == 0) {
				return Double.NaN;
			}
			return sorted[(int) Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] / 1e6;
		}

		void close() throws InterruptedException {
			this.running.set(false);
			for (Thread thread : this.threads) {
				thread.join();
			}
		}

	}

	/**
	 * Waits until {@code nanoTime} comes, asleep: a sender spinning would take one of the
	 * two cores from what it measures.
	 */
	static void until(long nanoTime) {
		for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
	}

}
