package io.handoff.routing.roster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.handoff.events.CompactedTopicBook;
import io.handoff.events.Topic;
import io.handoff.test.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The book the sales organisation (and the agreements, and the webhook subscriptions) is kept in, on a real broker:
 * what is written from here stays, also while the book's follower is still reading older records of the same key.
 * (A rep import right after routing started was undone that way: the follower read the seed after it.)
 */
class CompactedTopicBookTests {

	@Test
	void aWriteIsNotUndoneByOlderRecordsTheFollowerReadsAfterItButNewerOnesAreRead() throws Exception {
		String servers = TestKafka.bootstrapServers();
		Topic<String> topic = new Topic<>("test.book." + UUID.randomUUID(), String.class, 1, true);
		try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", servers))) {
			admin.createTopics(List.of(topic.newTopic((short) 1))).all().get();
		}
		Map<String, Object> clients = Map.of("bootstrap.servers", servers);
		try (CompactedTopicBook<String> book = new CompactedTopicBook<>(topic, clients, clients);
				KafkaProducer<String, String> elsewhere = new KafkaProducer<>(clients, new StringSerializer(),
						new StringSerializer())) {
			// The follower takes its time over every change it reads, so it is still reading what another instance
			// wrote before when this book writes.
			book.onChange(() -> sleep(Duration.ofMillis(200)));
			for (int i = 0; i < 5_000; i++) {
				elsewhere.send(new ProducerRecord<>(topic.name(), "rep", "older-" + i));
			}
			elsewhere.flush();
			book.write(Map.of("rep", "written here"));

			Set<String> seen = new TreeSet<>();
			long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
			while (System.nanoTime() < until) {
				seen.add(book.get("rep").orElse("none"));
			}
			assertThat(seen).containsExactly("written here");

			elsewhere.send(new ProducerRecord<>(topic.name(), "rep", "written later elsewhere")).get();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(book.get("rep")).contains("written later elsewhere"));
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
