package io.handoff.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a record goes that a service cannot read or cannot process: the dead-letter topic
 * of the topic it came from ({@code <topic>.dlq}), byte for byte as it was, with its
 * origin and the error in headers; processing goes on. Configured as the
 * {@code deserialization.exception.handler}, the {@code processing.exception.handler} and
 * the {@code production.exception.handler} of every Kafka Streams service: a record whose
 * result cannot be serialized sends the record it came from to its dead-letter topic
 * rather than stopping the stream thread. A failure with no source record (a punctuation,
 * a store's cache flushed on commit) stops the task instead, so the transaction rolls
 * back and nothing is lost; so does a result the broker refused (see
 * {@link #handle(ErrorHandlerContext, ProducerRecord, Exception)}), and a retriable write
 * failure is retried.
 */
public class DeadLetters
		implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {

	/** The topic the record was read from. */
	public static final String ORIGINAL_TOPIC = "handoff.dlq.original-topic";

	/** Its partition there. */
	public static final String ORIGINAL_PARTITION = "handoff.dlq.original-partition";

	/** Its offset there. */
	public static final String ORIGINAL_OFFSET = "handoff.dlq.original-offset";

	/** {@code deserialization}, {@code processing} or {@code serialization}. */
	public static final String STAGE = "handoff.dlq.stage";

	/** The exception's class. */
	public static final String ERROR_CLASS = "handoff.dlq.error-class";

	/** The exception's message, with its causes. */
	public static final String ERROR_MESSAGE = "handoff.dlq.error-message";

	private static final Logger logger = LoggerFactory.getLogger(DeadLetters.class);

	private static final Map<String, Producer<byte[], byte[]>> producers = new ConcurrentHashMap<>();

	private @Nullable Producer<byte[], byte[]> producer;

	/**
	 * Takes the Kafka Streams application's own client settings (servers, TLS, SASL,
	 * {@code producer.} overrides), so the dead letters reach a secured cluster as the
	 * application's records do; one producer per application, closed with it
	 * ({@link #closeFor}).
	 */
	@Override
	public void configure(Map<String, ?> configs) {
		Map<String, Object> settings = producerSettings(configs);
		this.producer = producers.computeIfAbsent(String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG)),
				(application) -> new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer()));
		registerAtZero();
	}

	/**
	 * The dead-letter producer's settings from a Streams application's: every producer
	 * setting it names, plain or {@code producer.}-prefixed (the prefixed win), without
	 * its transactions or request size limit; every acknowledgement awaited.
	 */
	static Map<String, Object> producerSettings(Map<String, ?> streams) {
		Set<String> names = ProducerConfig.configNames();
		Map<String, Object> settings = new HashMap<>();
		streams.forEach((name, value) -> {
			if (names.contains(name) && value != null) {
				settings.put(name, value);
			}
		});
		streams.forEach((name, value) -> {
			String plain = name.startsWith(StreamsConfig.PRODUCER_PREFIX)
					? name.substring(StreamsConfig.PRODUCER_PREFIX.length()) : null;
			if (plain != null && names.contains(plain) && value != null) {
				settings.put(plain, value);
			}
		});
		settings.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		settings.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
		settings.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
		settings.remove(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
		// A dead letter is a record the broker already took, with a few headers: the
		// application's own request limit (which may be what its result exceeded) does
		// not apply to it.
		settings.remove(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
		settings.put(ProducerConfig.ACKS_CONFIG, "all");
		settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		settings.put(ProducerConfig.CLIENT_ID_CONFIG,
				streams.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-dead-letters");
		return settings;
	}

	/**
	 * Closes the dead-letter producer of the Streams application {@code applicationId},
	 * when it stops.
	 */
	public static void closeFor(String applicationId) {
		Producer<byte[], byte[]> producer = producers.remove(applicationId);
		if (producer != null) {
			producer.close(Duration.ofSeconds(5));
		}
	}

	/**
	 * Registers the dead-letter counter of every topic at zero (in Micrometer's global
	 * registry, which Spring Boot's registry joins), so "no dead letters yet" reads as
	 * zero on a dashboard rather than as no such metric.
	 */
	public static void registerAtZero() {
		Topics.ALL.forEach((topic) -> counter(topic.name()));
	}

	/** One more record of {@code topic} written to its dead-letter topic. */
	static void counted(String topic) {
		counter(topic).increment();
	}

	private static Counter counter(String topic) {
		return Counter.builder("handoff.dead-letters")
			.description("Records that could not be processed and went to the topic's dead-letter topic")
			.tag("topic", topic)
			.register(Metrics.globalRegistry);
	}

	@Override
	public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
			Exception exception) {
		boolean written = send(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
				record.headers(), "deserialization", exception);
		return written ? DeserializationHandlerResponse.CONTINUE : DeserializationHandlerResponse.FAIL;
	}

	@Override
	public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
		if (context.topic() == null || context.sourceRawValue() == null) {
			logger.error("Processing failed outside a source record (in {}); stopping the task so it is retried",
					context.processorNodeId(), exception);
			return ProcessingHandlerResponse.FAIL;
		}
		boolean written = send(context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
				context.sourceRawValue(), context.headers(), "processing", exception);
		return written ? ProcessingHandlerResponse.CONTINUE : ProcessingHandlerResponse.FAIL;
	}

	/**
	 * A result the producer could not send: retried when the failure is retriable, else
	 * the task stops. It is not dead-lettered and skipped, because every Handoff Streams
	 * service runs exactly-once: a send that failed leaves the transaction unable to
	 * commit (seen with a result over {@code max.request.size} on Kafka 4.1), so skipping
	 * would only write the dead letter again on every retry. Results stay small because
	 * what enters is bounded (a lead at most 64 KiB at intake, against the broker's 1
	 * MiB).
	 */
	@Override
	public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
			Exception exception) {
		if (exception instanceof RetriableException) {
			return ProductionExceptionHandlerResponse.RETRY;
		}
		logger.error("Could not write a record to {} (in {}); stopping the task", record.topic(),
				context.processorNodeId(), exception);
		return ProductionExceptionHandlerResponse.FAIL;
	}

	/**
	 * A result that cannot be serialized: the record it came from goes to its dead
	 * letters; without one, stop.
	 */
	@Override
	@SuppressWarnings("rawtypes")
	public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
			ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
		if (context.topic() == null || context.sourceRawValue() == null) {
			logger.error("Could not serialize a record for {} (in {}); stopping the task", record.topic(),
					context.processorNodeId(), exception);
			return ProductionExceptionHandlerResponse.FAIL;
		}
		return response(send(context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
				context.sourceRawValue(), context.headers(), "serialization", exception));
	}

	private static ProductionExceptionHandlerResponse response(boolean written) {
		return written ? ProductionExceptionHandlerResponse.CONTINUE : ProductionExceptionHandlerResponse.FAIL;
	}

	private boolean send(String topic, int partition, long offset, byte @Nullable [] key, byte @Nullable [] value,
			Headers original, String stage, Exception exception) {
		Headers headers = origin(new RecordHeaders(original.toArray()), topic, partition, offset, stage, exception);
		String deadLetter = topic + Topic.DEAD_LETTER_SUFFIX;
		try {
			this.producer.send(new ProducerRecord<>(deadLetter, null, key, value, headers)).get(30, TimeUnit.SECONDS);
			// The message may quote the record (an email, a phone number): it goes to the
			// dead letter's headers, and the log says only where and which kind of
			// failure, keyed by the lead.
			logger.atWarn()
				.addKeyValue("leadId", (key != null) ? new String(key, StandardCharsets.UTF_8) : null)
				.addKeyValue("topic", topic)
				.log("Record {}-{}@{} failed in {} ({}) and went to {}", topic, partition, offset, stage,
						exception.getClass().getSimpleName(), deadLetter);
			counted(topic);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException | TimeoutException ex) {
			// Without its dead letter the record must not be skipped: fail, and it is
			// read again after restart.
			logger.error("Could not write record {}-{}@{} to {}; stopping the task", topic, partition, offset,
					deadLetter, ex);
			return false;
		}
	}

	/** {@code headers} with where a record came from, the stage that failed and why. */
	static Headers origin(Headers headers, String topic, int partition, long offset, String stage, Throwable cause) {
		header(headers, ORIGINAL_TOPIC, topic);
		header(headers, ORIGINAL_PARTITION, Integer.toString(partition));
		header(headers, ORIGINAL_OFFSET, Long.toString(offset));
		header(headers, STAGE, stage);
		header(headers, ERROR_CLASS, cause.getClass().getName());
		header(headers, ERROR_MESSAGE, messages(cause));
		return headers;
	}

	/** Adds a text header. */
	public static void header(Headers headers, String name, String value) {
		headers.remove(name);
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	private static String messages(Throwable exception) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (!messages.isEmpty()) {
				messages.append(" <- ");
			}
			messages.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
		}
		return messages.toString();
	}

}
