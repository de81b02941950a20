package io.handoff.intake.publishing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import io.handoff.events.Topic;
import io.handoff.events.Topics;

/**
 * Writes accepted events to their topic, keyed by lead, and returns only when the broker
 * acknowledged them ({@code acks=all}, idempotent producer): intake never claims an event
 * it could lose. Behind a circuit breaker: while Kafka is unreachable, requests are
 * refused at once with 503 instead of each waiting for a timeout.
 */
@Component
public class EventPublisher {

	/** The circuit breaker's name in {@code resilience4j.circuitbreaker.instances}. */
	public static final String BREAKER = "kafka";

	private final KafkaTemplate<String, Object> kafka;

	private final MeterRegistry meters;

	private final CircuitBreaker breaker;

	private final Duration acknowledgementTimeout;

	private final ObjectProvider<Tracer> tracer;

	private final ObjectProvider<Propagator> propagator;

	public EventPublisher(KafkaTemplate<String, Object> kafka, MeterRegistry meters, CircuitBreakerRegistry breakers,
			Settings settings, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.kafka = kafka;
		this.tracer = tracer;
		this.propagator = propagator;
		this.meters = meters;
		this.breaker = breakers.circuitBreaker(BREAKER);
		this.acknowledgementTimeout = settings.acknowledgementTimeout();
		// Registered at zero, so an alert on 503s sees "none yet" rather than "no such
		// metric".
		meters.counter("handoff.intake.refused.broker-unavailable", "topic", Topics.LEADS_RECEIVED.name());
	}

	/**
	 * Writes {@code event} to {@code topic} under {@code leadId} and waits for the
	 * broker's acknowledgement.
	 * @throws BrokerUnavailableException when the broker did not acknowledge, or is known
	 * to be unreachable
	 */
	public <V> void publish(Topic<V> topic, UUID leadId, V event) {
		List<Boolean> written = publishAll(topic, List.of(event), (ignored) -> leadId);
		if (!written.get(0)) {
			throw new BrokerUnavailableException(topic, null);
		}
	}

	/**
	 * Writes every event, keyed by {@code leadId}, and waits for all acknowledgements at
	 * once.
	 * @return for each event, in order, whether the broker acknowledged it
	 * @throws BrokerUnavailableException when the broker is known to be unreachable
	 * (nothing was sent)
	 */
	public <V> List<Boolean> publishAll(Topic<V> topic, List<V> events, Function<V, UUID> leadId) {
		if (events.isEmpty()) {
			return List.of();
		}
		try {
			return this.breaker.executeSupplier(() -> sendAll(topic, events, leadId));
		}
		catch (CallNotPermittedException ex) {
			this.meters.counter("handoff.intake.refused.broker-unavailable", "topic", topic.name()).increment();
			throw new BrokerUnavailableException(topic, ex);
		}
	}

	/**
	 * The trace context of the request (W3C traceparent) on the record, so the lead's
	 * path can be followed.
	 */
	private void traceContext(Headers headers) {
		Tracer tracer = this.tracer.getIfAvailable();
		Propagator propagator = this.propagator.getIfAvailable();
		TraceContext context = (tracer != null) ? tracer.currentTraceContext().context() : null;
		if (propagator != null && context != null) {
			propagator.inject(context, headers,
					(carrier, key, value) -> carrier.remove(key).add(key, value.getBytes(StandardCharsets.UTF_8)));
		}
	}

	private <V> List<Boolean> sendAll(Topic<V> topic, List<V> events, Function<V, UUID> leadId) {
		List<CompletableFuture<SendResult<String, Object>>> sent = new ArrayList<>();
		for (V event : events) {
			try {
				ProducerRecord<String, Object> record = new ProducerRecord<>(topic.name(),
						leadId.apply(event).toString(), event);
				traceContext(record.headers());
				sent.add(this.kafka.send(record));
			}
			catch (RuntimeException ex) {
				// No metadata within max.block.ms: the broker is unreachable, and the
				// send never started.
				sent.add(CompletableFuture.failedFuture(ex));
			}
		}
		long deadline = System.nanoTime() + this.acknowledgementTimeout.toNanos();
		List<Boolean> written = new ArrayList<>();
		Exception failure = null;
		for (CompletableFuture<SendResult<String, Object>> future : sent) {
			try {
				future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				written.add(true);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new BrokerUnavailableException(topic, ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				written.add(false);
				failure = ex;
			}
		}
		long acknowledged = written.stream().filter(Boolean::booleanValue).count();
		this.meters.counter("handoff.intake.accepted", "topic", topic.name()).increment(acknowledged);
		if (failure != null) {
			this.meters.counter("handoff.intake.unacknowledged", "topic", topic.name())
				.increment(written.size() - acknowledged);
			if (acknowledged == 0) {
				// Counts against the circuit breaker: the broker acknowledged nothing.
				throw new BrokerUnavailableException(topic, failure);
			}
		}
		return written;
	}

	/**
	 * How long a request waits for the broker.
	 *
	 * @param acknowledgementTimeout the longest wait for acknowledgements before
	 * answering 503
	 * @param deliveryTimeout how long Kafka's producer tries to deliver one event
	 * (shorter than the above, so the answer is the broker's)
	 */
	@ConfigurationProperties("handoff.intake")
	public record Settings(Duration acknowledgementTimeout, Duration deliveryTimeout) {

		public Settings {
			acknowledgementTimeout = (acknowledgementTimeout != null) ? acknowledgementTimeout : Duration.ofSeconds(15);
			deliveryTimeout = (deliveryTimeout != null) ? deliveryTimeout : Duration.ofSeconds(10);
		}

	}

}
