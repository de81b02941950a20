package io.handoff.routing.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.events.WebhookSubscription;

/**
 * Sales tools subscribe to assignments here. The secret is shown once, in the answer to the subscription.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {

	private final WebhookSubscriptions subscriptions;

	WebhookController(WebhookSubscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	@GetMapping
	List<Subscription> all() {
		return this.subscriptions.all().stream().map((subscription) -> Subscription.of(subscription, false)).toList();
	}

	@GetMapping("/{subscriptionId}")
	Subscription one(@PathVariable String subscriptionId) {
		return this.subscriptions.get(subscriptionId)
			.map((subscription) -> Subscription.of(subscription, false))
			.orElseThrow(() -> notFound(subscriptionId));
	}

	@PostMapping
	ResponseEntity<Subscription> subscribe(@RequestBody Request request, @Nullable Authentication caller) {
		WebhookSubscription subscription = this.subscriptions.subscribe(request.url(), request.eventTypes(),
				request.secret(), (caller != null) ? caller.getName() : "anonymous");
		return ResponseEntity.created(URI.create("/api/v1/webhooks/" + subscription.subscriptionId()))
			.body(Subscription.of(subscription, true));
	}

	@DeleteMapping("/{subscriptionId}")
	ResponseEntity<Void> unsubscribe(@PathVariable String subscriptionId) {
		if (!this.subscriptions.unsubscribe(subscriptionId)) {
			throw notFound(subscriptionId);
		}
		return ResponseEntity.noContent().build();
	}

	private static ResponseStatusException notFound(String subscriptionId) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND,
				"No webhook subscription '" + subscriptionId + "'; GET /api/v1/webhooks lists them");
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail refused(IllegalArgumentException problem) {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, problem.getMessage());
		detail.setTitle("Not a valid webhook subscription");
		return detail;
	}

	/**
	 * A subscription request.
	 *
	 * @param url where to POST deliveries
	 * @param eventTypes {@code lead.assigned}, {@code lead.reassigned}
	 * @param secret a {@code whsec_} secret of your own, or none to get a new one
	 */
	record Request(String url, List<String> eventTypes, @Nullable String secret) {
	}

	/**
	 * A subscription as shown.
	 *
	 * @param subscriptionId its id
	 * @param url where deliveries go
	 * @param eventTypes what is delivered
	 * @param secret the signing secret, only in the answer to the subscription
	 * @param createdBy who subscribed
	 * @param createdAt when
	 */
	record Subscription(String subscriptionId, String url, List<String> eventTypes, @Nullable String secret,
			String createdBy, Instant createdAt) {

		static Subscription of(WebhookSubscription subscription, boolean withSecret) {
			return new Subscription(subscription.subscriptionId(), subscription.url(), subscription.eventTypes(),
					withSecret ? subscription.secret() : null, subscription.createdBy(), subscription.createdAt());
		}

	}

}
