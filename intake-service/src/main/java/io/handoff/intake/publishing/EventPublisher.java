package io.handoff.intake.publishing;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.handoff.events.Topic;

/**
 * Writes an accepted event to its topic, keyed by lead, and returns only when the broker acknowledged it
 * ({@code acks=all}, idempotent producer): intake never claims an event it could lose.
 */
@Component
public class EventPublisher {

	private final KafkaTemplate<String, Object> kafka;

	private final MeterRegistry meters;

	private final Duration acknowledgementTimeout;

	public EventPublisher(KafkaTemplate<String, Object> kafka, MeterRegistry meters, Settings settings) {
		this.kafka = kafka;
		this.meters = meters;
		this.acknowledgementTimeout = settings.acknowledgementTimeout();
	}

	/**
	 * Writes {@code event} to {@code topic} under {@code leadId} and waits for the broker's acknowledgement.
	 * @throws BrokerUnavailableException when the broker did not acknowledge in time
	 */
	public <V> void publish(Topic<V> topic, UUID leadId, V event) {
		try {
			this.kafka.send(topic.name(), leadId.toString(), event)
				.get(this.acknowledgementTimeout.toMillis(), TimeUnit.MILLISECONDS);
			this.meters.counter("handoff.intake.accepted", "topic", topic.name()).increment();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BrokerUnavailableException(topic, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			this.meters.counter("handoff.intake.unacknowledged", "topic", topic.name()).increment();
			throw new BrokerUnavailableException(topic, ex);
		}
	}

	/**
	 * How long a request waits for the broker.
	 *
	 * @param acknowledgementTimeout the longest wait for an acknowledgement before answering 503
	 */
	@ConfigurationProperties("handoff.intake")
	public record Settings(Duration acknowledgementTimeout) {

		public Settings {
			acknowledgementTimeout = (acknowledgementTimeout != null) ? acknowledgementTimeout : Duration.ofSeconds(10);
		}

	}

}
