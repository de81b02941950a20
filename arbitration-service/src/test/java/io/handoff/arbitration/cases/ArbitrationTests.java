package io.handoff.arbitration.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.handoff.events.CaseEscalated;
import io.handoff.events.FromNewerRelease;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadScored;
import io.handoff.events.Ruling;
import io.handoff.events.RulingSubmitted;
import io.handoff.events.SlaEvent;
import io.handoff.test.Leads;
import io.handoff.test.TestAgreements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Arbitration's decisions, without Kafka. */
class ArbitrationTests {

	static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

	final LeadAgreement agreement = TestAgreements.inForce(Duration.ofHours(4));

	final UUID leadId = UUID.randomUUID();

	@Test
	void aLeadsScoresAreKeptFromItsFirstSalesReadyOneOnAndNoOtherLeads() {
		LeadScored mql = score(NOW, LeadScored.Stage.MQL);
		LeadScored salesReady = score(NOW.plusSeconds(60), LeadScored.Stage.SALES_READY);
		LeadScored downAgain = score(NOW.plusSeconds(120), LeadScored.Stage.MQL);

		Arbitration.Scored beforeSales = Arbitration.scored(null, Evidence.none(), mql);
		assertThat(beforeSales.kept()).isNull();
		assertThat(beforeSales.evidence().scores()).isEmpty();

		Arbitration.Scored handedOff = Arbitration.scored(null, Evidence.none(), salesReady);
		Arbitration.Scored later = Arbitration.scored(handedOff.kept(), handedOff.evidence(), downAgain);
		assertThat(later.kept()).isEqualTo(downAgain);
		assertThat(later.evidence().scores()).hasSize(2);
		// A score arriving late does not replace a newer one, but joins the history.
		Arbitration.Scored late = Arbitration.scored(later.kept(), later.evidence(),
				score(NOW.plusSeconds(90), LeadScored.Stage.SALES_READY));
		assertThat(late.kept()).isEqualTo(downAgain);
		assertThat(late.evidence().scores()).hasSize(3);
	}

	@Test
	void onlyTheAssigneesReturnOpensACaseForAnAgreedReasonOrOneOfItsOwn() {
		Evidence assigned = Evidence.none().with(assignment("anna-snelling"));

		assertThat(Arbitration.refusal(Evidence.none(), returned("anna-snelling", "NO_BUDGET")))
			.isEqualTo("lead " + this.leadId + " was never assigned, so no rep may return it");
		assertThat(Arbitration.refusal(assigned, returned("cecily-lampkin", "NO_BUDGET")))
			.isEqualTo("lead " + this.leadId
					+ " is assigned to anna-snelling, not to cecily-lampkin; only the assigned rep may return it");
		assertThat(Arbitration.refusal(assigned, returned("anna-snelling", "NO_BUDGET"))).isNull();

		Case agreed = Arbitration.opens(returned("anna-snelling", "NO_BUDGET"), () -> this.agreement);
		assertThat(agreed.cause()).isEqualTo(Case.Cause.RETURNED);
		assertThat(agreed.rulingDue()).isEqualTo(NOW.plus(Duration.ofDays(3)));
		assertThat(Arbitration.opens(returned("anna-snelling", "TOO_SMALL"), () -> this.agreement).cause())
			.isEqualTo(Case.Cause.RETURNED_WITHOUT_AGREED_REASON);
	}

	@Test
	void anIgnoredLeadOpensACaseOtherSlaStepsDoNot() {
		assertThat(Arbitration.opens(sla(SlaEvent.Type.IGNORED), () -> this.agreement).cause())
			.isEqualTo(Case.Cause.IGNORED);
		assertThat(Arbitration.opens(sla(SlaEvent.Type.BREACH), () -> this.agreement)).isNull();
		assertThat(Arbitration.opens(assignment("anna-snelling"), () -> this.agreement)).isNull();
		// Before any agreement is in force, a case has no ruling time.
		assertThat(Arbitration.opens(sla(SlaEvent.Type.IGNORED), () -> null).rulingDue()).isNull();
	}

	@Test
	void aCaseIsRuledOnceByASubmissionForItsOwnLead() {
		Case open = Arbitration.opens(sla(SlaEvent.Type.IGNORED), () -> this.agreement);
		RulingSubmitted submitted = new RulingSubmitted(UUID.randomUUID(), NOW, this.leadId, open.caseId(),
				Ruling.Decision.FOLLOW_UP_REQUIRED, "Call Dana today", "ceo");

		Case ruled = Arbitration.ruled(open, submitted, false);
		assertThat(ruled.status()).isEqualTo(Case.Status.RULED);
		assertThat(ruled.ruling().reason()).isEqualTo("Call Dana today");
		assertThat(Arbitration.ruled(ruled, submitted, false)).isNull();
		assertThat(Arbitration.ruled(null, submitted, false)).isNull();
		RulingSubmitted otherLead = new RulingSubmitted(UUID.randomUUID(), NOW, UUID.randomUUID(), open.caseId(),
				Ruling.Decision.REASSIGN, "no", "ceo");
		assertThat(Arbitration.ruled(open, otherLead, false)).isNull();
		assertThat(Arbitration.ruled(open, submitted, true).ruling().reason()).isEqualTo("(erased)");
	}

	@Test
	void aSubmissionWithADecisionOfANewerReleaseIsRefusedToItsDeadLettersNotRuled() {
		Case open = Arbitration.opens(sla(SlaEvent.Type.IGNORED), () -> this.agreement);
		RulingSubmitted newer = new RulingSubmitted(UUID.randomUUID(), NOW, this.leadId, open.caseId(),
				Ruling.Decision.UNKNOWN, "a newer decision", "ceo");

		assertThatExceptionOfType(FromNewerRelease.class).isThrownBy(() -> Arbitration.ruled(open, newer, false))
			.withMessageContaining("replay it from the dead letters after the upgrade");
		assertThat(Arbitration.opens(sla(SlaEvent.Type.UNKNOWN), () -> this.agreement)).isNull();
	}

	@Test
	void aCaseUnruledPastItsTimeIsEscalatedOnce() {
		Case open = Arbitration.opens(sla(SlaEvent.Type.IGNORED), () -> this.agreement);
		Instant due = open.rulingDue();

		assertThat(Arbitration.overdue(open, due.minusSeconds(1))).isFalse();
		assertThat(Arbitration.overdue(open, due)).isTrue();
		CaseEscalated escalation = Arbitration.escalation(open, due);
		assertThat(escalation.caseId()).isEqualTo(open.caseId());
		assertThat(Arbitration.escalation(open, due.plusSeconds(5)).eventId()).isEqualTo(escalation.eventId());
		assertThat(Arbitration.overdue(open.escalated(due), due.plusSeconds(60))).isFalse();
	}

	private LeadScored score(Instant at, LeadScored.Stage stage) {
		return new LeadScored(UUID.randomUUID(), at, this.leadId, Leads.salesReady("dana@northwind.com", NOW), 50, 0,
				"B", stage, null, "starter", 1, List.of(), "fit 50");
	}

	private LeadAssigned assignment(String repId) {
		return new LeadAssigned(UUID.randomUUID(), NOW, this.leadId, repId, repId, "Central",
				LeadAssigned.Method.ROUND_ROBIN, "B", 1, List.of("round robin"));
	}

	private LeadReturned returned(String repId, String reason) {
		return new LeadReturned(UUID.randomUUID(), NOW, this.leadId, repId, reason, "not for us");
	}

	private SlaEvent sla(SlaEvent.Type type) {
		return new SlaEvent(UUID.randomUUID(), NOW, this.leadId, "anna-snelling", type, SlaEvent.Clock.FIRST_TOUCH,
				NOW);
	}

}
