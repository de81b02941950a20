package io.handoff.console.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import io.handoff.console.review.MailingLedger.Entry;
import io.handoff.console.review.MailingLedger.Kind;
import io.handoff.test.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;

class MailingLedgerTests {

	static final Instant MONDAY = Instant.parse("2026-11-30T07:00:00Z");

	static final String REVIEW = "weekly:2026-11-23";

	@Test
	void theFirstClaimHoldsTheReviewUntilItsHolderSaysItSent() {
		List<Entry> entries = List.of(claim("a", MONDAY), claim("b", MONDAY.plusSeconds(1)));

		MailingLedger.Standing standing = MailingLedger.standing(entries);

		assertThat(standing.holder()).isEqualTo("a");
		assertThat(standing.sendsNow("a", MONDAY.plusSeconds(2))).isTrue();
		assertThat(standing.sendsNow("b", MONDAY.plusSeconds(2))).isFalse();
		assertThat(standing.claimable(MONDAY.plusSeconds(2))).isFalse();
		MailingLedger.Standing sent = MailingLedger.standing(List.of(claim("a", MONDAY),
				claim("b", MONDAY.plusSeconds(1)), new Entry(REVIEW, Kind.SENT, "a", MONDAY.plusSeconds(5))));
		assertThat(sent.sent()).isTrue();
		assertThat(sent.claimable(MONDAY.plus(MailingLedger.LEASE).plusSeconds(60))).isFalse();
	}

	@Test
	void aHolderSilentPastItsLeaseLosesTheReviewToTheNextClaimAndCannotSendAnyMore() {
		Instant late = MONDAY.plus(MailingLedger.LEASE).plusSeconds(1);
		assertThat(MailingLedger.standing(List.of(claim("a", MONDAY))).claimable(late)).isTrue();
		assertThat(MailingLedger.standing(List.of(claim("a", MONDAY))).sendsNow("a", late)).isFalse();

		MailingLedger.Standing taken = MailingLedger.standing(List.of(claim("a", MONDAY), claim("b", late)));

		assertThat(taken.holder()).isEqualTo("b");
		MailingLedger.Standing sentLate = MailingLedger.standing(
				List.of(claim("a", MONDAY), claim("b", late), new Entry(REVIEW, Kind.SENT, "a", late.plusSeconds(1))));
		assertThat(sentLate.sent()).as("the old holder sent all the same: the new one does not send again").isTrue();
		assertThat(sentLate.sendsNow("b", late.plusSeconds(2))).isFalse();
		assertThat(MailingLedger.standing(List.of(new Entry(REVIEW, Kind.SENT, "x", MONDAY))).sent())
			.as("a sent without a claim before it is no one's")
			.isFalse();
	}

	@Test
	void fourInstancesRacingOnARealBrokerAgreeOnOneSender() throws Exception {
		String topic = "console.review-mailings-" + UUID.randomUUID();
		Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
		LedgerTopic.create(topic, client);
		ExecutorService instances = Executors.newFixedThreadPool(4);
		// All four read the empty ledger before any claims, so all four claim.
		CyclicBarrier together = new CyclicBarrier(4);
		List<Future<Boolean>> sends = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String instance = "console-" + i;
			Callable<Boolean> offer = () -> {
				try (LedgerTopic ledger = new LedgerTopic(topic, client)) {
					Instant now = Instant.now();
					boolean claimable = MailingLedger.standing(ledger.entries(REVIEW)).claimable(now);
					together.await();
					if (claimable) {
						ledger.append(new Entry(REVIEW, Kind.CLAIM, instance, now));
					}
					together.await();
					boolean holds = MailingLedger.standing(ledger.entries(REVIEW)).sendsNow(instance, Instant.now());
					if (holds) {
						ledger.append(new Entry(REVIEW, Kind.SENT, instance, Instant.now()));
					}
					return holds;
				}
			};
			sends.add(instances.submit(offer));
		}
		int senders = 0;
		for (Future<Boolean> send : sends) {
			senders += send.get() ? 1 : 0;
		}
		instances.shutdown();

		assertThat(senders).isEqualTo(1);
		try (LedgerTopic ledger = new LedgerTopic(topic, client)) {
			assertThat(ledger.entries(REVIEW).stream().filter((entry) -> entry.kind() == Kind.CLAIM)).hasSize(4);
			assertThat(MailingLedger.standing(ledger.entries(REVIEW)).sent()).isTrue();
			assertThat(ledger.entries("weekly:2026-11-16")).isEmpty();
		}
	}

	@Test
	void aLedgerOfSeveralPartitionsIsRefusedForItsOrderWouldNotBeOne() throws Exception {
		String topic = "console.review-mailings-" + UUID.randomUUID();
		Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
		try (Admin admin = Admin.create(client)) {
			admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
		}

		Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> LedgerTopic.create(topic, client))
			.withMessageContaining("has 3 partitions; it needs exactly one");
	}

	private static Entry claim(String instance, Instant at) {
		return new Entry(REVIEW, Kind.CLAIM, instance, at);
	}

}
