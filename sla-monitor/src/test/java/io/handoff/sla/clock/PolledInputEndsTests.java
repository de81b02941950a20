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
import io.handoff.test.MovableClock;
import io.handoff.test.TestKafka;

import static org.assertj.core.api.Assertions.assertThat;

/** Where sla-monitor's inputs end, asked of a real broker: each answer noted with the moment it was asked. */
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
			ends.poll();
			Instant first = this.clock.instant();
			long before = total(ends, first);
			TestKafka.sendRaw(Topics.LEADS_OUTCOMES.name(), "lead-" + UUID.randomUUID(), "{}");
			this.clock.move(Duration.ofSeconds(1));
			ends.poll();

			// Asked at the first moment, the partitions ended where they did; asked later, one record further.
			assertThat(total(ends, first)).isEqualTo(before);
			assertThat(total(ends, first.plusMillis(1))).isEqualTo(before + 1);
			// Nothing was asked after this moment yet: no answer, so a step due then waits.
			assertThat(ends.endSince(Topics.LEADS_OUTCOMES.name(), 0, this.clock.instant().plusSeconds(1))).isEmpty();

			try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
				admin.alterConsumerGroupOffsets(group,
						Map.of(new TopicPartition(Topics.LEADS_OUTCOMES.name(), 3), new OffsetAndMetadata(0)))
					.all()
					.get();
			}
			ends.poll();
			assertThat(ends.committed(Topics.LEADS_OUTCOMES.name(), 3)).hasValue(0);
			assertThat(ends.committed(Topics.LEADS_OUTCOMES.name(), 4)).isEmpty();
		}
		finally {
			ends.stop();
		}
	}

	private static long total(PolledInputEnds ends, Instant at) {
		return IntStream.range(0, Topics.LEADS_OUTCOMES.partitions())
			.mapToObj((partition) -> ends.endSince(Topics.LEADS_OUTCOMES.name(), partition, at))
			.mapToLong(OptionalLong::getAsLong)
			.sum();
	}

}
