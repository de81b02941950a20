package io.handoff.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadScored.Stage;

/**
 * One change of a lead's stage on the demand waterfall, as scoring keeps it with the lead
 * and its API shows it.
 *
 * @param stage the stage the lead entered
 * @param from the stage it left, {@code null} for its first
 * @param at when
 * @param by who moved it: {@code scoring} (the agreement's rules), a rep's id, the judge,
 * the sales tool, routing
 * @param why {@code step}'s sentence, as changes were kept before steps were
 * @param grade the lead's fit grade at the change, {@code null} for changes kept before
 * grades were
 * @param agreementVersion the version of the agreement in force at the change (the one
 * the lead was scored under), {@code null} for changes kept before versions were: figures
 * count a lead under it, so last month's do not move when the agreement does
 * @param step why it changed (the words, for changes kept before steps were)
 */
public record StageChange(Stage stage, @Nullable Stage from, Instant at, String by, String why, @Nullable String grade,
		@Nullable Integer agreementVersion, StageStep step) {

	public StageChange {
		step = StageStep.Said.orWords(step, why);
	}

	public StageChange(Stage stage, @Nullable Stage from, Instant at, String by, StageStep step, @Nullable String grade,
			@Nullable Integer agreementVersion) {
		this(stage, from, at, by, step.sentence(), grade, agreementVersion, step);
	}

	public StageChange(Stage stage, @Nullable Stage from, Instant at, String by, String why, @Nullable String grade,
			@Nullable Integer agreementVersion) {
		this(stage, from, at, by, why, grade, agreementVersion, null);
	}

	public StageChange(Stage stage, @Nullable Stage from, Instant at, String by, String why) {
		this(stage, from, at, by, why, null, null);
	}

	/**
	 * The change of an erased person: why without the words people wrote about them (a
	 * judge's reason). A change kept in words only keeps them where the software moved
	 * the lead ({@code bySoftware}), and loses them where a person did.
	 */
	public StageChange erased(boolean bySoftware) {
		boolean softwaresWords = bySoftware && this.step instanceof StageStep.Said;
		return softwaresWords ? this : new StageChange(this.stage, this.from, this.at, this.by, this.step.erased(),
				this.grade, this.agreementVersion);
	}

}
