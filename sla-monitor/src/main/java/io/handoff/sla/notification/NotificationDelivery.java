package io.handoff.sla.notification;

import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.core.JacksonException;

import io.handoff.events.FromNewerRelease;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.ListenerDeadLetters;
import io.handoff.events.Notification;

/**
 * Delivers the notifications on {@code sla.notifications}: one consumer group per
 * channel, so a channel that is down holds back only its own messages. Each delivery is
 * retried a few times behind the channel's circuit breaker; while the channel stays down
 * the record is retried with exponential backoff (nothing is lost), and what fails for
 * good, or for longer than {@code handoff.notifications.give-up-after}, goes to
 * {@code sla.notifications.dlq} with the cause.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationSettings.class)
class NotificationDelivery {

	private final Channels channels;

	private final Map<Notification.Channel, CircuitBreaker> breakers;

	private final Map<Notification.Channel, Retry> retries;

	private final MeterRegistry meters;

	NotificationDelivery(Channels channels, CircuitBreakerRegistry breakers, RetryRegistry retries,
			MeterRegistry meters) {
		this.channels = channels;
		this.breakers = Map.of(Notification.Channel.EMAIL, breakers.circuitBreaker("notify-email"),
				Notification.Channel.SLACK, breakers.circuitBreaker("notify-slack"));
		this.retries = Map.of(Notification.Channel.EMAIL, retries.retry("notify-email"), Notification.Channel.SLACK,
				retries.retry("notify-slack"));
		this.meters = meters;
	}

	@KafkaListener(topics = "sla.notifications",
			groupId = "${handoff.notifications.group-prefix:handoff-sla-notify}-email",
			properties = "auto.offset.reset=earliest")
	void email(ConsumerRecord<String, String> record) {
		deliver(record, Notification.Channel.EMAIL);
	}

	@KafkaListener(topics = "sla.notifications",
			groupId = "${handoff.notifications.group-prefix:handoff-sla-notify}-slack",
			properties = "auto.offset.reset=earliest")
	void slack(ConsumerRecord<String, String> record) {
		deliver(record, Notification.Channel.SLACK);
	}

	private void deliver(ConsumerRecord<String, String> record, Notification.Channel channel) {
		Notification notification = LeadEventsJson.mapper().readValue(record.value(), Notification.class);
		if (notification.channel() != channel) {
			return;
		}
		Runnable send = () -> this.channels.deliver(notification);
		Retry
			.decorateRunnable(this.retries.get(channel),
					CircuitBreaker.decorateRunnable(this.breakers.get(channel), send))
			.run();
		this.meters.counter("handoff.notifications.delivered", "channel", channel.name(), "role", notification.role())
			.increment();
	}

	@Bean
	DefaultErrorHandler notificationErrorHandler(KafkaTemplate<String, String> kafka, NotificationSettings settings) {
		DeadLetterPublishingRecoverer recoverer = ListenerDeadLetters.recoverer(kafka, "delivery",
				(record, headers) -> {
				});
		ExponentialBackOff backOff = new ExponentialBackOff(1000, 2);
		backOff.setMaxInterval(60_000);
		backOff.setMaxElapsedTime(settings.giveUpAfter().toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		handler.addNotRetryableExceptions(PermanentDeliveryException.class, JacksonException.class,
				FromNewerRelease.class);
		return handler;
	}

}
