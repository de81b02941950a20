package io.handoff.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A lead scored against the agreement in force. Written by scoring to {@code leads.scored}.
 *
 * @param eventId unique id of this event
 * @param occurredAt when the lead was scored
 * @param leadId the lead
 * @param lead the lead as received, so readers need no other lookup
 * @param fitScore points from the fit rules
 * @param engagementScore points from engagement
 * @param grade the fit grade
 * @param stage the stage the lead is in now
 * @param previousStage the stage before this event, {@code null} for a new lead
 * @param agreementId the agreement applied
 * @param agreementVersion its version
 * @param explanation every rule that fired, with its points
 * @param stageReason why the lead is in its stage, in words
 */
public record LeadScored(UUID eventId, Instant occurredAt, UUID leadId, LeadReceived lead, int fitScore,
		int engagementScore, String grade, Stage stage, @Nullable Stage previousStage, String agreementId,
		int agreementVersion, List<RuleHit> explanation, String stageReason) {

	public LeadScored {
		explanation = List.copyOf(explanation);
	}

	/** Whether this event moves the lead into {@code stage} (rather than re-scoring it there). */
	public boolean entered(Stage target) {
		return this.stage == target && this.previousStage != target;
	}

	/** Where a lead stands in the funnel. */
	public enum Stage {

		INQUIRY, MQL, SALES_READY, NURTURE, DISQUALIFIED

	}

	/**
	 * A rule that fired.
	 *
	 * @param ruleId the rule's id in the agreement
	 * @param description what it matched, for people
	 * @param points the points it gave
	 */
	public record RuleHit(String ruleId, String description, int points) {
	}

}
