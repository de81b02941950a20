package io.handoff.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadScored.Stage;

/**
 * Why a lead is in its stage, as a value: what scoring found, not a sentence about it.
 * What the scores decide under the agreement ({@link MissingFields},
 * {@link ReturnedToMarketing}, {@link Disqualified}, {@link Reached},
 * {@link NoThreshold}), what moved the lead on the demand waterfall ({@link Assigned},
 * {@link Accepted}, {@link FirstTouch}, {@link Returned}, {@link Ruled}, {@link Outcome},
 * {@link Recycled}), and how the two meet ({@link Faded}, {@link Kept}). Scoring decides
 * in steps; whoever shows them to people turns them into words with {@link #sentence()}
 * (the {@code stageReason} of {@link LeadScored}, for readers that read words). Written
 * as JSON with its {@code kind}; a kind this release does not know, and a reason written
 * in words only by an earlier release, read as {@link Said}.
 */
// Every kind is listed, though Jackson 3.1 finds a sealed interface's subtypes itself: it
// looks for them again on every use, which cost scoring two thirds of its throughput.
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind", defaultImpl = StageStep.Said.class)
@JsonSubTypes({ @JsonSubTypes.Type(value = StageStep.MissingFields.class, name = "MISSING_FIELDS"),
		@JsonSubTypes.Type(value = StageStep.ReturnedToMarketing.class, name = "RETURNED_TO_MARKETING"),
		@JsonSubTypes.Type(value = StageStep.Disqualified.class, name = "DISQUALIFIED"),
		@JsonSubTypes.Type(value = StageStep.Reached.class, name = "REACHED"),
		@JsonSubTypes.Type(value = StageStep.NoThreshold.class, name = "NO_THRESHOLD"),
		@JsonSubTypes.Type(value = StageStep.Assigned.class, name = "ASSIGNED"),
		@JsonSubTypes.Type(value = StageStep.Accepted.class, name = "ACCEPTED"),
		@JsonSubTypes.Type(value = StageStep.FirstTouch.class, name = "FIRST_TOUCH"),
		@JsonSubTypes.Type(value = StageStep.Returned.class, name = "RETURNED"),
		@JsonSubTypes.Type(value = StageStep.Ruled.class, name = "RULED"),
		@JsonSubTypes.Type(value = StageStep.Outcome.class, name = "OUTCOME"),
		@JsonSubTypes.Type(value = StageStep.Recycled.class, name = "RECYCLED"),
		@JsonSubTypes.Type(value = StageStep.Faded.class, name = "FADED"),
		@JsonSubTypes.Type(value = StageStep.Kept.class, name = "KEPT"),
		@JsonSubTypes.Type(value = StageStep.Said.class, name = "SAID") })
public sealed interface StageStep {

	/** The step in words, for people. */
	String sentence();

	/**
	 * The step as an erased person's lead keeps it: without the words people wrote about
	 * them (a judge's reason); what the agreement and the scores say stays.
	 */
	default StageStep erased() {
		return this;
	}

	/**
	 * Whether this release knows every part of the step (a newer release may have written
	 * a kind it does not, alone or inside {@link Faded} or {@link Kept}).
	 */
	default boolean known() {
		return true;
	}

	/** Required fields the lead lacks keep it in INQUIRY. */
	record MissingFields(List<String> required) implements StageStep {

		@Override
		public String sentence() {
			return "missing a field the agreement requires to leave INQUIRY: " + this.required;
		}

	}

	/** The judge returned the lead to marketing: it nurtures until it engages again. */
	record ReturnedToMarketing(String judge, UUID caseId, String reason) implements StageStep {

		@Override
		public String sentence() {
			return "returned to marketing by " + this.judge + " (case " + this.caseId + "): " + this.reason;
		}

		@Override
		public StageStep erased() {
			return new ReturnedToMarketing(this.judge, this.caseId, LeadErased.ERASED);
		}

	}

	/** A fit below the agreement's floor disqualifies. */
	record Disqualified(int fit, int engagement, int below) implements StageStep {

		@Override
		public String sentence() {
			return scores(this.fit, this.engagement) + ": fit below " + this.below + " disqualifies";
		}

	}

	/** The scores reach one of the agreement's thresholds for {@code stage}. */
	record Reached(Stage stage, int fit, int engagement, int minFit, int minEngagement) implements StageStep {

		@Override
		public String sentence() {
			return scores(this.fit, this.engagement) + " reach "
					+ ((this.stage == Stage.SALES_READY) ? "sales-ready" : this.stage.name()) + " (fit " + this.minFit
					+ ", engagement " + this.minEngagement + ")";
		}

	}

	/** The scores reach no threshold: an inquiry still. */
	record NoThreshold(int fit, int engagement) implements StageStep {

		@Override
		public String sentence() {
			return scores(this.fit, this.engagement) + " reach no MQL threshold";
		}

	}

	/** Routing gave the lead to a rep. */
	record Assigned(String repId) implements StageStep {

		@Override
		public String sentence() {
			return "assigned to " + this.repId;
		}

	}

	/** The rep accepted the lead. */
	record Accepted() implements StageStep {

		@Override
		public String sentence() {
			return "accepted by the rep";
		}

	}

	/** The rep's first touch accepts the lead, as the agreement has it. */
	record FirstTouch(SalesActivity.Type touch) implements StageStep {

		@Override
		public String sentence() {
			return "first touch (" + this.touch.name().toLowerCase(Locale.ROOT) + ") accepts it";
		}

	}

	/** The rep sent the lead back for one of the agreement's reasons. */
	record Returned(String reasonCode, String description) implements StageStep {

		@Override
		public String sentence() {
			return "returned: " + this.reasonCode + " (" + this.description + ")";
		}

	}

	/** The judge ruled on the lead's case. */
	record Ruled(Ruling.Decision decision, String reason) implements StageStep {

		@Override
		public String sentence() {
			return "ruled " + this.decision.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + this.reason;
		}

		@Override
		public StageStep erased() {
			return new Ruled(this.decision, LeadErased.ERASED);
		}

	}

	/** The sales tool reported what became of the lead. */
	record Outcome(LeadOutcome.Outcome outcome, @Nullable BigDecimal amount) implements StageStep {

		@Override
		public String sentence() {
			return "outcome reported: " + this.outcome.name().toLowerCase(Locale.ROOT)
					+ ((this.amount != null) ? ", amount " + this.amount.toPlainString() : "");
		}

	}

	/** The agreement's period in LOST or NURTURE is over: back to marketing. */
	record Recycled(Stage from, Duration after) implements StageStep {

		@Override
		public String sentence() {
			String length = (this.after.toHours() % 24 == 0) ? this.after.toDays() + " days" : this.after.toString();
			return this.from.name().toLowerCase(Locale.ROOT) + " for " + length
					+ ": back to marketing, its engagement reset";
		}

	}

	/** The lead's engagement faded: its scores now say {@code scores}. */
	record Faded(StageStep scores) implements StageStep {

		@Override
		public String sentence() {
			return "engagement faded: " + this.scores.sentence();
		}

		@Override
		public StageStep erased() {
			return new Faded(this.scores.erased());
		}

		@Override
		public boolean known() {
			return this.scores.known();
		}

	}

	/**
	 * A lead whose scores no longer decide its stage stays in {@code stage} by its latest
	 * {@code move} (none kept: the stage alone), though the scores alone would make it
	 * {@code scoresStage} ({@code scores}).
	 */
	record Kept(@Nullable StageStep move, Stage stage, Stage scoresStage, StageStep scores) implements StageStep {

		@Override
		public String sentence() {
			return ((this.move != null) ? this.move.sentence() : this.stage.name().toLowerCase(Locale.ROOT))
					+ " (the scores alone would make it " + this.scoresStage + ": " + this.scores.sentence() + ")";
		}

		@Override
		public StageStep erased() {
			return new Kept((this.move != null) ? this.move.erased() : null, this.stage, this.scoresStage,
					this.scores.erased());
		}

		@Override
		public boolean known() {
			return (this.move == null || this.move.known()) && this.scores.known();
		}

	}

	/**
	 * A reason in words only: as an earlier release wrote it, or of a kind this release
	 * does not know (its words are in the {@code stageReason} beside it).
	 *
	 * @param sentence the words
	 */
	record Said(@Nullable String sentence) implements StageStep {

		/**
		 * A step of a kind this release does not know, read without its words (they are
		 * in the {@code stageReason} beside it).
		 */
		static final Said NEWER = new Said(null);

		public Said {
			sentence = (sentence != null) ? sentence : "(a step of a newer release)";
		}

		@Override
		public boolean known() {
			return !NEWER.equals(this);
		}

		/** Words, for all this release knows, about the person: taken away whole. */
		@Override
		public StageStep erased() {
			return new Said(LeadErased.ERASED);
		}

		/**
		 * The step of {@code why}, or its {@code words} where this release does not know
		 * it, or a part of it.
		 */
		public static StageStep orWords(@Nullable StageStep why, String words) {
			return (why == null || !why.known()) ? new Said(words) : why;
		}

	}

	private static String scores(int fit, int engagement) {
		return "fit " + fit + ", engagement " + engagement;
	}

}
