package io.handoff.scoring.scores;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.handoff.events.StageChange;
import io.handoff.events.EngagementRecorded;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadScored.Stage;
import io.handoff.events.StageStep;
import io.handoff.events.LeadScored;
import io.handoff.events.Ruling;
import io.handoff.events.SalesActivity;

/**
 * Scoring's decisions: what an event does to what scoring knows of a lead (its
 * {@link LeadProfile}) and to its stage on the demand waterfall, the score that is
 * published for it, and what a lead due a review becomes. Plain Java: the topology keeps
 * the profiles, scores and reviews and carries out what this decides.
 */
final class Rescoring {

	private Rescoring() {
	}

	/**
	 * What {@code event} does to the lead.
	 * @param profile what scoring knows of the lead before it
	 * @param current the lead's stage before it
	 * @param event a lead received, an engagement, a ruling, an assignment, an outcome,
	 * an activity or a return
	 * @param agreement the agreement in force, compiled (read only for the events that
	 * need it)
	 * @throws IllegalArgumentException for an event scoring does not read, or a lead not
	 * keyed by its id
	 */
	static Taken take(String leadId, LeadProfile profile, @Nullable Stage current, Object event,
			Supplier<CompiledAgreement> agreement) {
		if (event instanceof LeadReceived lead) {
			if (lead.leadId() == null) {
				throw new IllegalArgumentException("A lead without leadId cannot be scored: intake names every lead");
			}
			if (!lead.leadId().toString().equals(leadId)) {
				throw new IllegalArgumentException(
						"A lead must be keyed by its leadId; got key " + leadId + " for leadId " + lead.leadId());
			}
			return Taken.rescored(profile.withLead(lead));
		}
		if (event instanceof EngagementRecorded engagement) {
			return Taken.rescored(
					profile.withEngagement(new LeadProfile.Engagement(engagement.type(), engagement.occurredAt())));
		}
		if (event instanceof Ruling ruling) {
			Waterfall.Move move = Waterfall.ruled(current, beforeReturn(profile), ruling);
			if (ruling.decision() != Ruling.Decision.RETURN_TO_MARKETING) {
				return new Taken(profile, move, false, Waterfall.SCORING);
			}
			// Back with marketing: the rep who had it no longer reads it.
			return new Taken(profile
				.withReturnedToMarketing(new LeadProfile.ReturnedToMarketing(ruling.caseId(), ruling.reason(),
						ruling.judge(), ruling.occurredAt()))
				.withAssignee(null), move, true, ruling.judge());
		}
		if (event instanceof LeadAssigned assigned) {
			// Whose lead it is decides who may read its score; the score itself does not
			// change.
			return Taken.moved(profile.withAssignee(assigned.repId()), Waterfall.assigned(current, assigned.repId()));
		}
		if (event instanceof LeadOutcome outcome) {
			return Taken.moved(profile.withOutcome(outcome.outcome() != LeadOutcome.Outcome.LOST, outcome.amount()),
					Waterfall.outcome(current, outcome));
		}
		if (event instanceof SalesActivity activity) {
			Waterfall.Move move = Waterfall.worked(current, profile.assignee(), activity,
					agreement.get().agreement().stages().acceptedBy());
			if (move == null && current == Stage.SALES_READY && !activity.repId().equals(profile.assignee())) {
				// Perhaps the rep's assignment is still to be read (another topic): kept
				// until it is.
				return Taken.moved(profile.withEarlyActivity(activity), null);
			}
			return Taken.moved(profile, move);
		}
		if (event instanceof LeadReturned returned) {
			return Taken.moved(profile, Waterfall.returned(current, profile.assignee(), returned,
					agreement.get().agreement().returnReason(returned.reasonCode())));
		}
		throw new IllegalArgumentException("Scoring does not read " + event.getClass().getSimpleName());
	}

	/**
	 * The move an activity read before the lead's assignment to its rep makes, now that
	 * the assignment is read: none for another rep's, or one from before this assignment
	 * (a touch of an earlier one).
	 */
	static Waterfall.@Nullable Move early(LeadProfile profile, @Nullable Stage current, SalesActivity early,
			LeadAssigned assigned, CompiledAgreement agreement) {
		if (profile.lead() == null || !early.repId().equals(assigned.repId())
				|| early.occurredAt().isBefore(assigned.occurredAt())) {
			return null;
		}
		return Waterfall.worked(current, profile.assignee(), early, agreement.agreement().stages().acceptedBy());
	}

	/**
	 * The lead's score at {@code now}, in the stage {@code move} takes it to or the one
	 * its scores give where they decide, with the profile after it; {@code null} when a
	 * move changes nothing and nothing re-scores.
	 * @param profile the lead's profile (with a lead)
	 * @param current its stage before
	 * @param move the move an event made, if any
	 * @param rescore whether the event changed what the score is made of
	 * @param by who moved it, when its scores did
	 * @param faded whether its engagement faded (a review)
	 * @param kept the last score of an erased person, which is not scored again (what
	 * made it is gone)
	 */
	static @Nullable Published publish(LeadProfile profile, @Nullable Stage current, Waterfall.@Nullable Move move,
			boolean rescore, String by, boolean faded, CompiledAgreement agreement, Instant now,
			@Nullable LatestScore kept) {
		if (move != null && move.stage() == current && !rescore) {
			// Nothing to publish (a lead's assignment read back, say): not scored at all.
			return null;
		}
		LeadScorer.Score score = (kept != null) ? kept.asScore() : LeadScorer.score(agreement, profile, now);
		Stage stage = (move != null) ? move.stage() : Waterfall.scored(current, profile.assignee(), score.stage());
		boolean changed = stage != current;
		LeadAgreement terms = agreement.agreement();
		StageStep why = (move != null) ? move.why() : (stage == score.stage())
				? (faded ? new StageStep.Faded(score.why()) : score.why()) : kept(profile, stage, score);
		String who = (move != null) ? move.by() : by;
		LeadReceived lead = profile.lead();
		LeadScored scored = LeadScored.of(UUID.randomUUID(), now, lead.leadId(), lead, score.fit(), score.engagement(),
				score.grade(), stage, current, terms.agreementId(), terms.version(), score.explanation(), why,
				changed ? who : null);
		return new Published(scored,
				changed ? profile.withStage(
						new StageChange(stage, current, now, who, why, score.grade(), terms.version())) : profile,
				changed);
	}

	/**
	 * What a lead due a review at {@code now} becomes: recycled if the agreement's period
	 * in its stage is over, re-scored if its engagement faded below its stage, else
	 * looked at again later.
	 */
	static Review review(LeadProfile profile, @Nullable Stage current, CompiledAgreement agreement, Instant now) {
		StageChange last = profile.lastChange();
		Waterfall.Move recycle = Waterfall.recycled(current, (last != null) ? last.at() : null,
				agreement.agreement().stages(), now);
		if (recycle != null) {
			return new Review(recycle, false);
		}
		return new Review(null, Waterfall.fades(current, profile.assignee()) && Waterfall.scored(current,
				profile.assignee(), LeadScorer.score(agreement, profile, now).stage()) != current);
	}

	/**
	 * When the lead in {@code stage} is next due a review (recycled, or faded below its
	 * stage), if ever.
	 */
	static @Nullable Instant nextReview(LeadProfile profile, @Nullable Stage stage,
			Supplier<CompiledAgreement> agreement, Instant now) {
		if (stage == null || profile.lead() == null) {
			return null;
		}
		StageChange last = profile.lastChange();
		Instant next = Waterfall.recyclesAt(stage, (last != null) ? last.at() : null,
				agreement.get().agreement().stages());
		if (next == null && Waterfall.fades(stage, profile.assignee())) {
			next = LeadScorer.fadesAt(agreement.get(), profile, stage, now);
		}
		return next;
	}

	/** The stage a returned lead was in before its rep sent it back. */
	private static @Nullable Stage beforeReturn(LeadProfile profile) {
		StageChange last = profile.lastChange();
		return (last != null && last.stage() == Stage.RETURNED) ? last.from() : null;
	}

	/**
	 * Why a lead whose scores no longer decide its stage is still in it: its latest move,
	 * and its scores.
	 */
	private static StageStep kept(LeadProfile profile, Stage stage, LeadScorer.Score score) {
		StageChange last = profile.lastChange();
		return new StageStep.Kept((last != null && last.stage() == stage) ? last.step() : null, stage, score.stage(),
				score.why());
	}

	/**
	 * What an event did to a lead.
	 *
	 * @param profile the profile after it
	 * @param move the move it made on the waterfall, if any
	 * @param rescore whether it changed what the score is made of
	 * @param by who moved the lead, when its scores did
	 */
	record Taken(LeadProfile profile, Waterfall.@Nullable Move move, boolean rescore, String by) {

		static Taken rescored(LeadProfile profile) {
			return new Taken(profile, null, true, Waterfall.SCORING);
		}

		static Taken moved(LeadProfile profile, Waterfall.@Nullable Move move) {
			return new Taken(profile, move, false, Waterfall.SCORING);
		}

	}

	/**
	 * A score to publish.
	 *
	 * @param scored the score
	 * @param profile the profile with the change of stage, if any
	 * @param changed whether the lead entered another stage
	 */
	record Published(LeadScored scored, LeadProfile profile, boolean changed) {
	}

	/**
	 * What a review found.
	 *
	 * @param recycle the move back to marketing, when the agreement's period in its stage
	 * is over
	 * @param faded whether its engagement faded below its stage (and it is re-scored)
	 */
	record Review(Waterfall.@Nullable Move recycle, boolean faded) {
	}

}
