package io.handoff.events.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.handoff.events.Ticker;
import io.handoff.events.Topic;

/**
 * {@link InputEnds} as the broker reports them: every tick, the end offset of each
 * partition of the topics asked about (read committed), noted with the moment the
 * question was sent and kept for longer than anything waits for them, and how far the
 * Streams application has committed its reading of them. A partition the broker did not
 * answer for has no recent end, so what waits for it waits on (at most its longest wait).
 */
public final class PolledInputEnds implements InputEnds, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PolledInputEnds.class);

	private final Map<String, Object> adminConfig;

	private final List<Topic<?>> topics;

	private final Duration every;

	private final Clock clock;

	private final Map<TopicPartition, Deque<Seen>> seen = new ConcurrentHashMap<>();

	private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();

	/** The Streams application whose committed reading is asked for (its group id). */
	private final String group;

	/**
	 * How many answers are kept per partition: a little more than the longest wait.
	 */
	private final int kept;

	private volatile Instant warned = Instant.EPOCH;

	private final Ticker poller;

	private volatile Admin admin;

	/** The partitions of the topics, once the broker has described them. */
	private volatile Map<TopicPartition, OffsetSpec> partitions = Map.of();

	/**
	 * Asks, every {@code every} once started, where each partition of {@code topics} ends
	 * and how far the Streams application {@code group} (its application id) has
	 * committed its reading of them; answers are kept for a little more than
	 * {@code longestWait}.
	 */
	public PolledInputEnds(Map<String, Object> adminConfig, List<Topic<?>> topics, String group, Duration every,
			Duration longestWait, Clock clock) {
		this.adminConfig = Map.copyOf(adminConfig);
		this.topics = List.copyOf(topics);
		this.group = group;
		this.every = every;
		this.kept = (int) Math.min(100_000, longestWait.toMillis() / Math.max(1, every.toMillis()) * 5 / 4 + 10);
		this.poller = new Ticker(group + "-input-ends", Duration.ZERO, every, this::poll);
		this.clock = clock;
	}

	@Override
	public OptionalLong committed(String topic, int partition) {
		Long offset = this.committed.get(new TopicPartition(topic, partition));
		return (offset != null) ? OptionalLong.of(offset) : OptionalLong.empty();
	}

	@Override
	public OptionalLong endSince(String topic, int partition, Instant at) {
		Deque<Seen> answers = this.seen.get(new TopicPartition(topic, partition));
		if (answers == null) {
			return OptionalLong.empty();
		}
		synchronized (answers) {
			// The earliest answer asked at or after `at` covers every write acknowledged
			// before it. Searched from the newest back: what waits is recent, so this
			// takes a step or two, not the whole history.
			Seen earliest = null;
			for (Iterator<Seen> newestFirst = answers.descendingIterator(); newestFirst.hasNext();) {
				Seen answer = newestFirst.next();
				if (answer.askedAt().isBefore(at)) {
					break;
				}
				earliest = answer;
			}
			return (earliest != null) ? OptionalLong.of(earliest.end()) : OptionalLong.empty();
		}
	}

	/** Asks the broker where each partition ends now. */
	void poll() {
		Instant asked = this.clock.instant();
		try {
			if (this.partitions.isEmpty()) {
				Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
				this.admin.describeTopics(this.topics.stream().map(Topic::name).toList())
					.allTopicNames()
					.get(answerWithin(), TimeUnit.MILLISECONDS)
					.values()
					.forEach((topic) -> topic.partitions()
						.forEach((info) -> partitions.put(new TopicPartition(topic.name(), info.partition()),
								OffsetSpec.latest())));
				this.partitions = Map.copyOf(partitions);
			}
			this.admin.listOffsets(this.partitions, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
				.all()
				.get(answerWithin(), TimeUnit.MILLISECONDS)
				.forEach((partition, info) -> note(partition, new Seen(asked, info.offset())));
			this.admin.listConsumerGroupOffsets(this.group)
				.partitionsToOffsetAndMetadata()
				.get(answerWithin(), TimeUnit.MILLISECONDS)
				.forEach((partition, offset) -> {
					if (offset != null && this.partitions.containsKey(partition)) {
						this.committed.put(partition, offset.offset());
					}
				});
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// What waits for an answer waits until the broker answers again (or its
			// wait runs out): said once a minute at most.
			if (Duration.between(this.warned, asked).toMinutes() >= 1) {
				this.warned = asked;
				logger.warn("Could not read where the inputs of {} end, so what waits for them waits on: {}",
						this.group, ex.toString());
			}
		}
	}

	/**
	 * How long one question to the broker may take: a few ticks, and never less than 5 s.
	 */
	private long answerWithin() {
		return Math.max(this.every.toMillis() * 4, 5_000);
	}

	private void note(TopicPartition partition, Seen answer) {
		Deque<Seen> answers = this.seen.computeIfAbsent(partition, (key) -> new ArrayDeque<>());
		synchronized (answers) {
			answers.addLast(answer);
			while (answers.size() > this.kept) {
				answers.removeFirst();
			}
		}
	}

	@Override
	public void start() {
		this.admin = Admin.create(this.adminConfig);
		this.poller.start();
	}

	@Override
	public void stop() {
		if (this.poller.isRunning()) {
			this.poller.stop();
			this.admin.close(Duration.ofSeconds(5));
		}
	}

	@Override
	public boolean isRunning() {
		return this.poller.isRunning();
	}

	/** Started before the Streams application, so its first ticks find answers. */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

	private record Seen(Instant askedAt, long end) {
	}

}
