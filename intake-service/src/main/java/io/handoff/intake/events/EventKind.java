package io.handoff.intake.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import io.handoff.events.EngagementRecorded;
import io.handoff.events.EngagementTypes;
import io.handoff.events.LeadEvent;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadReturned;
import io.handoff.events.SalesActivity;
import io.handoff.events.Topic;
import io.handoff.events.Topics;
import io.handoff.intake.access.Clients.Role;
import io.handoff.intake.leads.LeadForm;
import io.handoff.intake.problems.LeadReference;
import io.handoff.intake.problems.RequestFields;

/**
 * Every kind of event intake accepts: who may send it, its CloudEvents type, and how its
 * JSON is read into the event written to Kafka (refusing it, naming every offending
 * field, when it cannot be).
 */
public enum EventKind {

	/** A lead from a marketing platform. */
	LEAD(Role.LEAD_SOURCE, "io.handoff.lead.v1", (body, now) -> {
		LeadReceived lead = LeadForm.read(body, now);
		return Submission.of(Topics.LEADS_RECEIVED, lead);
	}),

	/** A lead's interest: a page view, a form fill, a webinar visit. */
	ENGAGEMENT(Role.LEAD_SOURCE, "io.handoff.engagement.v1", (fields, leadId, now) -> {
		String type = fields.code("type", true);
		if (type != null && !EngagementTypes.ALL.contains(type)) {
			fields.problem("type", "must be one of " + new TreeSet<>(EngagementTypes.ALL) + ", not '" + type + "'");
		}
		String detail = fields.text("detail", 2000);
		Instant occurredAt = fields.pastInstant("occurredAt", now, now);
		fields.throwIfInvalid();
		EngagementRecorded engagement = new EngagementRecorded(EventIds.next(), occurredAt, leadId, type, detail);
		return Submission.of(Topics.LEADS_ENGAGEMENT, engagement);
	}),

	/** A call, email or meeting with a lead: the touches that keep the SLA. */
	ACTIVITY(Role.SALES_TOOL, "io.handoff.activity.v1", (fields, leadId, now) -> {
		String repId = fields.requiredText("repId", 100);
		SalesActivity.Type type = fields.oneOf("type", SalesActivity.Type.class, true);
		Instant occurredAt = fields.pastInstant("occurredAt", now, now);
		String note = fields.text("note", 2000);
		fields.throwIfInvalid();
		SalesActivity activity = new SalesActivity(EventIds.next(), occurredAt, leadId, repId, type, note);
		return Submission.of(Topics.SALES_ACTIVITIES, activity);
	}),

	/** A rep sends a lead back to marketing, with one of the agreement's reason codes. */
	RETURN(Role.SALES_TOOL, "io.handoff.return.v1", (fields, leadId, now) -> {
		String repId = fields.requiredText("repId", 100);
		String reasonCode = fields.code("reasonCode", true);
		String note = fields.text("note", 2000);
		fields.throwIfInvalid();
		LeadReturned returned = new LeadReturned(EventIds.next(), now, leadId, repId, reasonCode, note);
		return Submission.of(Topics.LEADS_RETURNED, returned);
	}),

	/** What became of a lead: converted, won (with the amount) or lost. */
	OUTCOME(Role.SALES_TOOL, "io.handoff.outcome.v1", (fields, leadId, now) -> {
		LeadOutcome.Outcome outcome = fields.oneOf("outcome", LeadOutcome.Outcome.class, true);
		BigDecimal amount = fields.amount("amount");
		Instant occurredAt = fields.pastInstant("occurredAt", now, now);
		fields.throwIfInvalid();
		LeadOutcome recorded = new LeadOutcome(EventIds.next(), occurredAt, leadId, outcome, amount);
		return Submission.of(Topics.LEADS_OUTCOMES, recorded);
	});

	private final Role role;

	private final String cloudEventType;

	private final BiFunction<Map<String, @Nullable Object>, Instant, Submission<?>> reader;

	EventKind(Role role, String cloudEventType,
			BiFunction<Map<String, @Nullable Object>, Instant, Submission<?>> reader) {
		this.role = role;
		this.cloudEventType = cloudEventType;
		this.reader = reader;
	}

	EventKind(Role role, String cloudEventType, AboutALead reader) {
		this(role, cloudEventType, (body, now) -> {
			RequestFields fields = new RequestFields(body);
			return reader.read(fields, LeadReference.read(fields), now);
		});
	}

	/** The role a client needs to send this kind. */
	public Role role() {
		return this.role;
	}

	/** The CloudEvents {@code type} of this kind. */
	public String cloudEventType() {
		return this.cloudEventType;
	}

	/**
	 * Reads {@code body} into the event to write, or refuses it naming every offending
	 * field.
	 */
	public Submission<?> read(Map<String, @Nullable Object> body, Instant now) {
		return this.reader.apply(body, now);
	}

	/** The kind whose CloudEvents type is {@code type}. */
	public static Optional<EventKind> ofCloudEventType(String type) {
		return Arrays.stream(values()).filter((kind) -> kind.cloudEventType.equals(type)).findFirst();
	}

	/**
	 * An event read and ready to write.
	 *
	 * @param topic where it goes
	 * @param leadId its key
	 * @param eventId its id
	 * @param event the event
	 * @param <V> the event type
	 */
	public record Submission<V>(Topic<V> topic, UUID leadId, UUID eventId, V event) {

		/** {@code event}, to write to {@code topic} under its lead. */
		static <V extends LeadEvent> Submission<V> of(Topic<V> topic, V event) {
			return new Submission<>(topic, event.leadId(), event.eventId(), event);
		}

	}

	/** Reads the fields of an event about a lead already known, by its reference. */
	@FunctionalInterface
	private interface AboutALead {

		Submission<?> read(RequestFields fields, @Nullable UUID leadId, Instant now);

	}

}
