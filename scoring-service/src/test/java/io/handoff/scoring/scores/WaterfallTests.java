package io.handoff.scoring.scores;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.handoff.events.LeadAgreement;
import io.handoff.events.StageRules.Acceptance;
import io.handoff.events.StageRules;
import io.handoff.events.StageStep;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadScored.Stage;
import io.handoff.events.Ruling;
import io.handoff.events.SalesActivity;

import static org.assertj.core.api.Assertions.assertThat;

class WaterfallTests {

	static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");

	static final LeadAgreement.ReturnReason NO_BUDGET = new LeadAgreement.ReturnReason("NO_BUDGET", "No budget");

	final StageRules rules = new StageRules(-50, List.of(), List.of(), null, Duration.ofDays(90), Duration.ofDays(180));

	@Test
	void theScoresDecideWhileMarketingHasTheLeadAndNotOnceARepHoldsIt() {
		assertThat(Waterfall.scored(null, null, Stage.MQL)).isEqualTo(Stage.MQL);
		assertThat(Waterfall.scored(Stage.MQL, null, Stage.SALES_READY)).isEqualTo(Stage.SALES_READY);
		assertThat(Waterfall.scored(Stage.SALES_READY, null, Stage.MQL)).isEqualTo(Stage.MQL);
		assertThat(Waterfall.scored(Stage.SALES_READY, "anna", Stage.MQL)).isEqualTo(Stage.SALES_READY);
		for (Stage held : List.of(Stage.ACCEPTED, Stage.OPPORTUNITY, Stage.RETURNED, Stage.WON, Stage.LOST)) {
			assertThat(Waterfall.scored(held, null, Stage.DISQUALIFIED)).as(held.name()).isEqualTo(held);
		}
		// A recycled lead stays recycled until it qualifies again.
		assertThat(Waterfall.scored(Stage.RECYCLED, null, Stage.INQUIRY)).isEqualTo(Stage.RECYCLED);
		assertThat(Waterfall.scored(Stage.RECYCLED, null, Stage.MQL)).isEqualTo(Stage.MQL);
	}

	@Test
	void onlyMarketingsQualifiedLeadsFade() {
		assertThat(Waterfall.fades(Stage.MQL, null)).isTrue();
		assertThat(Waterfall.fades(Stage.SALES_READY, null)).isTrue();
		assertThat(Waterfall.fades(Stage.SALES_READY, "anna")).isFalse();
		assertThat(Waterfall.fades(Stage.ACCEPTED, "anna")).isFalse();
		assertThat(Waterfall.fades(Stage.INQUIRY, null)).isFalse();
		assertThat(Waterfall.fades(Stage.NURTURE, null)).isFalse();
	}

	@Test
	void anAssignmentPutsALeadWithSalesOnce() {
		assertThat(Waterfall.assigned(Stage.SALES_READY, "anna")).isNull();
		assertThat(Waterfall.assigned(Stage.ACCEPTED, "anna")).isNull();
		// Faded while routing gave it to a rep: the rep holds a sales-ready lead.
		assertThat(Waterfall.assigned(Stage.MQL, "anna"))
			.isEqualTo(new Waterfall.Move(Stage.SALES_READY, "routing", new StageStep.Assigned("anna")));
	}

	@Test
	void theFirstTouchOfTheLeadsOwnRepAcceptsItUnlessTheAgreementAsksForAnExplicitAccept() {
		assertThat(Waterfall.worked(Stage.SALES_READY, "anna", activity("anna", SalesActivity.Type.CALL),
				Acceptance.FIRST_TOUCH))
			.isEqualTo(new Waterfall.Move(Stage.ACCEPTED, "anna", new StageStep.FirstTouch(SalesActivity.Type.CALL)));
		assertThat(Waterfall.worked(Stage.SALES_READY, "anna", activity("bob", SalesActivity.Type.CALL),
				Acceptance.FIRST_TOUCH))
			.isNull();
		assertThat(Waterfall.worked(Stage.ACCEPTED, "anna", activity("anna", SalesActivity.Type.CALL),
				Acceptance.FIRST_TOUCH))
			.isNull();
		assertThat(Waterfall.worked(Stage.SALES_READY, "anna", activity("anna", SalesActivity.Type.CALL),
				Acceptance.EXPLICIT))
			.isNull();
		assertThat(Waterfall.worked(Stage.SALES_READY, "anna", activity("anna", SalesActivity.Type.ACCEPT),
				Acceptance.EXPLICIT))
			.isEqualTo(new Waterfall.Move(Stage.ACCEPTED, "anna", new StageStep.Accepted()));
		assertThat(SalesActivity.Type.ACCEPT.touches()).isFalse();
	}

	@Test
	void onlyTheLeadsRepReturnsItAndOnlyForAnAgreedReason() {
		LeadReturned returned = new LeadReturned(UUID.randomUUID(), NOW, UUID.randomUUID(), "anna", "NO_BUDGET", null);
		assertThat(Waterfall.returned(Stage.ACCEPTED, "anna", returned, NO_BUDGET))
			.isEqualTo(new Waterfall.Move(Stage.RETURNED, "anna", new StageStep.Returned("NO_BUDGET", "No budget")));
		assertThat(Waterfall.returned(Stage.ACCEPTED, "anna", returned, null)).isNull();
		assertThat(Waterfall.returned(Stage.ACCEPTED, "bob", returned, NO_BUDGET)).isNull();
		assertThat(Waterfall.returned(Stage.WON, "anna", returned, NO_BUDGET)).isNull();
	}

	@Test
	void theJudgePutsAReturnedLeadBackWhereItWasOrReadiesItForItsNextRep() {
		assertThat(Waterfall.ruled(Stage.RETURNED, Stage.ACCEPTED, ruling(Ruling.Decision.FOLLOW_UP_REQUIRED)).stage())
			.isEqualTo(Stage.ACCEPTED);
		assertThat(Waterfall.ruled(Stage.RETURNED, null, ruling(Ruling.Decision.FOLLOW_UP_REQUIRED)).stage())
			.isEqualTo(Stage.SALES_READY);
		assertThat(Waterfall.ruled(Stage.SALES_READY, null, ruling(Ruling.Decision.FOLLOW_UP_REQUIRED))).isNull();
		Waterfall.Move reassigned = Waterfall.ruled(Stage.RETURNED, Stage.ACCEPTED, ruling(Ruling.Decision.REASSIGN));
		assertThat(reassigned).isEqualTo(new Waterfall.Move(Stage.SALES_READY, "ceo",
				new StageStep.Ruled(Ruling.Decision.REASSIGN, "Try again")));
		// Back to marketing: NURTURE, whatever sales had made of it, unless the deal
		// closed meanwhile.
		for (Stage with : List.of(Stage.SALES_READY, Stage.ACCEPTED, Stage.OPPORTUNITY, Stage.RETURNED)) {
			assertThat(Waterfall.ruled(with, null, ruling(Ruling.Decision.RETURN_TO_MARKETING)).stage()).as(with.name())
				.isEqualTo(Stage.NURTURE);
		}
		assertThat(Waterfall.ruled(Stage.WON, null, ruling(Ruling.Decision.RETURN_TO_MARKETING))).isNull();
	}

	@Test
	void outcomesMoveTheLeadToOpportunityThenWonOrLost() {
		assertThat(Waterfall.outcome(Stage.ACCEPTED, outcome(LeadOutcome.Outcome.CONVERTED)).stage())
			.isEqualTo(Stage.OPPORTUNITY);
		assertThat(Waterfall.outcome(Stage.OPPORTUNITY, outcome(LeadOutcome.Outcome.WON)).stage()).isEqualTo(Stage.WON);
		assertThat(Waterfall.outcome(Stage.WON, outcome(LeadOutcome.Outcome.CONVERTED))).isNull();
		assertThat(Waterfall.outcome(Stage.LOST, outcome(LeadOutcome.Outcome.LOST))).isNull();
	}

	@Test
	void lostAndNurturedLeadsAreRecycledAfterTheAgreedPeriodsAndNotBefore() {
		assertThat(Waterfall.recyclesAt(Stage.LOST, NOW, this.rules)).isEqualTo(NOW.plus(Duration.ofDays(90)));
		assertThat(Waterfall.recyclesAt(Stage.NURTURE, NOW, this.rules)).isEqualTo(NOW.plus(Duration.ofDays(180)));
		assertThat(Waterfall.recyclesAt(Stage.WON, NOW, this.rules)).isNull();
		assertThat(Waterfall.recyclesAt(Stage.LOST, NOW, new StageRules(-50, List.of(), List.of()))).isNull();
		assertThat(Waterfall.recycled(Stage.LOST, NOW, this.rules, NOW.plus(Duration.ofDays(89)))).isNull();
		assertThat(Waterfall.recycled(Stage.LOST, NOW, this.rules, NOW.plus(Duration.ofDays(90))))
			.isEqualTo(new Waterfall.Move(Stage.RECYCLED, "agreement",
					new StageStep.Recycled(Stage.LOST, Duration.ofDays(90))));
	}

	private static SalesActivity activity(String repId, SalesActivity.Type type) {
		return new SalesActivity(UUID.randomUUID(), NOW, UUID.randomUUID(), repId, type, null);
	}

	private static Ruling ruling(Ruling.Decision decision) {
		return new Ruling(UUID.randomUUID(), NOW, UUID.randomUUID(), UUID.randomUUID(), decision, "Try again", "ceo");
	}

	private static LeadOutcome outcome(LeadOutcome.Outcome outcome) {
		return new LeadOutcome(UUID.randomUUID(), NOW, UUID.randomUUID(), outcome, BigDecimal.TEN);
	}

}
