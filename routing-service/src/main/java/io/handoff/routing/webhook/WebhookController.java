package io.handoff.routing.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.Collection;
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

import io.handoff.access.Caller;
import io.handoff.events.CompactedTopicBook;
import io.handoff.events.WebhookSubscription;

/**
 * Sales tools subscribe to assignments here. The secret is shown once, in the answer to
 * the subscription, and rests sealed. Each client sees and deletes the subscriptions it
 * made (an admin: everyone's), at most {@value WebhookSubscriptions#MAX_PER_CLIENT} of
 * them.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {

	private final WebhookSubscriptions subscriptions;

	WebhookController(WebhookSubscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	/** The caller's own subscriptions; an admin's list has everyone's. */
	@GetMapping
	List<Subscription> all(Authentication caller) {
		Collection<WebhookSubscription> visible = Caller.of(caller).has("ADMIN") ? this.subscriptions.all()
				: this.subscriptions.of(caller.getName());
		return visible.stream().map((subscription) -> Subscription.of(subscription, false)).toList();
	}

	@GetMapping("/{subscriptionId}")
	Subscription one(@PathVariable String subscriptionId, Authentication caller) {
		return Subscription.of(visible(subscriptionId, caller), false);
	}

	@PostMapping
	ResponseEntity<Subscription> subscribe(@RequestBody Request request, Authentication caller) {
		WebhookSubscription subscription = this.subscriptions.subscribe(request.url(), request.eventTypes(),
				request.secret(), caller.getName());
		return ResponseEntity.created(URI.create("/api/v1/webhooks/" + subscription.subscriptionId()))
			.body(Subscription.of(subscription, true));
	}

	/**
	 * Ends one of the caller's own subscriptions (an admin: anyone's); another client's
	 * is not found.
	 */
	@DeleteMapping("/{subscriptionId}")
	ResponseEntity<Void> unsubscribe(@PathVariable String subscriptionId, Authentication caller) {
		visible(subscriptionId, caller);
		if (!this.subscriptions.unsubscribe(subscriptionId)) {
			throw notFound(subscriptionId);
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * A subscription the caller made, or any for an admin; another client's answers 404,
	 * as if there were none.
	 */
	private WebhookSubscription visible(String subscriptionId, Authentication caller) {
		boolean admin = Caller.of(caller).has("ADMIN");
		return this.subscriptions.get(subscriptionId)
			.filter((subscription) -> admin || subscription.createdBy().equals(caller.getName()))
			.orElseThrow(() -> notFound(subscriptionId));
	}

	@ExceptionHandler(CompactedTopicBook.ConcurrentWriteException.class)
	ProblemDetail concurrent(CompactedTopicBook.ConcurrentWriteException problem) {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"Another subscription was made at this moment through another instance; nothing was subscribed: "
						+ "try again");
		detail.setTitle("Subscriptions changed meanwhile");
		return detail;
	}

	@ExceptionHandler(WebhookSubscriptions.TooMany.class)
	ProblemDetail tooMany(WebhookSubscriptions.TooMany problem) {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, problem.getMessage());
		detail.setTitle("Too many webhook subscriptions");
		return detail;
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
