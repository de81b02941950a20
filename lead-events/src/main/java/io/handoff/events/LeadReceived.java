package io.handoff.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A lead accepted at the front door, validated and normalized. Written by intake to
 * {@code leads.received}.
 *
 * @param eventId unique id of this event
 * @param occurredAt when intake accepted the lead
 * @param leadId the lead's identity (see {@link LeadIds})
 * @param email normalized email (trimmed, lower case)
 * @param firstName first name
 * @param lastName last name
 * @param title job title
 * @param phone phone number
 * @param company the lead's company
 * @param source where the lead came from (webinar, web form, ...)
 * @param campaign the campaign that produced it
 * @param externalId the id in the sending platform
 * @param attributes every other field the platform sent, kept as sent and in the order
 * sent (an immutable copy of Java's own would iterate in an order of each process's own,
 * so two instances would write the same lead differently)
 */
public record LeadReceived(UUID eventId, Instant occurredAt, UUID leadId, @Nullable String email,
		@Nullable String firstName, @Nullable String lastName, @Nullable String title, @Nullable String phone,
		Company company, @Nullable String source, @Nullable String campaign, @Nullable String externalId,
		Map<String, Object> attributes) implements LeadEvent {

	public LeadReceived {
		company = (company != null) ? company : Company.unknown();
		attributes = (attributes != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(attributes)) : Map.of();
	}

	/**
	 * The lead without the person: no email, name, title, phone, id in the sending
	 * platform or attributes; its company, source and campaign stay, so the figures still
	 * add up.
	 */
	public LeadReceived anonymous() {
		return new LeadReceived(this.eventId, this.occurredAt, this.leadId, null, null, null, null, null, this.company,
				this.source, this.campaign, null, Map.of());
	}

	/** The lead {@link #anonymous() without the person}. */
	@Override
	public LeadReceived erased() {
		return anonymous();
	}

	/** Names the lead without its email, phone or name, so no log line carries them. */
	@Override
	public String toString() {
		return "LeadReceived[eventId=" + this.eventId + ", leadId=" + this.leadId + ", source=" + this.source + "]";
	}

}
