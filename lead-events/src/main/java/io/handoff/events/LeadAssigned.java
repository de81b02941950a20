package io.handoff.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import org.jspecify.annotations.Nullable;

/**
 * A sales-ready lead given to a rep. Written by routing to {@code leads.assigned}.
 *
 * @param eventId unique id of this event
 * @param occurredAt when the lead was assigned
 * @param leadId the lead
 * @param repId the rep who got it
 * @param repName the rep's name
 * @param team the rep's team
 * @param method how the rep was chosen
 * @param grade the lead's fit grade, which selects the SLA terms
 * @param agreementVersion the agreement version the lead was scored under
 * @param reasons each routing step taken, in order, in words: {@code steps} as sentences
 * (from an earlier release, only these)
 * @param lead who the lead is, in brief (absent from assignments written before it was
 * carried)
 * @param steps each routing step taken, in order, as values (none in assignments written
 * before steps were values)
 */
public record LeadAssigned(UUID eventId, Instant occurredAt, UUID leadId, String repId, String repName, String team,
		Method method, String grade, int agreementVersion, List<String> reasons, @Nullable LeadSummary lead,
		List<RoutingStep> steps) implements LeadEvent {

	public LeadAssigned {
		reasons = List.copyOf(reasons);
		steps = (steps != null) ? RoutingStep.withWords(List.copyOf(steps), reasons) : List.of();
	}

	/** An assignment whose reasons are its steps in words. */
	public static LeadAssigned of(UUID eventId, Instant occurredAt, UUID leadId, String repId, String repName,
			String team, Method method, String grade, int agreementVersion, List<RoutingStep> steps,
			@Nullable LeadSummary lead) {
		return new LeadAssigned(eventId, occurredAt, leadId, repId, repName, team, method, grade, agreementVersion,
				RoutingStep.sentences(steps), lead, steps);
	}

	/** An assignment with its reasons in words only, as an earlier release wrote them. */
	public LeadAssigned(UUID eventId, Instant occurredAt, UUID leadId, String repId, String repName, String team,
			Method method, String grade, int agreementVersion, List<String> reasons, @Nullable LeadSummary lead) {
		this(eventId, occurredAt, leadId, repId, repName, team, method, grade, agreementVersion, reasons, lead,
				List.of());
	}

	/**
	 * The assignment of an erased person: without the person's name, or the judge's words
	 * in its steps and reasons.
	 */
	@Override
	public LeadAssigned erased() {
		List<RoutingStep> erased = this.steps.stream().map(RoutingStep::erased).toList();
		return new LeadAssigned(this.eventId, this.occurredAt, this.leadId, this.repId, this.repName, this.team,
				this.method, this.grade, this.agreementVersion, this.steps.isEmpty()
						? this.reasons.stream().map(LeadErased::withoutWords).toList() : RoutingStep.sentences(erased),
				(this.lead != null) ? this.lead.anonymous() : null, erased);
	}

	/** An assignment that says nothing of who the lead is. */
	public LeadAssigned(UUID eventId, Instant occurredAt, UUID leadId, String repId, String repName, String team,
			Method method, String grade, int agreementVersion, List<String> reasons) {
		this(eventId, occurredAt, leadId, repId, repName, team, method, grade, agreementVersion, reasons, null);
	}

	/** How a rep was chosen. */
	public enum Method {

		/** The owner of the lead's account. */
		ACCOUNT_OWNER,
		/** Weighted round robin inside the territory's team. */
		ROUND_ROBIN,
		/**
		 * Another rep, by the judge's ruling or because the SLA escalation asked for one.
		 */
		REASSIGNMENT,
		/** The same rep again, by the judge's ruling that sales must follow up. */
		FOLLOW_UP,

		/**
		 * A method written by a newer release than this reader's: the assignment stands;
		 * never written.
		 */
		@JsonEnumDefaultValue
		UNKNOWN

	}

}
