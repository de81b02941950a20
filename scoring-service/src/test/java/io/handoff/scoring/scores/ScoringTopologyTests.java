package io.handoff.scoring.scores;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.handoff.events.StageChange;
import io.handoff.events.StageRules;
import io.handoff.events.Company;
import io.handoff.events.EngagementRecorded;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadScored;
import io.handoff.events.LeadScored.RuleHit;
import io.handoff.events.LeadScored.Stage;
import io.handoff.events.Ruling;
import io.handoff.events.SalesActivity;
import io.handoff.events.Topics;
import io.handoff.scoring.Agreements;
import io.handoff.test.Leads;
import io.handoff.test.MovableClock;
import io.handoff.test.TopologyFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class ScoringTopologyTests {

	static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");

	final LeadAgreement starter = Agreements.starter();

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final MovableClock clock = new MovableClock(NOW);

	@AutoClose
	TopologyFixture topology;

	TopologyTestDriver driver;

	TestInputTopic<String, Object> received;

	TestInputTopic<String, Object> engagement;

	TestInputTopic<String, Object> rulings;

	TestInputTopic<String, Object> outcomes;

	TestOutputTopic<String, LeadScored> scored;

	@BeforeEach
	void startTopology() {
		this.topology = TopologyFixture.start("scoring-test", Instant.now(), ScoringTopology.WIRING,
				leads -> ScoringTopology.score(leads, this.clock, this.meters, ScoringTopology.REVIEW_TICK));
		this.driver = this.topology.driver();
		this.received = this.topology.input(Topics.LEADS_RECEIVED);
		this.engagement = this.topology.input(Topics.LEADS_ENGAGEMENT);
		this.rulings = this.topology.input(Topics.ARBITRATION_RULINGS);
		this.outcomes = this.topology.input(Topics.LEADS_OUTCOMES);
		this.scored = this.topology.output(Topics.LEADS_SCORED);
		this.topology.agreementInForce(this.starter);
	}

	@Test
	void aVpAtAnEnterpriseIsSalesReadyWithEveryRuleThatFiredExplained() {
		LeadReceived lead = Leads.salesReady("dana@northwind.com", NOW);

		send(lead);

		LeadScored score = this.scored.readValue();
		assertThat(score.leadId()).isEqualTo(lead.leadId());
		assertThat(score.fitScore()).isEqualTo(60);
		assertThat(score.engagementScore()).isZero();
		assertThat(score.grade()).isEqualTo("A");
		assertThat(score.stage()).isEqualTo(Stage.SALES_READY);
		assertThat(score.previousStage()).isNull();
		assertThat(score.entered(Stage.SALES_READY)).isTrue();
		assertThat(score.agreementId()).isEqualTo("v1");
		assertThat(score.agreementVersion()).isEqualTo(1);
		assertThat(score.explanation()).extracting(RuleHit::ruleId, RuleHit::points)
			.containsExactly(tuple("title-executive", 30), tuple("company-enterprise", 20), tuple("industry-core", 10),
					tuple("country-core-market", 5), tuple("specialization-missing", -5));
		assertThat(score.explanation().get(0).description())
			.isEqualTo("title 'VP Marketing' contains word " + this.starter.fitRules().get(0).values());
		assertThat(score.stageReason()).isEqualTo("fit 60, engagement 0 reach sales-ready (fit 45, engagement 0)");
		assertThat(this.meters.counter("handoff.leads.scored", "stage", "SALES_READY").count()).isEqualTo(1);
	}

	@Test
	void anAssignmentNamesWhoseLeadItIsWithoutRescoringIt() {
		LeadReceived lead = scoredSalesReady("dana@northwind.com", NOW);

		this.topology.input(Topics.LEADS_ASSIGNED)
			.pipeInput(lead.leadId().toString(),
					new LeadAssigned(UUID.randomUUID(), NOW, lead.leadId(), "anna-snelling", "Anna Snelling", "Central",
							LeadAssigned.Method.ROUND_ROBIN, "A", 1, List.of("round robin")));

		assertThat(this.scored.isEmpty()).isTrue();
		LeadProfile profile = this.driver.<String, LeadProfile>getKeyValueStore(ScoringTopology.PROFILES_STORE)
			.get(lead.leadId().toString());
		assertThat(profile.assignee()).isEqualTo("anna-snelling");
		assertThat(profile.lead()).isEqualTo(lead);

		// Sent back to marketing by the judge: the rep who had it no longer reads it.
		this.rulings.pipeInput(lead.leadId().toString(), new Ruling(UUID.randomUUID(), NOW, lead.leadId(),
				UUID.randomUUID(), Ruling.Decision.RETURN_TO_MARKETING, "not a buyer", "judge"));
		assertThat(this.driver.<String, LeadProfile>getKeyValueStore(ScoringTopology.PROFILES_STORE)
			.get(lead.leadId().toString())
			.assignee()).isNull();
	}

	@Test
	void anEventWrittenTwiceIsTakenOnceSoARetryThatReachedTwoIntakesChangesNothing() {
		LeadReceived lead = Leads.salesReady("dana@northwind.com", NOW);
		// The retry at another intake instance: the same event id, stamped a moment
		// later.
		LeadReceived retried = new LeadReceived(lead.eventId(), NOW.plusSeconds(2), lead.leadId(), lead.email(),
				lead.firstName(), lead.lastName(), lead.title(), lead.phone(), lead.company(), lead.source(),
				lead.campaign(), lead.externalId(), lead.attributes());
		EngagementRecorded demo = engagement(lead, "DEMO_REQUEST", NOW);

		send(lead);
		send(retried);
		this.engagement.pipeInput(lead.leadId().toString(), demo);
		this.engagement.pipeInput(lead.leadId().toString(), demo);

		List<LeadScored> scores = this.scored.readValuesToList();
		assertThat(scores).hasSize(2);
		assertThat(scores.get(0).lead().occurredAt()).isEqualTo(NOW);
		assertThat(scores.get(1).engagementScore()).isPositive();
		assertThat(this.driver.<String, LeadProfile>getKeyValueStore(ScoringTopology.PROFILES_STORE)
			.get(lead.leadId().toString())
			.engagements()).hasSize(1);
		assertThat(this.meters.counter("handoff.leads.duplicates").count()).isEqualTo(2);
	}

	@Test
	void aReInquiryOfASalesReadyLeadIsNoNewTransition() {
		LeadReceived first = Leads.salesReady("dana@northwind.com", NOW);
		LeadReceived again = Leads.salesReady("dana@northwind.com", NOW.plusSeconds(3600));

		send(first);
		send(again);

		List<LeadScored> scores = this.scored.readValuesToList();
		assertThat(scores).hasSize(2);
		assertThat(scores.get(1).previousStage()).isEqualTo(Stage.SALES_READY);
		assertThat(scores.get(1).entered(Stage.SALES_READY)).isFalse();
		// Two scores, one lead entering the stage: what the week-over-week panel counts.
		assertThat(this.meters.counter("handoff.leads.scored", "stage", "SALES_READY").count()).isEqualTo(2);
		assertThat(this.meters.counter("handoff.leads.entered-stage", "stage", "SALES_READY").count()).isEqualTo(1);
		assertThat(this.meters.counter("handoff.leads.entered-stage", "stage", "MQL").count()).isZero();
	}

	@Test
	void customAttributesFromThePlatformCountAsTheAgreementSays() {
		LeadReceived lead = new LeadReceived(UUID.randomUUID(), NOW, UUID.randomUUID(), "l@learners.example", null,
				null, "Working Professional", null, new Company(null, null, null, null, "IN", null), "Reference",
				"Lead Add Form", null, Map.of("leadOrigin", "Lead Add Form", "leadSource", "Reference", "timeOnWebsite",
						1532, "doNotEmail", "No", "specialization", "Finance Management"));

		send(lead);

		LeadScored score = this.scored.readValue();
		assertThat(score.explanation()).extracting(RuleHit::ruleId)
			.containsExactly("occupation-working-professional", "country-core-market", "origin-lead-add-form",
					"source-reference", "time-on-site-long", "specialization-business", "profile:career-switcher");
		assertThat(score.fitScore()).isEqualTo(35 + 5 + 30 + 25 + 25 + 5 + 10);
		assertThat(score.grade()).isEqualTo("A");
	}

	@Test
	void aCompetitorIsDisqualifiedAndAnUnknownTitleStaysAnInquiry() {
		LeadReceived competitor = Leads.lead("spy@funnelforce.example", "VP Sales", 500, "US", NOW);
		LeadReceived analyst = Leads.lead("a@northwind.com", "Analyst", 50, "FR", NOW);

		send(competitor);
		send(analyst);

		List<LeadScored> scores = this.scored.readValuesToList();
		assertThat(scores.get(0).stage()).isEqualTo(Stage.DISQUALIFIED);
		assertThat(scores.get(0).grade()).isEqualTo("D");
		assertThat(scores.get(0).explanation()).extracting(RuleHit::ruleId).contains("company-competitor");
		assertThat(scores.get(0).stageReason()).contains("fit below -50 disqualifies");
		assertThat(scores.get(1).stage()).isEqualTo(Stage.INQUIRY);
		assertThat(scores.get(1).stageReason()).isEqualTo("fit 5, engagement 0 reach no MQL threshold");
	}

	@Test
	void engagementReScoresTheLeadAndAHandRaiserWithFairFitBecomesSalesReady() {
		LeadReceived manager = Leads.lead("m@northwind.com", "Marketing Manager", 50, "FR", NOW);
		send(manager);
		assertThat(this.scored.readValue().stage()).isEqualTo(Stage.MQL);

		this.engagement.pipeInput(manager.leadId().toString(), engagement(manager, "DEMO_REQUEST", NOW));

		LeadScored score = this.scored.readValue();
		assertThat(score.fitScore()).isEqualTo(20);
		assertThat(score.engagementScore()).isEqualTo(40);
		assertThat(score.stage()).isEqualTo(Stage.SALES_READY);
		assertThat(score.entered(Stage.SALES_READY)).isTrue();
		assertThat(score.explanation()).extracting(RuleHit::ruleId, RuleHit::points)
			.contains(tuple("engagement:DEMO_REQUEST", 40));
		assertThat(score.stageReason()).contains("sales-ready (fit 20, engagement 40)");
	}

	@Test
	void engagementThatArrivesBeforeTheLeadCountsOnceTheLeadArrives() {
		LeadReceived lead = Leads.lead("early@northwind.com", "Analyst", 50, "FR", NOW);
		this.engagement.pipeInput(lead.leadId().toString(), engagement(lead, "WEBINAR_ATTENDED", NOW));
		assertThat(this.scored.isEmpty()).isTrue();

		send(lead);

		assertThat(this.scored.readValue().engagementScore()).isEqualTo(15);
	}

	@Test
	void oldEngagementFadesByItsHalfLifeAndEachTypeStopsAtItsCap() {
		LeadReceived lead = Leads.lead("fading@northwind.com", "Analyst", 50, "FR", NOW);
		send(lead);
		this.scored.readValue();

		// A demo request one half-life (30 days) old is worth half its 40 points.
		this.engagement.pipeInput(lead.leadId().toString(),
				engagement(lead, "DEMO_REQUEST", NOW.minus(Duration.ofDays(30))));
		assertThat(this.scored.readValue().engagementScore()).isEqualTo(20);
		// Pricing-page views are worth 10 each, at most 30 together.
		for (int i = 0; i < 5; i++) {
			this.engagement.pipeInput(lead.leadId().toString(), engagement(lead, "PRICING_PAGE_VIEW", NOW));
		}
		LeadScored score = this.scored.readValuesToList().get(4);
		assertThat(score.engagementScore()).isEqualTo(20 + 30);
		assertThat(score.explanation()).filteredOn((hit) -> hit.ruleId().equals("engagement:PRICING_PAGE_VIEW"))
			.singleElement()
			.satisfies((hit) -> {
				assertThat(hit.points()).isEqualTo(30);
				assertThat(hit.description())
					.isEqualTo("5 x PRICING_PAGE_VIEW at 10 points each, halved every PT336H, capped at 30");
			});
	}

	@Test
	void aRulingThatReturnsTheLeadToMarketingMovesItToNurtureUntilItEngagesAgain() {
		LeadReceived lead = scoredSalesReady("returned@northwind.com", NOW.minusSeconds(7200));
		UUID caseId = UUID.randomUUID();

		this.rulings.pipeInput(lead.leadId().toString(), new Ruling(UUID.randomUUID(), NOW.minusSeconds(60),
				lead.leadId(), caseId, Ruling.Decision.RETURN_TO_MARKETING, "Intern, not a buyer", "ceo"));

		LeadScored nurtured = this.scored.readValue();
		assertThat(nurtured.stage()).isEqualTo(Stage.NURTURE);
		assertThat(nurtured.previousStage()).isEqualTo(Stage.SALES_READY);
		assertThat(nurtured.stageReason())
			.isEqualTo("returned to marketing by ceo (case " + caseId + "): Intern, not a buyer");

		// A re-inquiry alone does not bring the lead back; engaging again after the
		// ruling does.
		send(Leads.salesReady("returned@northwind.com", NOW.minusSeconds(30)));
		assertThat(this.scored.readValue().stage()).isEqualTo(Stage.NURTURE);
		this.engagement.pipeInput(lead.leadId().toString(), engagement(lead, "DEMO_REQUEST", NOW));
		LeadScored recycled = this.scored.readValue();
		assertThat(recycled.stage()).isEqualTo(Stage.SALES_READY);
		assertThat(recycled.entered(Stage.SALES_READY)).isTrue();
	}

	@Test
	void rulingsThatKeepTheLeadWithSalesLeaveItsScoreAlone() {
		LeadReceived lead = scoredSalesReady("kept@northwind.com", NOW);

		this.rulings.pipeInput(lead.leadId().toString(), new Ruling(UUID.randomUUID(), NOW, lead.leadId(),
				UUID.randomUUID(), Ruling.Decision.FOLLOW_UP_REQUIRED, "Call them", "ceo"));

		assertThat(this.scored.isEmpty()).isTrue();
	}

	@Test
	void anAgreementActivatedMidStreamAppliesToTheNextLeadAndNotRetroactively() {
		LeadReceived before = Leads.salesReady("before@northwind.com", NOW);
		send(before);
		assertThat(this.scored.readValue().agreementVersion()).isEqualTo(1);

		// Version 2 values executives less: a VP at an enterprise is no longer
		// sales-ready on fit alone.
		LeadAgreement stricter = Agreements.withFitRules(2,
				(rules) -> Agreements.repoint(rules, "title-executive", 10));
		this.topology.agreements().pipeInput("v2", stricter);
		this.topology.agreementInForce(stricter);
		LeadReceived after = Leads.salesReady("after@northwind.com", NOW);
		send(after);

		LeadScored scoredAfter = this.scored.readValue();
		assertThat(scoredAfter.agreementId()).isEqualTo("v2");
		assertThat(scoredAfter.fitScore()).isEqualTo(40);
		assertThat(scoredAfter.stage()).isEqualTo(Stage.MQL);
		assertThat(this.scored.isEmpty()).isTrue();
		LatestScore kept = this.driver.<String, LatestScore>getKeyValueStore(ScoringTopology.SCORES_STORE)
			.get(before.leadId().toString());
		assertThat(kept.agreementVersion()).isEqualTo(1);
		assertThat(kept.stage()).isEqualTo(Stage.SALES_READY);
	}

	@Test
	void aWonOutcomeMovesTheLeadToWonAndIsKeptForCalibration() {
		LeadReceived lead = scoredSalesReady("won@northwind.com", NOW);

		this.outcomes.pipeInput(lead.leadId().toString(), new LeadOutcome(UUID.randomUUID(), NOW, lead.leadId(),
				LeadOutcome.Outcome.WON, new BigDecimal("48000")));

		LeadScored won = this.scored.readValue();
		assertThat(won.stage()).isEqualTo(Stage.WON);
		assertThat(won.previousStage()).isEqualTo(Stage.SALES_READY);
		assertThat(won.changedBy()).isEqualTo("sales tool");
		assertThat(won.stageReason()).isEqualTo("outcome reported: won, amount 48000");
		LeadProfile profile = profile(lead);
		assertThat(profile.converted()).isTrue();
		assertThat(profile.lead()).isEqualTo(lead);
		// The same outcome again moves nothing.
		outcome(lead, LeadOutcome.Outcome.WON);
		assertThat(this.scored.isEmpty()).isTrue();
	}

	@Test
	void aLeadGoesDownTheWaterfallWithWhoMovedItAndWhyAtEveryStep() {
		LeadReceived lead = assignedToAnna("waterfall@northwind.com");
		// Another rep's call accepts nothing; the lead's rep's first touch does.
		activity(lead, "someone-else", SalesActivity.Type.CALL);
		activity(lead, "anna-snelling", SalesActivity.Type.EMAIL);
		outcome(lead, LeadOutcome.Outcome.CONVERTED);
		// A new engagement re-scores the opportunity but leaves it where sales put it.
		this.engagement.pipeInput(lead.leadId().toString(), engagement(lead, "DEMO_REQUEST", NOW));
		outcome(lead, LeadOutcome.Outcome.LOST);

		assertThat(this.scored.readValuesToList())
			.extracting(LeadScored::stage, LeadScored::previousStage, LeadScored::changedBy)
			.containsExactly(tuple(Stage.SALES_READY, null, "scoring"),
					tuple(Stage.ACCEPTED, Stage.SALES_READY, "anna-snelling"),
					tuple(Stage.OPPORTUNITY, Stage.ACCEPTED, "sales tool"),
					tuple(Stage.OPPORTUNITY, Stage.OPPORTUNITY, null),
					tuple(Stage.LOST, Stage.OPPORTUNITY, "sales tool"));
		assertThat(profile(lead).stages()).extracting(StageChange::stage, StageChange::why)
			.containsExactly(tuple(Stage.SALES_READY, "fit 60, engagement 0 reach sales-ready (fit 45, engagement 0)"),
					tuple(Stage.ACCEPTED, "first touch (email) accepts it"),
					tuple(Stage.OPPORTUNITY, "outcome reported: converted"),
					tuple(Stage.LOST, "outcome reported: lost"));
		assertThat(this.meters.counter("handoff.leads.entered-stage", "stage", "LOST").count()).isEqualTo(1);
	}

	@Test
	void aScoreGoesOnWithTheHeadersOfTheRecordThatCausedItSoItsTraceContinues() {
		LeadReceived lead = Leads.salesReady("traced@northwind.com", NOW);
		RecordHeaders headers = new RecordHeaders();
		headers.add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes());

		this.received.pipeInput(new TestRecord<>(lead.leadId().toString(), (Object) lead, headers, NOW));

		assertThat(new String(this.scored.readRecord().headers().lastHeader("traceparent").value()))
			.startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
	}

	@Test
	void aTouchReadBeforeItsAssignmentAcceptsTheLeadOnceTheAssignmentIsRead() {
		LeadReceived lead = scoredSalesReady("quick@northwind.com", NOW);

		activity(lead, "anna-snelling", SalesActivity.Type.CALL);
		assertThat(this.scored.isEmpty()).isTrue();
		assign(lead, "anna-snelling");

		LeadScored accepted = this.scored.readValue();
		assertThat(accepted.stage()).isEqualTo(Stage.ACCEPTED);
		assertThat(accepted.changedBy()).isEqualTo("anna-snelling");
		assertThat(profile(lead).earlyActivity()).isNull();
		// Another rep's touch before someone else's assignment accepts nothing.
		LeadReceived other = Leads.salesReady("other@northwind.com", NOW);
		send(other);
		this.scored.readValue();
		activity(other, "bob", SalesActivity.Type.CALL);
		assign(other, "anna-snelling");
		assertThat(this.scored.isEmpty()).isTrue();
		assertThat(profile(other).earlyActivity()).isNull();
	}

	@Test
	void anAgreedReturnIsReturnedUntilTheJudgeRulesAndAnUnagreedOneMovesNothing() {
		LeadReceived lead = assignedToAnna("judged@northwind.com");
		activity(lead, "anna-snelling", SalesActivity.Type.CALL);
		this.scored.readValuesToList();

		returned(lead, "anna-snelling", "MADE_UP");
		assertThat(this.scored.isEmpty()).isTrue();
		returned(lead, "anna-snelling", "NOT_A_DECISION_MAKER");
		LeadScored back = this.scored.readValue();
		assertThat(back.stage()).isEqualTo(Stage.RETURNED);
		assertThat(back.changedBy()).isEqualTo("anna-snelling");
		assertThat(back.stageReason()).startsWith("returned: NOT_A_DECISION_MAKER (");

		// Follow-up required: back where it was before the return.
		this.rulings.pipeInput(lead.leadId().toString(), new Ruling(UUID.randomUUID(), NOW, lead.leadId(),
				UUID.randomUUID(), Ruling.Decision.FOLLOW_UP_REQUIRED, "She signs the budget", "ceo"));
		LeadScored ruled = this.scored.readValue();
		assertThat(ruled.stage()).isEqualTo(Stage.ACCEPTED);
		assertThat(ruled.changedBy()).isEqualTo("ceo");
		assertThat(ruled.stageReason()).isEqualTo("ruled follow up required: She signs the budget");
	}

	@Test
	void theJudgeReturningAReturnedLeadToMarketingPutsItInNurture() {
		LeadReceived lead = assignedToAnna("nurtured@northwind.com");
		activity(lead, "anna-snelling", SalesActivity.Type.CALL);
		returned(lead, "anna-snelling", "NOT_A_DECISION_MAKER");
		this.scored.readValuesToList();

		this.rulings.pipeInput(lead.leadId().toString(), new Ruling(UUID.randomUUID(), NOW, lead.leadId(),
				UUID.randomUUID(), Ruling.Decision.RETURN_TO_MARKETING, "Not ready to buy", "ceo"));

		LeadScored nurtured = this.scored.readValue();
		assertThat(nurtured.stage()).isEqualTo(Stage.NURTURE);
		assertThat(nurtured.previousStage()).isEqualTo(Stage.RETURNED);
		assertThat(nurtured.changedBy()).isEqualTo("ceo");
		assertThat(profile(lead).assignee()).isNull();
		// and the agreement's nurture period runs from now
		assertThat(profile(lead).reviewAt()).isEqualTo(NOW.plus(Duration.ofDays(180)));
	}

	@Test
	void anErasedPersonStaysForgottenWhenTheirOlderEventsArriveLateAndComesBackOnlyWithANewInquiry() {
		LeadReceived lead = assignedToAnna("forget@northwind.com");
		this.engagement.pipeInput(lead.leadId().toString(), engagement(lead, "DEMO_REQUEST", NOW));
		this.scored.readValuesToList();

		this.topology.input(Topics.LEADS_ERASURES)
			.pipeInput(lead.leadId().toString(), new LeadErased(UUID.randomUUID(), NOW, lead.leadId(), "admin"));
		LeadProfile erased = profile(lead);
		assertThat(erased.lead().email()).isNull();
		assertThat(erased.lead().firstName()).isNull();
		assertThat(erased.lead().company().name()).isEqualTo("Northwind");
		assertThat(erased.stage()).isEqualTo(Stage.SALES_READY);
		assertThat(this.driver.<String, LatestScore>getKeyValueStore(ScoringTopology.SCORES_STORE)
			.get(lead.leadId().toString())
			.explanation()).allSatisfy((hit) -> assertThat(hit.description()).isEqualTo("(erased)"));

		// The lead as received before the erasure, read after it: still forgotten,
		// nothing published.
		send(lead);
		this.engagement.pipeInput(lead.leadId().toString(), engagement(lead, "DEMO_REQUEST", NOW));
		assertThat(this.scored.isEmpty()).isTrue();
		assertThat(profile(lead).lead().email()).isNull();
		// What sales does with the lead later still moves it, on its last scores and
		// without the person.
		this.outcomes.pipeInput(lead.leadId().toString(),
				new LeadOutcome(UUID.randomUUID(), NOW.plusSeconds(30), lead.leadId(), LeadOutcome.Outcome.WON, null));
		LeadScored won = this.scored.readValue();
		assertThat(won.stage()).isEqualTo(Stage.WON);
		assertThat(won.lead().email()).isNull();
		assertThat(won.fitScore()).isEqualTo(60);
		// The person comes back: a new inquiry, from nothing.
		this.clock.move(Duration.ofMinutes(1));
		send(Leads.salesReady("forget@northwind.com", this.clock.instant()));
		LeadScored again = this.scored.readValue();
		assertThat(again.lead().email()).isEqualTo("forget@northwind.com");
		assertThat(again.previousStage()).isNull();
		assertThat(profile(lead).stages()).hasSize(1);
	}

	@Test
	void whereTheAgreementAsksForAnExplicitAcceptATouchAloneDoesNotAccept() {
		LeadAgreement explicit = Agreements.withStages(2, (stages) -> new StageRules(stages.disqualifiedBelowFit(),
				stages.mql(), stages.salesReady(), StageRules.Acceptance.EXPLICIT, null, null));
		this.topology.agreementInForce(explicit);
		LeadReceived lead = assignedToAnna("explicit@northwind.com");
		this.scored.readValuesToList();

		activity(lead, "anna-snelling", SalesActivity.Type.CALL);
		assertThat(this.scored.isEmpty()).isTrue();
		activity(lead, "anna-snelling", SalesActivity.Type.ACCEPT);
		LeadScored accepted = this.scored.readValue();
		assertThat(accepted.stage()).isEqualTo(Stage.ACCEPTED);
		assertThat(accepted.stageReason()).isEqualTo("accepted by the rep");
	}

	@Test
	void anIdleLeadFadesOutOfSalesReadyAndThenOutOfMqlOnItsOwn() {
		// Fit 25 (a manager, mid-size): sales-ready only with 40 engagement; a demo
		// request (40, halved every 30 days).
		LeadReceived lead = Leads.lead("idle@northwind.com", "Marketing Manager", 600, "US", NOW);
		send(lead);
		this.engagement.pipeInput(lead.leadId().toString(), engagement(lead, "DEMO_REQUEST", NOW));
		LeadScored ready = this.scored.readValuesToList().get(1);
		assertThat(ready.stage()).isEqualTo(Stage.SALES_READY);
		Instant fades = profile(lead).reviewAt();
		assertThat(fades).as("due when the demo request is worth less than 40").isAfter(NOW);

		LeadScored faded = changedOnlyWhenDue(Duration.between(NOW, fades));
		assertThat(faded).extracting(LeadScored::stage, LeadScored::previousStage, LeadScored::changedBy)
			.containsExactly(Stage.MQL, Stage.SALES_READY, "scoring");
		assertThat(faded.engagementScore()).isEqualTo(39);
		assertThat(faded.stageReason()).startsWith("engagement faded: fit ");
		assertThat(this.meters.counter("handoff.leads.faded").count()).isEqualTo(1);
		// MQL holds while fit alone (25 of 20) qualifies it: nothing more is due.
		assertThat(profile(lead).reviewAt()).isNull();
		assertThat(this.driver.getKeyValueStore(ScoringTopology.REVIEWS_STORE).approximateNumEntries()).isZero();
	}

	@Test
	void aLeadWithARepDoesNotFadeItsSlaAndTheJudgeDecide() {
		LeadReceived lead = Leads.lead("held@northwind.com", "Marketing Manager", 600, "US", NOW);
		send(lead);
		this.engagement.pipeInput(lead.leadId().toString(), engagement(lead, "DEMO_REQUEST", NOW));
		assign(lead, "anna-snelling");
		this.scored.readValuesToList();
		assertThat(profile(lead).reviewAt()).isNull();

		tick(Duration.ofDays(200));

		assertThat(this.scored.isEmpty()).isTrue();
	}

	@Test
	void aLostLeadIsRecycledAfterTheAgreedPeriodWithItsEngagementReset() {
		LeadReceived lead = Leads.salesReady("lost@northwind.com", NOW);
		send(lead);
		this.engagement.pipeInput(lead.leadId().toString(), engagement(lead, "DEMO_REQUEST", NOW));
		assign(lead, "anna-snelling");
		outcome(lead, LeadOutcome.Outcome.LOST);
		this.scored.readValuesToList();

		LeadScored recycled = changedOnlyWhenDue(Duration.ofDays(90));
		assertThat(recycled).extracting(LeadScored::stage, LeadScored::previousStage, LeadScored::changedBy)
			.containsExactly(Stage.RECYCLED, Stage.LOST, "agreement");
		assertThat(recycled.engagementScore()).isZero();
		assertThat(profile(lead).assignee()).isNull();
		assertThat(profile(lead).engagements()).isEmpty();
		// Fit alone would make it sales-ready again: it is routed anew when it engages or
		// comes back.
		send(Leads.salesReady("lost@northwind.com", this.clock.instant()));
		assertThat(this.scored.readValue().entered(Stage.SALES_READY)).isTrue();
	}

	@Test
	void aReaderTakesAStageItDoesNotKnowAsUnknownRatherThanFailing() {
		String json = new String(
				Topics.LEADS_SCORED.valueSerde().serializer().serialize(Topics.LEADS_SCORED.name(), scoredOnce()),
				StandardCharsets.UTF_8)
			.replace("\"stage\":\"SALES_READY\"", "\"stage\":\"CHAMPION\"");
		assertThat(json).contains("CHAMPION");

		LeadScored read = Topics.LEADS_SCORED.valueSerde()
			.deserializer()
			.deserialize(Topics.LEADS_SCORED.name(), json.getBytes(StandardCharsets.UTF_8));

		assertThat(read.stage()).isEqualTo(Stage.UNKNOWN);
		assertThat(read.entered(Stage.SALES_READY)).isFalse();
	}

	private LeadScored scoredOnce() {
		send(Leads.salesReady("reader@northwind.com", NOW));
		return this.scored.readValue();
	}

	private void tick(Duration by) {
		this.clock.move(by);
		this.driver.advanceWallClockTime(by);
	}

	private LeadProfile profile(LeadReceived lead) {
		return this.driver.<String, LeadProfile>getKeyValueStore(ScoringTopology.PROFILES_STORE)
			.get(lead.leadId().toString());
	}

	/** A sales-ready lead, received and assigned to Anna. */
	private LeadReceived assignedToAnna(String email) {
		LeadReceived lead = Leads.salesReady(email, NOW);
		send(lead);
		assign(lead, "anna-snelling");
		return lead;
	}

	private void outcome(LeadReceived lead, LeadOutcome.Outcome outcome) {
		this.outcomes.pipeInput(lead.leadId().toString(),
				new LeadOutcome(UUID.randomUUID(), NOW, lead.leadId(), outcome, null));
	}

	private void assign(LeadReceived lead, String repId) {
		this.topology.input(Topics.LEADS_ASSIGNED)
			.pipeInput(lead.leadId().toString(), new LeadAssigned(UUID.randomUUID(), NOW, lead.leadId(), repId, repId,
					"Central", LeadAssigned.Method.ROUND_ROBIN, "A", 1, List.of("round robin")));
	}

	private void activity(LeadReceived lead, String repId, SalesActivity.Type type) {
		this.topology.input(Topics.SALES_ACTIVITIES)
			.pipeInput(lead.leadId().toString(),
					new SalesActivity(UUID.randomUUID(), this.clock.instant(), lead.leadId(), repId, type, null));
	}

	private void returned(LeadReceived lead, String repId, String reason) {
		this.topology.input(Topics.LEADS_RETURNED)
			.pipeInput(lead.leadId().toString(), new LeadReturned(UUID.randomUUID(), this.clock.instant(),
					lead.leadId(), repId, reason, "Not the buyer"));
	}

	private void send(LeadReceived lead) {
		this.received.pipeInput(lead.leadId().toString(), lead);
	}

	private static EngagementRecorded engagement(LeadReceived lead, String type, Instant at) {
		return new EngagementRecorded(UUID.randomUUID(), at, lead.leadId(), type, null);
	}

	@Test
	void theServiceBindsWhatTheseTestsRead() {
		TopologyFixture.assertBound(ScoringTopology.WIRING, "scoring-service.yml");
	}

	/** A sales-ready lead, sent and scored. */
	private LeadReceived scoredSalesReady(String email, Instant at) {
		LeadReceived lead = Leads.salesReady(email, at);
		send(lead);
		this.scored.readValue();
		return lead;
	}

	/**
	 * The one change a timer makes, {@code due} from now: nothing five minutes before,
	 * the change when its time comes.
	 */
	private LeadScored changedOnlyWhenDue(Duration due) {
		tick(due.minusMinutes(5));
		assertThat(this.scored.isEmpty()).as("nothing before its time").isTrue();
		tick(Duration.ofMinutes(5));
		return this.scored.readValue();
	}

}
