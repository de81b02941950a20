package io.handoff.events;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A person asked to be forgotten: every service removes the lead's personal data (email,
 * name, title, phone, its id in the sending platform, the attributes and the notes
 * written about it) from its stores at once, and keeps an anonymous record (the lead id,
 * its company, scores, stages, assignments, clocks and rulings) so the figures still add
 * up. Written by scoring to {@code leads.erasures}, read by scoring, routing, sla-monitor
 * and arbitration.
 *
 * @param eventId unique id of this event
 * @param occurredAt when the erasure was asked for
 * @param leadId the lead
 * @param erasedBy who asked for it (an administrator)
 */
public record LeadErased(UUID eventId, Instant occurredAt, UUID leadId, String erasedBy) {

	/**
	 * What stands where an erased person's free text was (a note, a judge's reason, what
	 * a rule matched).
	 */
	public static final String ERASED = "(erased)";

	/**
	 * The store every service keeps of the leads it erased (lead id to the erasure's
	 * epoch millis): an event about one of them read after its erasure (written before
	 * it, read late from another topic) is taken {@link #anonymized(Object) anonymized},
	 * so the person does not come back.
	 */
	public static final String STORE = "erased-leads";

	/** The store {@link #STORE}, as each topology declares it. */
	public static StoreBuilder<KeyValueStore<String, Long>> store() {
		return StateStores.keyValue(STORE, Serdes.Long());
	}

	/**
	 * Whether {@code event} happened no later than an erasure at {@code erasedAtMillis}:
	 * such an event is still about the person forgotten; a later one is new (for a score:
	 * the inquiry it scores).
	 */
	public static boolean before(Object event, long erasedAtMillis) {
		Instant at = (event instanceof LeadScored scored) ? scored.lead().occurredAt()
				: (event instanceof LeadEvent about) ? about.occurredAt() : null;
		return at == null || at.toEpochMilli() <= erasedAtMillis;
	}

	/**
	 * {@code reason} unless it carries a person's words about the lead (a ruling's
	 * reason, why the judge returned it to marketing), which an erasure takes away.
	 */
	public static String withoutWords(String reason) {
		return (reason.contains("ruling of ") || reason.contains("returned to marketing by ")) ? ERASED : reason;
	}

	/**
	 * {@code event} without the person it is about: the form an erased lead's events are
	 * kept in.
	 */
	public static Object anonymized(Object event) {
		return (event instanceof LeadEvent about) ? about.erased() : event;
	}

}
