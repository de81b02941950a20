package io.handoff.routing.webhook;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.core.JacksonException;

import io.handoff.access.OutboundTargets;
import io.handoff.events.DeadLetters;
import io.handoff.events.FromNewerRelease;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.ListenerDeadLetters;
import io.handoff.events.Topics;
import io.handoff.events.WebhookSubscription;

/**
 * Delivers {@code leads.assigned} to each webhook subscription, signed per Standard
 * Webhooks. Every subscription has its own consumer group, so a receiver that is down
 * holds back only its own deliveries, and starts from the assignments made after it
 * subscribed. A delivery is tried a few times behind the subscription's circuit breaker;
 * while the receiver stays down the record is retried with exponential backoff, its
 * offset uncommitted (nothing is lost, also across restarts), and after
 * {@code handoff.webhooks.give-up-after} it goes to {@code leads.assigned.dlq} with the
 * cause, the subscription and the URL.
 */
@Component
class WebhookDelivery implements SmartLifecycle {

	/** Header naming the subscription a dead letter was for. */
	static final String DLQ_SUBSCRIPTION = "handoff.dlq.webhook-subscription";

	/** Header naming the URL a dead letter was for. */
	static final String DLQ_URL = "handoff.dlq.webhook-url";

	private static final Logger logger = LoggerFactory.getLogger(WebhookDelivery.class);

	private final WebhookSubscriptions subscriptions;

	private final DefaultKafkaConsumerFactory<String, String> consumers;

	private final KafkaTemplate<Object, Object> kafka;

	private final CircuitBreakerRegistry breakers;

	private final RetryRegistry retries;

	private final MeterRegistry meters;

	private final Clock clock;

	private final String groupPrefix;

	private final Duration giveUpAfter;

	private final CloseableHttpClient http;

	private final Map<String, ConcurrentMessageListenerContainer<String, String>> containers = new LinkedHashMap<>();

	private volatile boolean running;

	WebhookDelivery(WebhookSubscriptions subscriptions, KafkaProperties kafka, KafkaTemplate<Object, Object> template,
			CircuitBreakerRegistry breakers, RetryRegistry retries, MeterRegistry meters, Clock clock,
			@Value("${handoff.webhooks.group-prefix:handoff-webhooks}") String groupPrefix,
			@Value("${handoff.webhooks.give-up-after:PT30M}") Duration giveUpAfter,
			@Value("${handoff.webhooks.timeout:PT10S}") Duration timeout, OutboundTargets targets) {
		this.subscriptions = subscriptions;
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		// Assignments are written in transactions: deliver only committed ones.
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		this.consumers = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new StringDeserializer());
		// Consumer metrics (lag among them) per subscription's consumer, like Boot's own
		// listener containers.
		this.consumers.addListener(new MicrometerConsumerListener<>(meters));
		this.kafka = template;
		this.breakers = breakers;
		this.retries = retries;
		this.meters = meters;
		this.clock = clock;
		this.groupPrefix = groupPrefix;
		this.giveUpAfter = giveUpAfter;
		// Connects only where the targets allow, checking the address of every connection
		// (no DNS rebinding).
		this.http = targets.client(timeout, timeout);
	}

	/** Starts a consumer for each new subscription and stops those of ended ones. */
	synchronized void reconcile() {
		if (!this.running) {
			return;
		}
		Map<String, WebhookSubscription> wanted = new HashMap<>();
		this.subscriptions.all().forEach((subscription) -> wanted.put(subscription.subscriptionId(), subscription));
		this.containers.entrySet().removeIf((entry) -> {
			if (wanted.containsKey(entry.getKey())) {
				return false;
			}
			entry.getValue().stop();
			forget(entry.getKey());
			logger.info("Stopped webhook deliveries of subscription {}", entry.getKey());
			return true;
		});
		wanted.values()
			.stream()
			.filter((subscription) -> !this.containers.containsKey(subscription.subscriptionId()))
			.forEach((subscription) -> this.containers.put(subscription.subscriptionId(), start(subscription)));
	}

	private ConcurrentMessageListenerContainer<String, String> start(WebhookSubscription subscription) {
		String id = subscription.subscriptionId();
		ContainerProperties properties = new ContainerProperties(Topics.LEADS_ASSIGNED.name());
		properties.setGroupId(this.groupPrefix + "-" + id);
		properties.setMessageListener((MessageListener<String, String>) (record) -> deliver(id, record));
		// A new subscription starts at the end of the topic: commit that position the
		// first time, so assignments made while this instance is down later are delivered
		// when it is back.
		properties.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {

			@Override
			public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
				Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
				Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
				for (TopicPartition partition : partitions) {
					if (committed.get(partition) == null) {
						start.put(partition, new OffsetAndMetadata(consumer.position(partition)));
					}
				}
				if (!start.isEmpty()) {
					consumer.commitSync(start);
				}
			}

		});
		ConcurrentMessageListenerContainer<String, String> container = new ConcurrentMessageListenerContainer<>(
				this.consumers, properties);
		container.setBeanName("webhook-" + id);
		container.setCommonErrorHandler(errorHandler(subscription));
		container.start();
		// Counted from zero at once, so that a dashboard shows the subscription and the
		// first failure counts.
		this.meters.counter("handoff.webhooks.failed", "subscription", id);
		subscription.eventTypes()
			.forEach((type) -> this.meters.counter("handoff.webhooks.delivered", "subscription", id, "type", type));
		logger.info("Delivering {} to subscription {}", subscription.eventTypes(), id);
		return container;
	}

	/**
	 * An ended subscription leaves no counters, circuit breaker or retry behind (nor
	 * their gauges).
	 */
	private void forget(String subscriptionId) {
		for (String name : List.of("handoff.webhooks.failed", "handoff.webhooks.delivered")) {
			this.meters.find(name).tag("subscription", subscriptionId).meters().forEach(this.meters::remove);
		}
		this.breakers.remove("webhook-" + subscriptionId);
		this.retries.remove("webhook-" + subscriptionId);
	}

	private DefaultErrorHandler errorHandler(WebhookSubscription subscription) {
		ExponentialBackOff backOff = new ExponentialBackOff(1000, 2);
		backOff.setMaxInterval(60_000);
		backOff.setMaxElapsedTime(this.giveUpAfter.toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler(
				ListenerDeadLetters.recoverer(this.kafka, "webhook-delivery", (record, headers) -> {
					DeadLetters.header(headers, DLQ_SUBSCRIPTION, subscription.subscriptionId());
					DeadLetters.header(headers, DLQ_URL, subscription.url());
				}), backOff);
		handler.addNotRetryableExceptions(JacksonException.class, FromNewerRelease.class);
		return handler;
	}

	private void deliver(String subscriptionId, ConsumerRecord<String, String> record) {
		WebhookSubscription subscription = this.subscriptions.get(subscriptionId).orElse(null);
		if (subscription == null) {
			return;
		}
		LeadAssigned assigned = LeadEventsJson.mapper().readValue(record.value(), LeadAssigned.class);
		String type = WebhookSubscriptions.eventType(assigned);
		if (!subscription.eventTypes().contains(type)) {
			return;
		}
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("type", type);
		message.put("timestamp", assigned.occurredAt().toString());
		message.put("data", assigned);
		String body = LeadEventsJson.mapper().writeValueAsString(message);
		String messageId = "msg_" + assigned.eventId();
		CircuitBreaker breaker = this.breakers.circuitBreaker("webhook-" + subscriptionId, "webhook");
		Retry retry = this.retries.retry("webhook-" + subscriptionId, "webhook");
		try {
			Retry
				.decorateCheckedRunnable(retry,
						CircuitBreaker.decorateCheckedRunnable(breaker, () -> post(subscription, messageId, body)))
				.run();
		}
		catch (Throwable ex) {
			this.meters.counter("handoff.webhooks.failed", "subscription", subscriptionId).increment();
			throw new WebhookDeliveryException(
					"Delivery of " + messageId + " to " + subscription.url() + " failed: " + ex.getMessage(), ex);
		}
		this.meters.counter("handoff.webhooks.delivered", "subscription", subscriptionId, "type", type).increment();
	}

	private void post(WebhookSubscription subscription, String messageId, String body) throws IOException {
		long timestamp = this.clock.instant().getEpochSecond();
		HttpPost request = new HttpPost(subscription.url());
		request.setHeader("user-agent", "Handoff-Webhooks/1");
		request.setHeader("webhook-id", messageId);
		request.setHeader("webhook-timestamp", Long.toString(timestamp));
		request.setHeader("webhook-signature",
				StandardWebhooks.sign(this.subscriptions.secretOf(subscription), messageId, timestamp, body));
		request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
		int status = this.http.execute(request, (response) -> {
			EntityUtils.consume(response.getEntity());
			return response.getCode();
		});
		if (status / 100 != 2) {
			throw new IOException(subscription.url() + " answered " + status);
		}
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.subscriptions.onChange(this::reconcile);
		reconcile();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.containers.values().forEach(ConcurrentMessageListenerContainer::stop);
		this.containers.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** After the subscriptions are read. */
	@Override
	public int getPhase() {
		return 100;
	}

	/**
	 * A delivery that failed after its immediate retries; the error handler backs off and
	 * tries again.
	 */
	static class WebhookDeliveryException extends RuntimeException {

		WebhookDeliveryException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
