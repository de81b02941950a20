package io.handoff.events;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One topic: its name, the event it carries and how that event is written, in one place.
 *
 * @param name the topic's name
 * @param eventType the one event type the topic carries
 * @param partitions partition count
 * @param compacted whether the topic keeps only the latest value per key
 * @param <V> the event type
 */
public record Topic<V>(String name, Class<V> eventType, int partitions, boolean compacted) {

	/** Partitions of every topic unless said otherwise. */
	public static final int DEFAULT_PARTITIONS = 12;

	/**
	 * How long a topic that is not compacted (and every dead-letter topic) keeps its
	 * records: events carry personal data, and a lead erased is gone from them at the
	 * latest this long after its erasure (docs/security.md).
	 */
	public static final Duration EVENT_RETENTION = Duration.ofDays(7);

	/**
	 * Suffix of the dead-letter topic that holds what could not be processed from a
	 * topic.
	 */
	public static final String DEAD_LETTER_SUFFIX = ".dlq";

	/** The serde for the topic's values. */
	@SuppressWarnings("unchecked")
	public Serde<V> valueSerde() {
		if (this.eventType == String.class) {
			return (Serde<V>) Serdes.String();
		}
		return LeadEventsJson.serde(this.eventType);
	}

	/**
	 * The serde for the topic's values, for code that handles several topics' events as
	 * {@code Object}.
	 */
	@SuppressWarnings("unchecked")
	public Serde<Object> untypedSerde() {
		return (Serde<Object>) valueSerde();
	}

	/** The serde for the topic's keys. */
	public Serde<String> keySerde() {
		return Serdes.String();
	}

	/**
	 * The name of the dead-letter topic that takes what could not be processed from this
	 * one.
	 */
	public String deadLetter() {
		return this.name + DEAD_LETTER_SUFFIX;
	}

	/**
	 * The topic as the admin client creates it: compacted, or kept for
	 * {@link #EVENT_RETENTION}.
	 */
	public NewTopic newTopic(short replicationFactor) {
		NewTopic topic = new NewTopic(this.name, this.partitions, replicationFactor);
		return this.compacted
				? topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
				: topic.configs(retention());
	}

	/**
	 * The dead-letter topic as the admin client creates it: never compacted, same
	 * partitions, same retention.
	 */
	public NewTopic newDeadLetterTopic(short replicationFactor) {
		return new NewTopic(deadLetter(), this.partitions, replicationFactor).configs(retention());
	}

	/** The retention of an event or dead-letter topic, as topic configuration. */
	public static Map<String, String> retention() {
		return Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(EVENT_RETENTION.toMillis()));
	}

}
