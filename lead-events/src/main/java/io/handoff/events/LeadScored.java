package io.handoff.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import org.jspecify.annotations.Nullable;

/**
 * A lead scored against the agreement in force. Written by scoring to
 * {@code leads.scored}.
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
 * @param stageReason why the lead is in its stage, in words: {@code why}'s sentence, for
 * readers that read words
 * @param changedBy who moved the lead to its stage: {@code scoring} for the agreement's
 * rules, a rep's id, the judge, the sales tool or the agreement's clock; {@code null}
 * when this event re-scores the lead in the stage it had
 * @param why why the lead is in its stage (read from an earlier release, which wrote
 * words only, or of a kind this release does not know: the words)
 */
public record LeadScored(UUID eventId, Instant occurredAt, UUID leadId, LeadReceived lead, int fitScore,
		int engagementScore, String grade, Stage stage, @Nullable Stage previousStage, String agreementId,
		int agreementVersion, List<RuleHit> explanation, String stageReason, @Nullable String changedBy,
		StageStep why) implements LeadEvent {

	public LeadScored {
		explanation = List.copyOf(explanation);
		why = StageStep.Said.orWords(why, stageReason);
	}

	/** A score whose reason is in words only. */
	public LeadScored(UUID eventId, Instant occurredAt, UUID leadId, LeadReceived lead, int fitScore,
			int engagementScore, String grade, Stage stage, @Nullable Stage previousStage, String agreementId,
			int agreementVersion, List<RuleHit> explanation, String stageReason, @Nullable String changedBy) {
		this(eventId, occurredAt, leadId, lead, fitScore, engagementScore, grade, stage, previousStage, agreementId,
				agreementVersion, explanation, stageReason, changedBy, null);
	}

	/** A score with {@code why} the lead is in its stage, and its words beside it. */
	public static LeadScored of(UUID eventId, Instant occurredAt, UUID leadId, LeadReceived lead, int fitScore,
			int engagementScore, String grade, Stage stage, @Nullable Stage previousStage, String agreementId,
			int agreementVersion, List<RuleHit> explanation, StageStep why, @Nullable String changedBy) {
		return new LeadScored(eventId, occurredAt, leadId, lead, fitScore, engagementScore, grade, stage, previousStage,
				agreementId, agreementVersion, explanation, why.sentence(), changedBy, why);
	}

	public LeadScored(UUID eventId, Instant occurredAt, UUID leadId, LeadReceived lead, int fitScore,
			int engagementScore, String grade, Stage stage, @Nullable Stage previousStage, String agreementId,
			int agreementVersion, List<RuleHit> explanation, String stageReason) {
		this(eventId, occurredAt, leadId, lead, fitScore, engagementScore, grade, stage, previousStage, agreementId,
				agreementVersion, explanation, stageReason, null);
	}

	/**
	 * The score of an erased person: the lead without its personal fields, each rule's
	 * points without what it matched, and why it is in its stage without the words people
	 * wrote about them (a judge's reason).
	 */
	@Override
	public LeadScored erased() {
		return of(this.eventId, this.occurredAt, this.leadId, this.lead.anonymous(), this.fitScore,
				this.engagementScore, this.grade, this.stage, this.previousStage, this.agreementId,
				this.agreementVersion, erased(this.explanation), this.why.erased(), this.changedBy);
	}

	/** Each rule's points without what it matched of an erased person. */
	public static List<RuleHit> erased(List<RuleHit> explanation) {
		return explanation.stream().map((hit) -> new RuleHit(hit.ruleId(), LeadErased.ERASED, hit.points())).toList();
	}

	/**
	 * Whether this event moves the lead into {@code stage} (rather than re-scoring it
	 * there).
	 */
	public boolean entered(Stage target) {
		return this.stage == target && this.previousStage != target;
	}

	/**
	 * Where a lead stands in the demand waterfall: INQUIRY, MQL, SALES_READY (marketing's
	 * handoff), ACCEPTED (its rep took it), OPPORTUNITY, WON or LOST; RETURNED while the
	 * judge decides; NURTURE (back with marketing); RECYCLED (a lost or long-nurtured
	 * lead back with marketing, its engagement reset); DISQUALIFIED. New stages may be
	 * added: a reader that does not know one reads {@link #UNKNOWN}, so services can be
	 * upgraded one at a time.
	 */
	public enum Stage {

		INQUIRY, MQL, SALES_READY, ACCEPTED, OPPORTUNITY, WON, LOST, RETURNED, NURTURE, RECYCLED, DISQUALIFIED,

		/** A stage written by a newer version than this reader's; never written. */
		@JsonEnumDefaultValue
		UNKNOWN

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
