package io.handoff.events;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;

/**
 * Every topic of Handoff. Each has exactly one writing service, named beside it.
 */
public final class Topics {

	/**
	 * Raw leads from connectors, JSON as the platform sent it. Written by platforms, read
	 * by intake.
	 */
	public static final Topic<String> LEADS_INBOUND = topic("leads.inbound", String.class);

	/** Written by intake. */
	public static final Topic<LeadReceived> LEADS_RECEIVED = topic("leads.received", LeadReceived.class);

	/** Written by intake. */
	public static final Topic<EngagementRecorded> LEADS_ENGAGEMENT = topic("leads.engagement",
			EngagementRecorded.class);

	/** Written by scoring; compacted, keyed by agreement id. */
	public static final Topic<LeadAgreement> AGREEMENTS = compacted("agreements", LeadAgreement.class);

	/** Written by scoring. */
	public static final Topic<LeadScored> LEADS_SCORED = topic("leads.scored", LeadScored.class);

	/** Written by routing; compacted, keyed by rep id. */
	public static final Topic<SalesRep> SALES_REPS = compacted("sales.reps", SalesRep.class);

	/**
	 * The reps' managers, by manager id; written by routing, read by sla-monitor for whom
	 * a breach reaches.
	 */
	public static final Topic<SalesManager> SALES_MANAGERS = compacted("sales.managers", SalesManager.class);

	/** Written by routing; compacted, keyed by domain. */
	public static final Topic<Account> SALES_ACCOUNTS = compacted("sales.accounts", Account.class);

	/** Territories and the team selling in each, by territory id; written by routing. */
	public static final Topic<Territory> SALES_TERRITORIES = compacted("sales.territories", Territory.class);

	/** Every version of the routing document, by version; written and read by routing. */
	public static final Topic<RoutingDocument> ROUTING_DOCUMENTS = compacted("routing.documents",
			RoutingDocument.class);

	/**
	 * Sales tools' webhook subscriptions, by subscription id; written and read by
	 * routing.
	 */
	public static final Topic<WebhookSubscription> SALES_WEBHOOKS = compacted("sales.webhooks",
			WebhookSubscription.class);

	/** Written by routing. */
	public static final Topic<LeadAssigned> LEADS_ASSIGNED = topic("leads.assigned", LeadAssigned.class);

	/** Written by intake. */
	public static final Topic<SalesActivity> SALES_ACTIVITIES = topic("sales.activities", SalesActivity.class);

	/** Written by intake. */
	public static final Topic<LeadReturned> LEADS_RETURNED = topic("leads.returned", LeadReturned.class);

	/** Written by intake. */
	public static final Topic<LeadOutcome> LEADS_OUTCOMES = topic("leads.outcomes", LeadOutcome.class);

	/** Written by sla-monitor. */
	public static final Topic<SlaEvent> SLA_EVENTS = topic("sla.events", SlaEvent.class);

	/**
	 * Written by sla-monitor: the messages its SLA events send, one per channel and
	 * recipient.
	 */
	public static final Topic<Notification> SLA_NOTIFICATIONS = topic("sla.notifications", Notification.class);

	/** Written by arbitration. */
	public static final Topic<CaseEscalated> ARBITRATION_ESCALATIONS = topic("arbitration.escalations",
			CaseEscalated.class);

	/**
	 * The judge's rulings as submitted, before arbitration takes one per case; written by
	 * arbitration's API.
	 */
	public static final Topic<RulingSubmitted> ARBITRATION_SUBMISSIONS = topic("arbitration.submissions",
			RulingSubmitted.class);

	/**
	 * Written by arbitration: the one ruling of each case, taken from the submissions.
	 */
	public static final Topic<Ruling> ARBITRATION_RULINGS = topic("arbitration.rulings", Ruling.class);

	/**
	 * The leads whose personal data is to be erased; written by scoring's erasure API,
	 * read by every service that keeps a lead.
	 */
	public static final Topic<LeadErased> LEADS_ERASURES = topic("leads.erasures", LeadErased.class);

	/** Every topic, in the order of the flow. */
	public static final List<Topic<?>> ALL = List.of(LEADS_INBOUND, LEADS_RECEIVED, LEADS_ENGAGEMENT, AGREEMENTS,
			LEADS_SCORED, SALES_REPS, SALES_MANAGERS, SALES_ACCOUNTS, SALES_TERRITORIES, ROUTING_DOCUMENTS,
			SALES_WEBHOOKS, LEADS_ASSIGNED, SALES_ACTIVITIES, LEADS_RETURNED, LEADS_OUTCOMES, SLA_EVENTS,
			SLA_NOTIFICATIONS, ARBITRATION_SUBMISSIONS, ARBITRATION_RULINGS, ARBITRATION_ESCALATIONS, LEADS_ERASURES);

	private Topics() {
	}

	/** The topic called {@code name}. */
	public static Optional<Topic<?>> named(String name) {
		return ALL.stream().filter((topic) -> topic.name().equals(name)).findFirst();
	}

	/** Every topic and its dead-letter topic, as the admin client creates them. */
	public static List<NewTopic> newTopics(short replicationFactor) {
		return ALL.stream()
			.flatMap((topic) -> Stream.of(topic.newTopic(replicationFactor),
					topic.newDeadLetterTopic(replicationFactor)))
			.toList();
	}

	private static <V> Topic<V> topic(String name, Class<V> type) {
		return new Topic<>(name, type, Topic.DEFAULT_PARTITIONS, false);
	}

	private static <V> Topic<V> compacted(String name, Class<V> type) {
		return new Topic<>(name, type, Topic.DEFAULT_PARTITIONS, true);
	}

}
