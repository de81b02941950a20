package io.handoff.routing.roster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.handoff.events.CompactedTopicBook;
import io.handoff.events.Topic;
import io.handoff.test.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The book the sales organisation (and the agreements, and the webhook subscriptions) is
 * kept in, on a real broker: what is written from here stays, also while the book's
 * follower is still reading older records of the same key. (A rep import right after
 * routing started was undone that way: the follower read the seed after it.)
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
		CountDownLatch following = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try (CompactedTopicBook<String> book = new CompactedTopicBook<>(topic, clients, clients);
				KafkaProducer<String, String> elsewhere = new KafkaProducer<>(clients, new StringSerializer(),
						new StringSerializer())) {
			// The follower stops after the first records it reads until this book has
			// written, so it still has older records of the key to read after the write.
			book.onChange(() -> {
				if (Thread.currentThread().getName().startsWith("book-")) {
					following.countDown();
					await(release);
				}
			});
			for (int i = 0; i < 5_000; i++) {
				elsewhere.send(new ProducerRecord<>(topic.name(), "rep", "older-" + i));
			}
			elsewhere.flush();
			assertThat(following.await(30, TimeUnit.SECONDS)).isTrue();
			book.write(Map.of("rep", "written here"));
			// Every value the book shows from now until the follower has read a later
			// record, read as often as can be.
			Set<String> seen = ConcurrentHashMap.newKeySet();
			AtomicBoolean watching = new AtomicBoolean(true);
			Thread watcher = new Thread(() -> {
				while (watching.get()) {
					seen.add(book.get("rep").orElse("none"));
				}
			});
			watcher.start();
			release.countDown();
			elsewhere.send(new ProducerRecord<>(topic.name(), "rep", "written later elsewhere")).get();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (!book.get("rep").orElse("none").equals("written later elsewhere") && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			watching.set(false);
			watcher.join();

			assertThat(book.get("rep")).contains("written later elsewhere");
			assertThat(new TreeSet<>(seen)).contains("written here")
				.isSubsetOf("written here", "written later elsewhere");
		}
		finally {
			release.countDown();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
