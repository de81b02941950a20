package io.handoff.routing.webhook;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import io.handoff.access.OutboundTargets;
import io.handoff.events.CompactedTopicBook;
import io.handoff.events.FromNewerRelease;
import io.handoff.events.LeadAssigned;
import io.handoff.events.TopicBooks;
import io.handoff.events.Topics;
import io.handoff.events.WebhookSubscription;

/**
 * Sales tools' webhook subscriptions, kept on the compacted {@code sales.webhooks} topic
 * and followed, so every routing instance delivers to the same subscribers.
 */
@Component
public class WebhookSubscriptions extends TopicBooks {

	/** A lead given to a rep for the first time in its transition to sales-ready. */
	public static final String LEAD_ASSIGNED = "lead.assigned";

	/**
	 * A lead given to another rep, or to the same rep again, by a ruling or an SLA
	 * escalation.
	 */
	public static final String LEAD_REASSIGNED = "lead.reassigned";

	/** Every event type a subscription may ask for. */
	public static final Set<String> EVENT_TYPES = Set.of(LEAD_ASSIGNED, LEAD_REASSIGNED);

	/** The most subscriptions one client may have, counted across every instance. */
	public static final int MAX_PER_CLIENT = 10;

	private static final Logger logger = LoggerFactory.getLogger(WebhookSubscriptions.class);

	private final Clock clock;

	private final OutboundTargets targets;

	private @Nullable CompactedTopicBook<WebhookSubscription> book;

	private final List<Runnable> listeners = new ArrayList<>();

	private final SealedSecrets secrets;

	/** The transactional id every instance's writer of subscriptions shares. */
	private final String writerId;

	WebhookSubscriptions(KafkaProperties kafka, Clock clock, OutboundTargets targets,
			@Value("${handoff.webhooks.secret-key:}") String secretKey,
			@Value("${handoff.instance-secret:}") String instanceSecret,
			@Value("${handoff.streams.application-id-prefix:handoff}") String deployment) {
		super(kafka.buildProducerProperties(), kafka.buildConsumerProperties());
		this.writerId = deployment + "-routing-webhook-writer";
		this.targets = targets;
		this.clock = clock;
		this.secrets = SealedSecrets.of(secretKey, instanceSecret);
		if (!this.secrets.sealing()) {
			logger.warn("Webhook secrets are stored on {} as given: set handoff.webhooks.secret-key (or the "
					+ "deployment's handoff.instance-secret) to seal them", Topics.SALES_WEBHOOKS.name());
		}
	}

	/** The signing secret of {@code subscription}, unsealed. */
	String secretOf(WebhookSubscription subscription) {
		return this.secrets.open(subscription.secret(), subscription.subscriptionId());
	}

	/** The subscriptions {@code client} made. */
	public List<WebhookSubscription> of(String client) {
		return all().stream().filter((subscription) -> subscription.createdBy().equals(client)).toList();
	}

	/**
	 * The event type of an assignment.
	 * @throws FromNewerRelease for a method a newer release added: subscribers never read
	 * {@code UNKNOWN}, the newer release delivers it on replay
	 */
	public static String eventType(LeadAssigned assigned) {
		return switch (assigned.method()) {
			case ACCOUNT_OWNER, ROUND_ROBIN -> LEAD_ASSIGNED;
			case REASSIGNMENT, FOLLOW_UP -> LEAD_REASSIGNED;
			case UNKNOWN -> throw new FromNewerRelease("An assignment by a method");
		};
	}

	public Collection<WebhookSubscription> all() {
		return book().all().values();
	}

	public Optional<WebhookSubscription> get(String subscriptionId) {
		return book().get(subscriptionId);
	}

	/**
	 * Subscribes {@code url} to {@code eventTypes}, signed with {@code secret} (a new one
	 * when {@code null}); the answer carries the secret as given, the topic keeps it
	 * sealed.
	 * @throws IllegalArgumentException listing what is wrong with the request
	 * @throws TooMany when {@code by} has {@value #MAX_PER_CLIENT} subscriptions already
	 * @throws CompactedTopicBook.ConcurrentWriteException when another instance wrote at
	 * the same moment
	 */
	public WebhookSubscription subscribe(String url, List<String> eventTypes, @Nullable String secret, String by) {
		List<String> problems = new ArrayList<>();
		// Checked here, and again at every delivery against the address connected to
		// (OutboundTargets).
		String refused = (url != null) ? this.targets.refusal(url) : "url is required";
		if (refused != null) {
			problems.add(refused);
		}
		if (eventTypes == null || eventTypes.isEmpty()) {
			problems.add("eventTypes must name at least one of " + EVENT_TYPES);
		}
		else {
			eventTypes.stream()
				.filter((type) -> !EVENT_TYPES.contains(type))
				.forEach((type) -> problems.add("event type '" + type + "' is not one of " + EVENT_TYPES));
		}
		if (secret != null && !StandardWebhooks.valid(secret)) {
			problems.add("secret must be 'whsec_' and base64 of at least 24 bytes; leave it out to get one");
		}
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(String.join("; ", problems));
		}
		String subscriptionId = UUID.randomUUID().toString();
		String given = (secret != null) ? secret : StandardWebhooks.newSecret();
		WebhookSubscription subscription = new WebhookSubscription(subscriptionId, url, given, eventTypes, by,
				this.clock.instant());
		WebhookSubscription sealed = new WebhookSubscription(subscriptionId, url,
				this.secrets.seal(given, subscriptionId), eventTypes, by, subscription.createdAt());
		// Counted and written as the one writer among the instances, so two at once
		// cannot pass the cap.
		return book().decide(this.writerId, (all) -> {
			if (all.values().stream().filter((existing) -> existing.createdBy().equals(by)).count() >= MAX_PER_CLIENT) {
				throw new TooMany("Client '" + by + "' has " + MAX_PER_CLIENT
						+ " webhook subscriptions, the most one client may have: delete one first");
			}
			return new CompactedTopicBook.Decision<>(Map.of(subscriptionId, sealed), subscription);
		});
	}

	/** Ends a subscription; {@code false} when there was none. */
	public boolean unsubscribe(String subscriptionId) {
		if (book().get(subscriptionId).isEmpty()) {
			return false;
		}
		Map<String, @Nullable WebhookSubscription> removal = new LinkedHashMap<>();
		removal.put(subscriptionId, null);
		book().write(removal);
		return true;
	}

	/** Calls {@code listener} whenever subscriptions change. */
	void onChange(Runnable listener) {
		this.listeners.add(listener);
		if (this.book != null) {
			this.book.onChange(listener);
		}
	}

	private CompactedTopicBook<WebhookSubscription> book() {
		return opened(this.book, "webhook subscriptions' book");
	}

	/** A client asking for more subscriptions than it may have. */
	public static final class TooMany extends IllegalStateException {

		TooMany(String message) {
			super(message);
		}

	}

	@Override
	protected void openBooks() {
		this.book = open(Topics.SALES_WEBHOOKS);
		this.listeners.forEach(this.book::onChange);
	}

}
