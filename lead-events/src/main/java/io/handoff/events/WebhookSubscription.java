package io.handoff.events;

import java.time.Instant;
import java.util.List;

/**
 * A sales tool's subscription to routing's events, delivered as signed webhooks (Standard
 * Webhooks). On the compacted {@code sales.webhooks} topic, keyed by subscription id; a
 * tombstone removes it.
 *
 * @param subscriptionId stable id
 * @param url where deliveries are POSTed
 * @param secret the signing secret, {@code whsec_} and base64
 * @param eventTypes the event types delivered, such as {@code lead.assigned}
 * @param createdBy who subscribed
 * @param createdAt when
 */
public record WebhookSubscription(String subscriptionId, String url, String secret, List<String> eventTypes,
		String createdBy, Instant createdAt) {

	public WebhookSubscription {
		eventTypes = List.copyOf(eventTypes);
	}

}
