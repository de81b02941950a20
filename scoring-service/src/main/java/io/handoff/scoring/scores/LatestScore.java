package io.handoff.scoring.scores;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored;
import io.handoff.events.StageStep;

/**
 * A lead's latest score as scoring keeps it: the {@link LeadScored} it published without
 * the lead it carries, which the lead's profile holds already (the lead was two thirds of
 * every score written to the store and its changelog). The fields are
 * {@link LeadScored}'s.
 */
record LatestScore(UUID eventId, Instant occurredAt, UUID leadId, int fitScore, int engagementScore, String grade,
		LeadScored.Stage stage, LeadScored.@Nullable Stage previousStage, String agreementId, int agreementVersion,
		List<LeadScored.RuleHit> explanation, String stageReason, @Nullable String changedBy, StageStep why) {

	LatestScore {
		explanation = List.copyOf(explanation);
		why = StageStep.Said.orWords(why, stageReason);
	}

	static LatestScore of(LeadScored scored) {
		return new LatestScore(scored.eventId(), scored.occurredAt(), scored.leadId(), scored.fitScore(),
				scored.engagementScore(), scored.grade(), scored.stage(), scored.previousStage(), scored.agreementId(),
				scored.agreementVersion(), scored.explanation(), scored.stageReason(), scored.changedBy(),
				scored.why());
	}

	/**
	 * The score of an erased person: the same points per rule, without what each rule
	 * matched (a title, a domain, an attribute of the person) or the words people wrote
	 * about them (a judge's reason).
	 */
	LatestScore erased() {
		StageStep erased = this.why.erased();
		return new LatestScore(this.eventId, this.occurredAt, this.leadId, this.fitScore, this.engagementScore,
				this.grade, this.stage, this.previousStage, this.agreementId, this.agreementVersion,
				LeadScored.erased(this.explanation), erased.sentence(), this.changedBy, erased);
	}

	/**
	 * This score as the scorer gives one: what an erased lead keeps, as it is not scored
	 * again.
	 */
	LeadScorer.Score asScore() {
		return new LeadScorer.Score(this.fitScore, this.engagementScore, this.grade, this.stage, this.explanation,
				this.why);
	}

	/** The score as published, with the lead it was given for. */
	LeadScored withLead(LeadReceived lead) {
		return new LeadScored(this.eventId, this.occurredAt, this.leadId, lead, this.fitScore, this.engagementScore,
				this.grade, this.stage, this.previousStage, this.agreementId, this.agreementVersion, this.explanation,
				this.stageReason, this.changedBy, this.why);
	}

}
