package io.handoff.scoring.scores;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.handoff.events.StageStep;
import io.handoff.events.EngagementRecorded;
import io.handoff.events.FromNewerRelease;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored;
import io.handoff.events.LeadScored.Stage;
import io.handoff.events.Ruling;
import io.handoff.events.SalesActivity;
import io.handoff.scoring.Agreements;
import io.handoff.test.Leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Scoring's decisions on one lead, without Kafka. */
class RescoringTests {

	static final Instant NOW = LeadScorerTests.NOW;

	final CompiledAgreement starter = CompiledAgreement.of(Agreements.starter());

	final LeadReceived lead = Leads.salesReady("dana.reyes@northwind.com", NOW);

	final String leadId = this.lead.leadId().toString();

	@Test
	void aLeadReceivedIsScoredAndEntersTheStageItsScoresGive() {
		Rescoring.Taken taken = take(LeadProfile.EMPTY, null, this.lead);
		assertThat(taken.rescore()).isTrue();
		assertThat(taken.move()).isNull();

		Rescoring.Published published = publish(taken, null);

		LeadScored scored = published.scored();
		assertThat(scored.stage()).isEqualTo(Stage.SALES_READY);
		assertThat(scored.previousStage()).isNull();
		assertThat(scored.changedBy()).isEqualTo(Waterfall.SCORING);
		assertThat(scored.agreementVersion()).isEqualTo(this.starter.agreement().version());
		assertThat(published.changed()).isTrue();
		assertThat(published.profile().stage()).isEqualTo(Stage.SALES_READY);
	}

	@Test
	void aLeadMustBeKeyedByItsOwnId() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Rescoring.take(UUID.randomUUID().toString(), LeadProfile.EMPTY, null, this.lead,
					() -> this.starter))
			.withMessageStartingWith("A lead must be keyed by its leadId");
	}

	@Test
	void anAssignmentOfASalesReadyLeadNamesItsReaderAndPublishesNothing() {
		LeadProfile salesReady = salesReady();

		Rescoring.Taken taken = take(salesReady, Stage.SALES_READY, assignment("anna-snelling"));

		assertThat(taken.profile().assignee()).isEqualTo("anna-snelling");
		assertThat(taken.move()).isNull();
		assertThat(taken.rescore()).isFalse();
	}

	@Test
	void theAssigneesFirstTouchAcceptsTheLeadAnotherRepsIsKeptUntilTheirAssignmentIsRead() {
		LeadProfile salesReady = salesReady();
		SalesActivity call = new SalesActivity(UUID.randomUUID(), NOW.plusSeconds(60), this.lead.leadId(),
				"anna-snelling", SalesActivity.Type.CALL, null);

		Rescoring.Taken early = take(salesReady, Stage.SALES_READY, call);
		assertThat(early.move()).isNull();
		assertThat(early.profile().earlyActivity()).isEqualTo(call);

		LeadAssigned assigned = assignment("anna-snelling");
		LeadProfile held = take(early.profile(), Stage.SALES_READY, assigned).profile();
		Waterfall.Move accepted = Rescoring.early(held, Stage.SALES_READY, call, assigned, this.starter);
		assertThat(accepted.stage()).isEqualTo(Stage.ACCEPTED);
		assertThat(accepted.by()).isEqualTo("anna-snelling");
		assertThat(Rescoring.early(held, Stage.SALES_READY, call, assignment("cecily-lampkin"), this.starter)).isNull();

		Rescoring.Published published = Rescoring.publish(held, Stage.SALES_READY, accepted, false, accepted.by(),
				false, this.starter, NOW.plusSeconds(61), null);
		assertThat(published.scored().stage()).isEqualTo(Stage.ACCEPTED);
		assertThat(published.scored().previousStage()).isEqualTo(Stage.SALES_READY);
		assertThat(published.scored().changedBy()).isEqualTo("anna-snelling");
	}

	@Test
	void anActivityAnOutcomeOrARulingOfANewerReleaseIsRefusedToTheDeadLettersNotGuessedAt() {
		LeadProfile assigned = take(salesReady(), Stage.SALES_READY, assignment("anna-snelling")).profile();
		SalesActivity newer = new SalesActivity(UUID.randomUUID(), NOW.plusSeconds(60), this.lead.leadId(),
				"anna-snelling", SalesActivity.Type.UNKNOWN, null);
		LeadOutcome outcome = new LeadOutcome(UUID.randomUUID(), NOW, this.lead.leadId(), LeadOutcome.Outcome.UNKNOWN,
				BigDecimal.TEN);
		Ruling ruling = new Ruling(UUID.randomUUID(), NOW, this.lead.leadId(), UUID.randomUUID(),
				Ruling.Decision.UNKNOWN, "ruled", "ceo");

		for (Object event : List.of(newer, outcome, ruling)) {
			assertThatExceptionOfType(FromNewerRelease.class)
				.isThrownBy(() -> take(assigned, Stage.SALES_READY, event));
		}
	}

	@Test
	void aMoveThatChangesNothingPublishesNothing() {
		LeadProfile salesReady = salesReady();

		assertThat(Rescoring.publish(salesReady, Stage.SALES_READY,
				new Waterfall.Move(Stage.SALES_READY, "routing", new StageStep.Assigned("anna-snelling")), false,
				"routing", false, this.starter, NOW, null))
			.isNull();
	}

	@Test
	void anErasedLeadKeepsItsLastScoresWhateverItsProfileSays() {
		LeadProfile salesReady = salesReady();
		LatestScore kept = LatestScore.of(publish(take(LeadProfile.EMPTY, null, this.lead), null).scored());

		Rescoring.Published published = Rescoring.publish(
				salesReady.withEngagement(new LeadProfile.Engagement("webinar", NOW)), Stage.SALES_READY, null, true,
				Waterfall.SCORING, false, this.starter, NOW, kept);

		assertThat(published.scored().fitScore()).isEqualTo(kept.fitScore());
		assertThat(published.changed()).isFalse();
	}

	@Test
	void aLeadDueAReviewIsLookedAtLaterWhileItsStageStillHolds() {
		Rescoring.Review review = Rescoring.review(salesReady(), Stage.SALES_READY, this.starter, NOW.plusSeconds(60));

		assertThat(review.recycle()).isNull();
		assertThat(review.faded()).isFalse();
	}

	@Test
	void anEventScoringDoesNotReadIsRefusedByName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> take(LeadProfile.EMPTY, null,
					new LeadErased(UUID.randomUUID(), NOW, this.lead.leadId(), "admin")))
			.withMessage("Scoring does not read LeadErased");
	}

	@Test
	void engagementReScoresTheLead() {
		EngagementRecorded webinar = new EngagementRecorded(UUID.randomUUID(), NOW, this.lead.leadId(), "webinar",
				null);

		Rescoring.Taken taken = take(salesReady(), Stage.SALES_READY, webinar);

		assertThat(taken.rescore()).isTrue();
		assertThat(taken.profile().engagements()).hasSize(1);
	}

	private LeadProfile salesReady() {
		return publish(take(LeadProfile.EMPTY, null, this.lead), null).profile();
	}

	private Rescoring.Taken take(LeadProfile profile, Stage current, Object event) {
		return Rescoring.take(this.leadId, profile, current, event, () -> this.starter);
	}

	private Rescoring.Published publish(Rescoring.Taken taken, Stage current) {
		return Rescoring.publish(taken.profile(), current, taken.move(), taken.rescore(), taken.by(), false,
				this.starter, NOW, null);
	}

	private LeadAssigned assignment(String repId) {
		return new LeadAssigned(UUID.randomUUID(), NOW, this.lead.leadId(), repId, repId, "Central",
				LeadAssigned.Method.ROUND_ROBIN, "B", 1, List.of("round robin"));
	}

}
