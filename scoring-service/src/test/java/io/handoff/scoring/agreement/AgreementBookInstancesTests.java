package io.handoff.scoring.agreement;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;

import io.handoff.events.CompactedTopicBook;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAgreement.Party;
import io.handoff.events.Topic;
import io.handoff.scoring.Agreements;
import io.handoff.test.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agreement books of two scoring instances on one topic of a real broker, as on a
 * cluster: both read every change, and a change decided from what the topic holds is
 * taken once, however the two race.
 */
class AgreementBookInstancesTests {

	final Topic<LeadAgreement> topic = new Topic<>("test.agreements." + UUID.randomUUID(), LeadAgreement.class, 1,
			true);

	AgreementBook first;

	AgreementBook second;

	@BeforeEach
	void twoInstances() throws Exception {
		try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", TestKafka.bootstrapServers()))) {
			admin.createTopics(List.of(this.topic.newTopic((short) 1))).all().get();
		}
		this.first = book();
		this.second = book();
		this.first.start();
		this.second.start();
	}

	@AfterEach
	void stop() {
		this.first.stop();
		this.second.stop();
	}

	@Test
	void bothStartOnTheOneStarterAndReadEachOthersChanges() {
		assertThat(this.first.all()).hasSize(1);
		assertThat(this.second.all()).hasSize(1);
		LeadAgreement draft = this.first.draft(Agreements.starter(), "marketing-ops");
		await().atMost(Duration.ofSeconds(30))
			.ignoreException(LifecycleException.class)
			.untilAsserted(() -> assertThat(this.second.get(draft.agreementId())).isEqualTo(draft));
	}

	@RepeatedTest(4)
	void draftsRacingFromTwoInstancesNeverTakeTheSameVersion() throws Exception {
		List<Callable<LeadAgreement>> drafts = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			AgreementBook book = (i % 2 == 0) ? this.first : this.second;
			drafts.add(() -> book.draft(Agreements.starter(), "marketing-ops"));
		}
		List<Object> outcomes = race(drafts);
		List<Integer> versions = outcomes.stream()
			.filter(LeadAgreement.class::isInstance)
			.map((agreement) -> ((LeadAgreement) agreement).version())
			.toList();
		assertThat(versions).doesNotHaveDuplicates().isNotEmpty();
		assertThat(outcomes).allSatisfy(AgreementBookInstancesTests::draftedOrRefused);
		// Refused changes were not written; one whose commit was in doubt may have been
		// (and then under a version of its own).
		long inDoubt = outcomes.stream()
			.filter((outcome) -> outcome instanceof CompactedTopicBook.WriteFailedException failed
					&& failed.mayHaveBeenWritten())
			.count();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.first.all()).extracting(LeadAgreement::version)
				.doesNotHaveDuplicates()
				.containsAll(versions)
				.hasSizeBetween(1 + versions.size(), 1 + versions.size() + (int) inDoubt);
			assertThat(this.second.all()).isEqualTo(this.first.all());
		});
	}

	@Test
	void twoInstancesActivatingTheSameSignedDraftActivateItOnce() throws Exception {
		LeadAgreement draft = this.first.draft(Agreements.starter(), "marketing-ops");
		this.first.sign(draft.agreementId(), Party.MARKETING, "marketing-ops", Set.of("MARKETING_OPS"));
		this.first.sign(draft.agreementId(), Party.SALES, "sales-ops", Set.of("SALES_OPS"));
		await().atMost(Duration.ofSeconds(30))
			.ignoreException(LifecycleException.class)
			.until(() -> this.second.get(draft.agreementId()).signatures().size() == 2);

		List<Object> outcomes = race(List.of(() -> this.first.activate(draft.agreementId()),
				() -> this.second.activate(draft.agreementId())));

		// One activates it; the other is refused, or told its commit is in doubt (then
		// the one may be it).
		assertThat(outcomes).allSatisfy(AgreementBookInstancesTests::draftedOrRefused);
		assertThat(outcomes).filteredOn(LeadAgreement.class::isInstance).hasSizeLessThanOrEqualTo(1);
		if (outcomes.stream().noneMatch(LeadAgreement.class::isInstance)) {
			assertThat(outcomes).anySatisfy((outcome) -> assertThat(outcome).isInstanceOfSatisfying(
					CompactedTopicBook.WriteFailedException.class,
					(failed) -> assertThat(failed.mayHaveBeenWritten()).isTrue()));
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.first.active().agreementId()).isEqualTo(draft.agreementId());
			assertThat(this.second.active().agreementId()).isEqualTo(draft.agreementId());
		});
		assertThat(this.first.all()).filteredOn((agreement) -> agreement.status() == LeadAgreement.Status.ACTIVE)
			.hasSize(1);
	}

	/**
	 * An agreement, or a refusal: {@code 409} (fenced before committing), or the broker
	 * failing or not confirming the commit ({@code 503} over HTTP; Kafka 4.1's
	 * coordinator answers a commit racing a fence with an error of its own). Anything
	 * else fails with its whole stack trace.
	 */
	private static void draftedOrRefused(Object outcome) {
		if (outcome instanceof LeadAgreement || outcome instanceof CompactedTopicBook.WriteFailedException) {
			return;
		}
		if (!(outcome instanceof LifecycleException refused) || refused.status() != HttpStatus.CONFLICT) {
			throw new AssertionError("Expected an agreement, a 409 or a write the broker failed, got " + outcome,
					(Throwable) outcome);
		}
	}

	/** Runs every call at once; each outcome is the call's answer or what it threw. */
	private static List<Object> race(List<Callable<LeadAgreement>> calls) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(calls.size());
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Object>> futures = new ArrayList<>();
			for (Callable<LeadAgreement> call : calls) {
				futures.add(threads.submit(() -> {
					go.await();
					try {
						return call.call();
					}
					catch (RuntimeException ex) {
						return ex;
					}
				}));
			}
			go.countDown();
			List<Object> outcomes = new ArrayList<>();
			for (Future<Object> future : futures) {
				outcomes.add(future.get());
			}
			return outcomes;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private AgreementBook book() {
		KafkaProperties kafka = new KafkaProperties();
		kafka.setBootstrapServers(List.of(TestKafka.bootstrapServers()));
		return new AgreementBook(kafka, this.topic, this.topic.name() + "-writer",
				new ClassPathResource("agreement/starter-agreement.json"), Clock.systemUTC());
	}

}
