package io.handoff.events;

import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Dead letters for Spring Kafka listeners (webhook and notification deliveries), as
 * {@link DeadLetters} writes them for Kafka Streams: the record, byte for byte, to
 * {@code <topic>.dlq} on the same partition, with where it came from, the stage and the
 * cause in headers.
 */
public final class ListenerDeadLetters {

	private ListenerDeadLetters() {
	}

	/**
	 * A recoverer for Spring Kafka listeners that writes what failed for good to
	 * {@code <topic>.dlq}, same partition, with the headers this class writes for Kafka
	 * Streams: where the record came from, the stage and the cause.
	 * @param kafka the template that writes the dead letters
	 * @param stage the step that failed, such as {@code delivery}
	 * @param extra more headers about the failure (for example which subscription), may
	 * add none
	 */
	public static DeadLetterPublishingRecoverer recoverer(KafkaOperations<?, ?> kafka, String stage,
			BiConsumer<ConsumerRecord<?, ?>, Headers> extra) {
		DeadLetters.registerAtZero();
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(record.topic() + Topic.DEAD_LETTER_SUFFIX, record.partition()));
		recoverer.setHeadersFunction((record, ex) -> {
			DeadLetters.counted(record.topic());
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			Headers headers = DeadLetters.origin(new RecordHeaders(), record.topic(), record.partition(),
					record.offset(), stage, cause);
			extra.accept(record, headers);
			return headers;
		});
		return recoverer;
	}

}
