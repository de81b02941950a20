package io.handoff.scoring.scores;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.handoff.events.FromNewerRelease;
import io.handoff.events.LeadAgreement;
import io.handoff.events.StageRules;
import io.handoff.events.StageStep;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadScored.Stage;
import io.handoff.events.Ruling;
import io.handoff.events.SalesActivity;

/**
 * The demand waterfall: where a lead moves on each event, who moved it and why.
 * Marketing's stages (INQUIRY, MQL, SALES_READY, NURTURE, RECYCLED, DISQUALIFIED) follow
 * the scores; once a rep holds the lead, sales moves it (accepted, opportunity, won or
 * lost, returned) and the judge rules on returns; the agreement's periods recycle lost
 * and long-nurtured leads back to marketing. Plain decisions: no Kafka, no store.
 */
public final class Waterfall {

	/** Who moves a lead by its scores. */
	public static final String SCORING = "scoring";

	/** Who moves a lead without a person: their reasons say nothing of the person. */
	public static final Set<String> SYSTEM = Set.of(SCORING, "routing", "agreement", "sales tool");

	/** The stages in which sales holds the lead. */
	private static final Set<Stage> WITH_SALES = EnumSet.of(Stage.SALES_READY, Stage.ACCEPTED, Stage.OPPORTUNITY,
			Stage.RETURNED);

	/** The stages from which a rep may send a lead back. */
	private static final Set<Stage> RETURNABLE = EnumSet.of(Stage.SALES_READY, Stage.ACCEPTED, Stage.OPPORTUNITY);

	private Waterfall() {
	}

	/**
	 * Whether the scores decide the stage of a lead in {@code current}: while marketing
	 * has it, yes; not once a rep holds it (its SLA runs, and the judge decides on a lead
	 * its rep ignores), nor once it is won or lost.
	 */
	public static boolean scoresDecide(@Nullable Stage current, @Nullable String assignee) {
		if (current == null) {
			return true;
		}
		return switch (current) {
			case ACCEPTED, OPPORTUNITY, RETURNED, WON, LOST -> false;
			case SALES_READY -> assignee == null;
			default -> true;
		};
	}

	/**
	 * The stage of a lead in {@code current} whose scores place it in {@code placed}: the
	 * placement while the scores decide; a recycled lead stays RECYCLED until it
	 * qualifies again.
	 */
	public static Stage scored(@Nullable Stage current, @Nullable String assignee, Stage placed) {
		if (!scoresDecide(current, assignee)) {
			return current;
		}
		if (current == Stage.RECYCLED && placed == Stage.INQUIRY) {
			return Stage.RECYCLED;
		}
		return placed;
	}

	/**
	 * Whether a lead in {@code current} fades out of its stage as its engagement ages:
	 * only while marketing has it.
	 */
	public static boolean fades(@Nullable Stage current, @Nullable String assignee) {
		return current == Stage.MQL || (current == Stage.SALES_READY && assignee == null);
	}

	/**
	 * A lead assigned to {@code repId}: with sales from now on. A lead that faded below
	 * sales-ready while routing gave it to a rep is sales-ready again: the rep holds it.
	 */
	public static @Nullable Move assigned(@Nullable Stage current, String repId) {
		if (current == null || WITH_SALES.contains(current) || current == Stage.WON || current == Stage.LOST) {
			return null;
		}
		return new Move(Stage.SALES_READY, "routing", new StageStep.Assigned(repId));
	}

	/**
	 * The lead's rep worked it: the first touch accepts a sales-ready lead, or only an
	 * explicit accept where the agreement asks for one. Anyone else's activity, or one on
	 * a lead past acceptance, moves nothing.
	 * @throws FromNewerRelease for an activity of a kind a newer release added
	 */
	public static @Nullable Move worked(@Nullable Stage current, @Nullable String assignee, SalesActivity activity,
			StageRules.Acceptance acceptance) {
		if (activity.type() == SalesActivity.Type.UNKNOWN) {
			throw new FromNewerRelease("An activity of a kind");
		}
		if (current != Stage.SALES_READY || assignee == null || !assignee.equals(activity.repId())
				|| activity.type() == null) {
			return null;
		}
		if (activity.type() == SalesActivity.Type.ACCEPT) {
			return new Move(Stage.ACCEPTED, activity.repId(), new StageStep.Accepted());
		}
		if (acceptance == StageRules.Acceptance.FIRST_TOUCH && activity.type().touches()) {
			return new Move(Stage.ACCEPTED, activity.repId(), new StageStep.FirstTouch(activity.type()));
		}
		return null;
	}

	/**
	 * The lead's rep sent it back for an agreed reason ({@code reason}): RETURNED while
	 * the judge decides. A return for no agreed reason, or by another rep, leaves the
	 * lead where it is.
	 */
	public static @Nullable Move returned(@Nullable Stage current, @Nullable String assignee, LeadReturned returned,
			LeadAgreement.@Nullable ReturnReason reason) {
		if (reason == null || current == null || !RETURNABLE.contains(current) || assignee == null
				|| !assignee.equals(returned.repId())) {
			return null;
		}
		// The rep's note stays with the return (the judge reads it there): a stage change
		// says no more about a person.
		return new Move(Stage.RETURNED, returned.repId(), new StageStep.Returned(reason.code(), reason.description()));
	}

	/**
	 * The judge ruled: follow-up required puts a returned lead back where it was
	 * ({@code beforeReturn}); reassigned, it is sales-ready for its next rep; returned to
	 * marketing, it is in NURTURE whatever sales had made of it (until it engages enough
	 * again), unless it was won or lost meanwhile.
	 * @throws FromNewerRelease for a decision a newer release added
	 */
	public static @Nullable Move ruled(@Nullable Stage current, @Nullable Stage beforeReturn, Ruling ruling) {
		StageStep why = new StageStep.Ruled(ruling.decision(), ruling.reason());
		return switch (ruling.decision()) {
			case FOLLOW_UP_REQUIRED -> (current == Stage.RETURNED) ? new Move(
					(beforeReturn != null && RETURNABLE.contains(beforeReturn)) ? beforeReturn : Stage.SALES_READY,
					ruling.judge(), why) : null;
			case REASSIGN -> (current == Stage.RETURNED || current == Stage.ACCEPTED)
					? new Move(Stage.SALES_READY, ruling.judge(), why) : null;
			case RETURN_TO_MARKETING ->
				(current != Stage.WON && current != Stage.LOST && current != Stage.NURTURE)
						? new Move(Stage.NURTURE, ruling.judge(),
								new StageStep.ReturnedToMarketing(ruling.judge(), ruling.caseId(), ruling.reason()))
						: null;
			case UNKNOWN -> throw new FromNewerRelease("A ruling with a decision");
		};
	}

	/**
	 * The sales tool reported what became of the lead: converted is an opportunity, then
	 * won or lost.
	 * @throws FromNewerRelease for an outcome a newer release added
	 */
	public static @Nullable Move outcome(@Nullable Stage current, LeadOutcome outcome) {
		Stage next = switch (outcome.outcome()) {
			case CONVERTED -> Stage.OPPORTUNITY;
			case WON -> Stage.WON;
			case LOST -> Stage.LOST;
			case UNKNOWN -> throw new FromNewerRelease("An outcome");
		};
		if (next == current || (next == Stage.OPPORTUNITY && (current == Stage.WON || current == Stage.LOST))) {
			// A conversion reported after the deal closed is old news.
			return null;
		}
		return new Move(next, "sales tool", new StageStep.Outcome(outcome.outcome(), outcome.amount()));
	}

	/**
	 * When a lead in {@code current} since {@code since} is recycled under {@code rules},
	 * if ever.
	 */
	public static @Nullable Instant recyclesAt(@Nullable Stage current, @Nullable Instant since, StageRules rules) {
		Duration period = (current == Stage.LOST) ? rules.recycleLostAfter()
				: (current == Stage.NURTURE) ? rules.recycleNurtureAfter() : null;
		return (period != null && since != null) ? since.plus(period) : null;
	}

	/**
	 * The lead recycled at {@code now}, if its period in LOST or NURTURE since
	 * {@code since} is over.
	 */
	public static @Nullable Move recycled(@Nullable Stage current, @Nullable Instant since, StageRules rules,
			Instant now) {
		Instant at = recyclesAt(current, since, rules);
		if (at == null || now.isBefore(at)) {
			return null;
		}
		return new Move(Stage.RECYCLED, "agreement", new StageStep.Recycled(current, Duration.between(since, at)));
	}

	/**
	 * A lead's move.
	 *
	 * @param stage the stage it enters
	 * @param by who moved it
	 * @param why why it moved
	 */
	public record Move(Stage stage, String by, StageStep why) {
	}

}
