package io.handoff.sla.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.handoff.events.Topics;
import io.handoff.events.streams.PolledInputEnds;
import io.handoff.test.MovableClock;
import io.handoff.test.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where sla-monitor's inputs end, asked of a real broker: each answer noted with the
 * moment it was asked.
 */
class PolledInputEndsTests {

	final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T12:00:00Z"));

	@Test
	void eachPartitionEndsWhereTheBrokerSaidNoEarlierThanTheMomentAskedAndWhatTheGroupCommittedCounts()
			throws Exception {
		String group = "polled-ends-" + UUID.randomUUID();
		PolledInputEnds ends = new PolledInputEnds(Map.of("bootstrap.servers", TestKafka.bootstrapServers()),
				List.of(Topics.LEADS_OUTCOMES), group, Duration.ofMillis(500), Duration.ofMinutes(10), this.clock);
		ends.start();
		try {
			// It asks in the background every tick; the clock stands still, so every
			// answer is of this moment.
			Instant first = this.clock.instant();
			await().atMost(Duration.ofSeconds(60)).until(() -> answered(ends, first));
			long before = total(ends, first);
			TestKafka.sendRaw(Topics.LEADS_OUTCOMES.name(), "lead-" + UUID.randomUUID(), "{}");
			this.clock.move(Duration.ofSeconds(1));
			await().atMost(Duration.ofSeconds(60))
				.until(() -> answered(ends, first.plusMillis(1)) && total(ends, first.plusMillis(1)) == before + 1);

			// Asked at the first moment, the partitions ended where they did; asked
			// later, one record further.
			assertThat(total(ends, first)).isEqualTo(before);
			// Nothing was asked after this moment yet: no answer, so a step due then
			// waits.
			assertThat(ends.endSince(Topics.LEADS_OUTCOMES.name(), 0, this.clock.instant().plusSeconds(1))).isEmpty();

			try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
				admin
					.alterConsumerGroupOffsets(group,
							Map.of(new TopicPartition(Topics.LEADS_OUTCOMES.name(), 3), new OffsetAndMetadata(0)))
					.all()
					.get();
			}
			await().atMost(Duration.ofSeconds(60))
				.until(() -> ends.committed(Topics.LEADS_OUTCOMES.name(), 3).isPresent());
			assertThat(ends.committed(Topics.LEADS_OUTCOMES.name(), 3)).hasValue(0);
			assertThat(ends.committed(Topics.LEADS_OUTCOMES.name(), 4)).isEmpty();
		}
		finally {
			ends.stop();
		}
	}

	private static boolean answered(PolledInputEnds ends, Instant at) {
		return IntStream.range(0, Topics.LEADS_OUTCOMES.partitions())
			.allMatch((partition) -> ends.endSince(Topics.LEADS_OUTCOMES.name(), partition, at).isPresent());
	}

	private static long total(PolledInputEnds ends, Instant at) {
		return IntStream.range(0, Topics.LEADS_OUTCOMES.partitions())
			.mapToObj((partition) -> ends.endSince(Topics.LEADS_OUTCOMES.name(), partition, at))
			.mapToLong(OptionalLong::getAsLong)
			.sum();
	}

}
