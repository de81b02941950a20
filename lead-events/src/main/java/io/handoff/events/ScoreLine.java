package io.handoff.events;

import java.time.Instant;
import java.util.List;

/**
 * One score of a lead, without the lead: when, the scores, grade and stage, the agreement
 * version, why, and every rule that fired with its points.
 *
 * @param occurredAt when it was scored
 * @param fitScore points from the fit rules
 * @param engagementScore points from engagement
 * @param grade the fit grade
 * @param stage the stage it put the lead in
 * @param agreementVersion the agreement applied
 * @param stageReason why, in words
 * @param explanation every rule that fired, with its points (what it matched is the
 * latest score's to say)
 */
public record ScoreLine(Instant occurredAt, int fitScore, int engagementScore, String grade, LeadScored.Stage stage,
		int agreementVersion, String stageReason, List<Rule> explanation) {

	public ScoreLine {
		explanation = Lists.copyOf(explanation);
	}

	public static ScoreLine of(LeadScored scored) {
		return new ScoreLine(scored.occurredAt(), scored.fitScore(), scored.engagementScore(), scored.grade(),
				scored.stage(), scored.agreementVersion(), scored.stageReason(),
				scored.explanation().stream().map((hit) -> new Rule(hit.ruleId(), hit.points())).toList());
	}

	/** The line of an erased person's score: without the reason in words. */
	public ScoreLine erased() {
		return new ScoreLine(this.occurredAt, this.fitScore, this.engagementScore, this.grade, this.stage,
				this.agreementVersion, LeadErased.ERASED, this.explanation);
	}

	/**
	 * A rule that fired, in a score of the history.
	 *
	 * @param ruleId the rule's id in the agreement
	 * @param points the points it gave
	 */
	public record Rule(String ruleId, int points) {
	}

}
