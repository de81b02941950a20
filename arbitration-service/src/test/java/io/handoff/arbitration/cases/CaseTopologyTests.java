package io.handoff.arbitration.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.handoff.events.ScoreLine;
import io.handoff.events.CaseEscalated;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadScored;
import io.handoff.events.Ruling;
import io.handoff.events.RulingSubmitted;
import io.handoff.events.SalesActivity;
import io.handoff.events.SlaEvent;
import io.handoff.events.Topic;
import io.handoff.events.Topics;
import io.handoff.events.streams.InputEnds;
import io.handoff.test.Leads;
import io.handoff.test.TestAgreements;
import io.handoff.test.TopologyFixture;

import static org.assertj.core.api.Assertions.assertThat;

class CaseTopologyTests {

	static final Instant DEADLINE = Instant.parse("2026-11-23T13:00:00Z");

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final Map<String, TestInputTopic<String, Object>> topics = new HashMap<>();

	/**
	 * Where {@code leads.assigned} ends, as the broker would say: unless a test says more
	 * was written, nothing is left to read.
	 */
	final AssignedEnds ends = new AssignedEnds();

	@AutoClose
	TopologyFixture topology;

	TopologyTestDriver driver;

	TestOutputTopic<String, CaseEscalated> escalations;

	TestOutputTopic<String, Ruling> rulings;

	@BeforeEach
	void startTopology() {
		this.topology = TopologyFixture.start("arbitration-test", DEADLINE, CaseTopology.WIRING,
				cases -> CaseTopology.openCases(cases, this.meters, Duration.ofSeconds(10), this.ends));
		this.driver = this.topology.driver();
		for (Topic<?> topic : CaseTopology.WIRING.inputs()) {
			this.topics.put(topic.name(), this.topology.input(topic));
		}
		this.topology.agreementInForce(TestAgreements.inForce(Duration.ofHours(4)));
		this.escalations = this.topology.output(Topics.ARBITRATION_ESCALATIONS);
		this.rulings = this.topology.output(Topics.ARBITRATION_RULINGS);
	}

	@Test
	void anIgnoredLeadOpensACase() {
		UUID leadId = UUID.randomUUID();
		SlaEvent ignored = sla(leadId, SlaEvent.Type.IGNORED, DEADLINE.plusSeconds(72_000));

		send("sla.events", leadId, sla(leadId, SlaEvent.Type.BREACH, DEADLINE));
		assertThat(cases()).isEmpty();
		send("sla.events", leadId, ignored);

		assertThat(cases()).singleElement().satisfies((opened) -> {
			assertThat(opened.leadId()).isEqualTo(leadId);
			assertThat(opened.repId()).isEqualTo("anna-snelling");
			assertThat(opened.cause()).isEqualTo(Case.Cause.IGNORED);
			assertThat(opened.status()).isEqualTo(Case.Status.OPEN);
			assertThat(opened.openedAt()).isEqualTo(ignored.occurredAt());
		});
	}

	@Test
	void theSameIgnoredEventDeliveredTwiceOpensOneCase() {
		UUID leadId = UUID.randomUUID();
		SlaEvent ignored = sla(leadId, SlaEvent.Type.IGNORED, DEADLINE);

		send("sla.events", leadId, ignored);
		send("sla.events", leadId, ignored);

		assertThat(cases()).hasSize(1);
		assertThat(evidence(leadId).sla()).hasSize(1);
		assertThat(this.meters.counter("handoff.cases.opened", "cause", "IGNORED", "team", "unknown", "reason", "none")
			.count()).isEqualTo(1);
	}

	@Test
	void aReturnedLeadOpensACaseWithTheRepsReasonAndNote() {
		UUID leadId = UUID.randomUUID();
		LeadReturned returned = returned(leadId);

		send("leads.assigned", leadId, assignment(leadId, "anna-snelling"));
		send("leads.returned", leadId, returned);

		assertThat(cases()).singleElement().satisfies((opened) -> {
			assertThat(opened.cause()).isEqualTo(Case.Cause.RETURNED);
			assertThat(opened.returned()).isEqualTo(returned);
		});
		assertThat(this.meters
			.counter("handoff.cases.opened", "cause", "RETURNED", "team", "Central", "reason", "NOT_A_DECISION_MAKER")
			.count()).isEqualTo(1);
	}

	@Test
	void aReturnByARepTheLeadIsNotAssignedToOpensNoCaseAndSaysWhy() {
		UUID assignedElsewhere = UUID.randomUUID();
		UUID neverAssigned = UUID.randomUUID();
		send("leads.assigned", assignedElsewhere, assignment(assignedElsewhere, "cecily-lampkin"));

		send("leads.returned", assignedElsewhere, returned(assignedElsewhere));
		send("leads.returned", neverAssigned, returned(neverAssigned));
		// The broker says an assignment is still to be read: either return may follow
		// it.
		this.ends.assigned = 2;
		this.driver.advanceWallClockTime(Duration.ofSeconds(5));
		assertThat(refused()).isEmpty();

		// Read as far as leads.assigned ended after the returns were read: no assignment
		// they follow came.
		this.ends.assigned = 1;
		this.driver.advanceWallClockTime(Duration.ofSeconds(1));

		assertThat(cases()).isEmpty();
		assertThat(refused()).extracting(RefusedReturn::reason)
			.containsExactlyInAnyOrder(
					"lead " + assignedElsewhere + " is assigned to cecily-lampkin, not to anna-snelling; "
							+ "only the assigned rep may return it",
					"lead " + neverAssigned + " was never assigned, so no rep may return it");
		assertThat(this.meters.counter("handoff.returns.refused").count()).isEqualTo(2);
	}

	@Test
	void aReturnReadBeforeTheAssignmentItFollowsWaitsForItAndOpensItsCase() {
		UUID leadId = UUID.randomUUID();
		UUID reassigned = UUID.randomUUID();
		LeadReturned returned = returned(leadId);
		this.ends.assigned = 3;

		send("leads.returned", leadId, returned);
		// Assigned to another rep first; the return is anna's, whose assignment comes
		// next.
		send("leads.assigned", reassigned, assignment(reassigned, "cecily-lampkin"));
		send("leads.returned", reassigned, returned(reassigned));
		this.driver.advanceWallClockTime(Duration.ofSeconds(5));
		assertThat(cases()).isEmpty();
		send("leads.assigned", leadId, assignment(leadId, "anna-snelling"));
		send("leads.assigned", reassigned, assignment(reassigned, "anna-snelling"));

		assertThat(cases()).extracting(Case::leadId).containsExactlyInAnyOrder(leadId, reassigned);
		assertThat(cases()).extracting(Case::returned).contains(returned);
		assertThat(evidence(leadId).returns()).containsExactly(returned);
		this.driver.advanceWallClockTime(Duration.ofSeconds(5));
		assertThat(refused()).isEmpty();
		assertThat(this.meters.counter("handoff.events.early", "outcome", "held").count()).isEqualTo(2);
	}

	@Test
	void aReturnHeldThatHappenedBeforeTheAssignmentReadNextIsRefused() {
		UUID leadId = UUID.randomUUID();
		this.ends.assigned = 1;
		send("leads.returned", leadId, returned(leadId));

		// Given to anna after her return: it was not about this assignment.
		send("leads.assigned", leadId,
				new LeadAssigned(UUID.randomUUID(), DEADLINE.plusSeconds(660), leadId, "anna-snelling", "Anna Snelling",
						"Central", LeadAssigned.Method.ROUND_ROBIN, "B", 1,
						List.of("round robin: turn 1 among 35 available reps went to Anna Snelling")));

		assertThat(cases()).isEmpty();
		assertThat(refused()).extracting(RefusedReturn::reason)
			.containsExactly("lead " + leadId + " was never assigned, so no rep may return it");
	}

	@Test
	void aReturnHeldForItsAssignmentKeepsNoNameOfAPersonErasedMeanwhile() {
		UUID leadId = UUID.randomUUID();
		this.ends.assigned = 1;
		send("leads.returned", leadId, returned(leadId));
		send("leads.erasures", leadId, new LeadErased(UUID.randomUUID(), DEADLINE, leadId, "dpo"));

		send("leads.assigned", leadId, assignment(leadId, "anna-snelling"));

		assertThat(cases()).singleElement().satisfies((opened) -> assertThat(opened.returned().note()).isNull());
	}

	@Test
	void theEvidenceIsTheSameWhateverOrderItsEventsArriveIn() {
		UUID leadId = UUID.randomUUID();
		LeadReceived lead = Leads.salesReady("dana@northwind.com", DEADLINE.minusSeconds(20_000));
		LeadScored score = new LeadScored(UUID.randomUUID(), DEADLINE.minusSeconds(19_000), leadId, lead, 50, 0, "B",
				LeadScored.Stage.SALES_READY, LeadScored.Stage.MQL, "starter", 1,
				List.of(new LeadScored.RuleHit("title-executive", "title 'VP Marketing'", 30)),
				"fit 50 reaches sales-ready");
		LeadAssigned assignment = assignment(leadId, "anna-snelling");
		SalesActivity call = new SalesActivity(UUID.randomUUID(), DEADLINE.plusSeconds(60), leadId, "anna-snelling",
				SalesActivity.Type.CALL, "no answer");
		SlaEvent breach = sla(leadId, SlaEvent.Type.BREACH, DEADLINE);
		LeadReturned returned = returned(leadId);

		// Out of order: the activity and the breach before the assignment they follow,
		// the score last.
		send("sales.activities", leadId, call);
		send("sla.events", leadId, breach);
		send("leads.assigned", leadId, assignment);
		send("leads.returned", leadId, returned);
		send("leads.scored", leadId, score);

		Evidence evidence = evidence(leadId);
		assertThat(evidence.score()).isEqualTo(score);
		assertThat(evidence.score().lead().title()).isEqualTo("VP Marketing");
		assertThat(evidence.score().explanation()).extracting(LeadScored.RuleHit::ruleId)
			.containsExactly("title-executive");
		assertThat(evidence.assignment()).isEqualTo(assignment);
		assertThat(evidence.activities()).containsExactly(call);
		assertThat(evidence.sla()).containsExactly(breach);
		assertThat(evidence.returns()).containsExactly(returned);
	}

	@Test
	void anOlderScoreArrivingLateDoesNotReplaceTheNewerOne() {
		UUID leadId = UUID.randomUUID();
		LeadReceived lead = Leads.salesReady("dana@northwind.com", DEADLINE);
		LeadScored newer = new LeadScored(UUID.randomUUID(), DEADLINE.plusSeconds(10), leadId, lead, 50, 0, "B",
				LeadScored.Stage.SALES_READY, LeadScored.Stage.MQL, "starter", 2, List.of(),
				"fit 50 reaches sales-ready");
		LeadScored older = new LeadScored(UUID.randomUUID(), DEADLINE, leadId, lead, 25, 0, "C", LeadScored.Stage.MQL,
				null, "starter", 1, List.of(), "fit 25 reaches MQL");

		send("leads.scored", leadId, newer);
		send("leads.scored", leadId, older);

		assertThat(evidence(leadId).score()).isEqualTo(newer);
	}

	@Test
	void onlyALeadThatReachedSalesHasItsScoresKeptAndThenEveryLaterOne() {
		UUID leadId = UUID.randomUUID();
		LeadReceived lead = Leads.salesReady("dana@northwind.com", DEADLINE);
		LeadScored mql = new LeadScored(UUID.randomUUID(), DEADLINE, leadId, lead, 25, 0, "C", LeadScored.Stage.MQL,
				LeadScored.Stage.INQUIRY, "starter", 1, List.of(), "fit 25 reaches MQL");
		LeadScored salesReady = new LeadScored(UUID.randomUUID(), DEADLINE.plusSeconds(10), leadId, lead, 50, 0, "B",
				LeadScored.Stage.SALES_READY, LeadScored.Stage.MQL, "starter", 1, List.of(),
				"fit 50 reaches sales-ready");
		LeadScored nurture = new LeadScored(UUID.randomUUID(), DEADLINE.plusSeconds(20), leadId, lead, 10, 0, "D",
				LeadScored.Stage.NURTURE, LeadScored.Stage.SALES_READY, "starter", 1, List.of(),
				"fit 10 falls to nurture");

		send("leads.scored", leadId, mql);
		assertThat(evidence(leadId).score()).isNull();
		send("leads.scored", leadId, salesReady);
		assertThat(evidence(leadId).score()).isEqualTo(salesReady);
		send("leads.scored", leadId, nurture);
		assertThat(evidence(leadId).score()).isEqualTo(nurture);
		// Each of them stays in the lead's score history, oldest first, read twice or
		// not.
		send("leads.scored", leadId, salesReady);
		assertThat(evidence(leadId).scores()).extracting(ScoreLine::stage, ScoreLine::stageReason)
			.containsExactly(Tuple.tuple(LeadScored.Stage.SALES_READY, "fit 50 reaches sales-ready"),
					Tuple.tuple(LeadScored.Stage.NURTURE, "fit 10 falls to nurture"));
	}

	private List<RefusedReturn> refused() {
		List<RefusedReturn> refused = new ArrayList<>();
		try (var it = this.driver.<String, RefusedReturn>getKeyValueStore(CaseTopology.REFUSED_RETURNS_STORE).all()) {
			it.forEachRemaining((entry) -> refused.add(entry.value));
		}
		return refused;
	}

	/** Where {@code leads.assigned} ends, as a test says routing has written to it. */
	static final class AssignedEnds implements InputEnds {

		volatile long assigned;

		@Override
		public OptionalLong endSince(String topic, int partition, Instant at) {
			return OptionalLong.of(topic.equals(Topics.LEADS_ASSIGNED.name()) ? this.assigned : 0);
		}

	}

	private void send(String topic, UUID leadId, Object event) {
		this.topics.get(topic).pipeInput(leadId.toString(), event);
	}

	private List<Case> cases() {
		KeyValueStore<String, Case> store = this.driver.getKeyValueStore(CaseTopology.CASES_STORE);
		List<Case> all = new ArrayList<>();
		try (var it = store.all()) {
			it.forEachRemaining((entry) -> all.add(entry.value));
		}
		return all;
	}

	private Evidence evidence(UUID leadId) {
		return Evidence.of(
				this.driver.<String, Evidence>getKeyValueStore(CaseTopology.EVIDENCE_STORE).get(leadId.toString()),
				this.driver.<String, LeadScored>getKeyValueStore(CaseTopology.SCORES_STORE).get(leadId.toString()));
	}

	@Test
	void aReturnForAReasonTheAgreementDoesNotListPutsTheLeadBeforeTheJudgeAsSuch() {
		UUID leadId = UUID.randomUUID();
		send("leads.assigned", leadId, assignment(leadId, "anna-snelling"));

		send("leads.returned", leadId,
				new LeadReturned(UUID.randomUUID(), DEADLINE, leadId, "anna-snelling", "DOES_NOT_LIKE_THEM", null));

		assertThat(cases()).singleElement().satisfies((opened) -> {
			assertThat(opened.cause()).isEqualTo(Case.Cause.RETURNED_WITHOUT_AGREED_REASON);
			assertThat(opened.repId()).isEqualTo("anna-snelling");
			assertThat(opened.returned().reasonCode()).isEqualTo("DOES_NOT_LIKE_THEM");
			assertThat(opened.rulingDue()).isEqualTo(DEADLINE.plus(Duration.ofDays(3)));
		});
		KeyValueStore<String, RefusedReturn> refused = this.driver.getKeyValueStore(CaseTopology.REFUSED_RETURNS_STORE);
		assertThat(refused.approximateNumEntries()).isZero();
		assertThat(this.meters
			.counter("handoff.cases.opened", "cause", "RETURNED_WITHOUT_AGREED_REASON", "team", "Central", "reason",
					"DOES_NOT_LIKE_THEM")
			.count()).isEqualTo(1);
	}

	@Test
	void theFirstRulingSubmittedClosesItsCaseAndIsPublishedOnceAndALaterOneChangesNothing() {
		UUID leadId = UUID.randomUUID();
		send("sla.events", leadId, sla(leadId, SlaEvent.Type.IGNORED, DEADLINE));
		Case opened = cases().get(0);
		RulingSubmitted first = new RulingSubmitted(UUID.randomUUID(), DEADLINE.plusSeconds(60), leadId,
				opened.caseId(), Ruling.Decision.FOLLOW_UP_REQUIRED, "The lead asked for a call back", "ceo");
		RulingSubmitted second = new RulingSubmitted(UUID.randomUUID(), DEADLINE.plusSeconds(61), leadId,
				opened.caseId(), Ruling.Decision.RETURN_TO_MARKETING, "Sent from the other instance", "judge-2");
		RulingSubmitted otherLead = new RulingSubmitted(UUID.randomUUID(), DEADLINE.plusSeconds(62), UUID.randomUUID(),
				opened.caseId(), Ruling.Decision.REASSIGN, "Names a case of another lead", "ceo");

		send("arbitration.submissions", leadId, first);
		send("arbitration.submissions", leadId, second);
		send("arbitration.submissions", leadId, otherLead);

		assertThat(cases()).singleElement().satisfies((ruled) -> {
			assertThat(ruled.status()).isEqualTo(Case.Status.RULED);
			assertThat(ruled.ruling()).isEqualTo(first.ruling());
		});
		assertThat(this.rulings.readKeyValuesToList()).singleElement().satisfies((published) -> {
			assertThat(published.key).isEqualTo(leadId.toString());
			assertThat(published.value).isEqualTo(first.ruling());
		});
		assertThat(this.meters.counter("handoff.rulings", "decision", "FOLLOW_UP_REQUIRED").count()).isEqualTo(1);
		assertThat(this.meters.counter("handoff.rulings", "decision", "RETURN_TO_MARKETING").count()).isZero();
		assertThat(this.meters.counter("handoff.rulings.ignored").count()).isEqualTo(2);
	}

	@Test
	void aCaseLeftUnruledPastTheAgreementsTimeGoesToTheExecutivesOnce() {
		UUID leadId = UUID.randomUUID();
		UUID ruledLead = UUID.randomUUID();
		send("sla.events", leadId, sla(leadId, SlaEvent.Type.IGNORED, DEADLINE));
		send("sla.events", ruledLead, sla(ruledLead, SlaEvent.Type.IGNORED, DEADLINE));
		Case toRule = cases().stream().filter((found) -> found.leadId().equals(ruledLead)).findFirst().orElseThrow();
		send("arbitration.submissions", ruledLead, new RulingSubmitted(UUID.randomUUID(), DEADLINE.plusSeconds(60),
				ruledLead, toRule.caseId(), Ruling.Decision.REASSIGN, "Give it to someone who calls", "ceo"));

		this.driver.advanceWallClockTime(Duration.ofDays(3).minusMinutes(1));
		assertThat(this.escalations.isEmpty()).isTrue();
		this.driver.advanceWallClockTime(Duration.ofMinutes(2));

		CaseEscalated escalation = this.escalations.readValue();
		assertThat(escalation.leadId()).isEqualTo(leadId);
		assertThat(escalation.rulingDue()).isEqualTo(DEADLINE.plus(Duration.ofDays(3)));
		assertThat(escalation.cause()).isEqualTo("IGNORED");
		this.driver.advanceWallClockTime(Duration.ofDays(1));
		assertThat(this.escalations.isEmpty()).isTrue();
		assertThat(cases()).filteredOn((found) -> found.leadId().equals(leadId))
			.singleElement()
			.satisfies((escalated) -> assertThat(escalated.escalatedAt()).isNotNull());
	}

	private static LeadAssigned assignment(UUID leadId, String repId) {
		return new LeadAssigned(UUID.randomUUID(), DEADLINE.minusSeconds(18_000), leadId, repId, "Anna Snelling",
				"Central", LeadAssigned.Method.ROUND_ROBIN, "B", 1,
				List.of("round robin: turn 1 among 35 available reps went to Anna Snelling"));
	}

	private static LeadReturned returned(UUID leadId) {
		return new LeadReturned(UUID.randomUUID(), DEADLINE.plusSeconds(600), leadId, "anna-snelling",
				"NOT_A_DECISION_MAKER", "an intern downloading a whitepaper");
	}

	private static SlaEvent sla(UUID leadId, SlaEvent.Type type, Instant at) {
		return new SlaEvent(UUID.randomUUID(), at, leadId, "anna-snelling", type, SlaEvent.Clock.FIRST_TOUCH, DEADLINE);
	}

	@Test
	void theServiceBindsWhatTheseTestsRead() {
		TopologyFixture.assertBound(CaseTopology.WIRING, "arbitration-service.yml");
	}

}
