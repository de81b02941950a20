package io.handoff.console.desk;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored;
import io.handoff.events.LeadScored.RuleHit;
import io.handoff.events.LeadScored.Stage;
import io.handoff.events.SalesActivity;
import io.handoff.events.ScoreLine;
import io.handoff.events.SlaEvent;
import io.handoff.events.StageChange;
import io.handoff.events.StageStep;
import io.handoff.events.TurnSteps;
import io.handoff.test.Leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class TimelineTests {

	static final Instant NOW = Instant.parse("2026-11-23T11:00:00Z");

	final LeadReceived lead = Leads.salesReady("dana@northwind.example", NOW.minusSeconds(7200));

	@Test
	void everyScoreArbitrationKeptIsOnTheTimelineWithItsRulesAndTheLatestOnce() {
		LeadScored latest = score(NOW, new StageStep.Reached(Stage.SALES_READY, 60, 20, 50, 10),
				List.of(new RuleHit("title-executive", "a VP", 30)));
		ScoreLine earlier = new ScoreLine(NOW.minusSeconds(7200), 60, 0, "A", Stage.SALES_READY, 1, "fit alone",
				List.of(new ScoreLine.Rule("title-executive", 30)));

		List<Timeline.Entry> entries = Timeline
			.of(null,
					new Evidence(latest, List.of(), List.of(earlier, ScoreLine.of(latest)), List.of(), List.of(),
							List.of(), List.of()))
			.entries();

		assertThat(entries).filteredOn((entry) -> entry.kind().equals("score"))
			.extracting(Timeline.Entry::at, (entry) -> entry.details().get(0), (entry) -> entry.details().get(1),
					(entry) -> entry.details().get(2))
			.containsExactly(
					tuple("2026-11-23T09:00:00Z", "Fit 60, engagement 0, grade A under agreement (v1)",
							"Why: fit alone", "Rule title-executive fired (+30)"),
					tuple("2026-11-23T11:00:00Z", "Fit 60, engagement 20, grade A under agreement starter (v1)",
							"Why: fit 60, engagement 20 reach sales-ready (fit 50, engagement 10)",
							"Rule title-executive fired: a VP (+30)"));
	}

	@Test
	void everyChangeOfStageIsOnTheTimelineInOrderWithWhoMovedItAndWhy() {
		List<StageChange> stages = List.of(
				new StageChange(Stage.SALES_READY, null, NOW.minusSeconds(7200), "scoring",
						new StageStep.Reached(Stage.SALES_READY, 60, 0, 50, 0), "A", 1),
				new StageChange(Stage.ACCEPTED, Stage.SALES_READY, NOW.minusSeconds(3600), "anna-snelling",
						new StageStep.FirstTouch(SalesActivity.Type.CALL), "A", 1),
				new StageChange(Stage.OPPORTUNITY, Stage.ACCEPTED, NOW, "sales tool",
						"outcome reported: converted, as an earlier release wrote it"));

		List<Timeline.Entry> entries = Timeline
			.of(null, new Evidence(null, stages, List.of(), List.of(), List.of(), List.of(), List.of()))
			.entries();

		assertThat(entries).filteredOn((entry) -> entry.kind().equals("stage"))
			.extracting(Timeline.Entry::title, (entry) -> entry.details().get(0))
			.containsExactly(
					tuple("Stage: sales ready",
							"By scoring: fit 60, engagement 0 reach sales-ready (fit 50, engagement 0)"),
					tuple("Stage: sales ready → accepted", "By anna-snelling: first touch (call) accepts it"),
					tuple("Stage: accepted → opportunity",
							"By sales tool: outcome reported: converted, as an earlier release wrote it"));
	}

	@Test
	void anAssignmentsStepsAreRenderedHereFromTheirValuesOrTakenAsAnEarlierReleaseWroteThem() {
		LeadAssigned assigned = LeadAssigned.of(UUID.randomUUID(), NOW, UUID.randomUUID(), "ada", "Ada", "West",
				LeadAssigned.Method.FOLLOW_UP, "A", 1, List.of(new TurnSteps.FollowUp("Ada")), null);
		Map<String, Object> earlier = new HashMap<>(LeadEventsJson.mapper().convertValue(assigned, Map.class));
		earlier.remove("steps");
		earlier.put("reasons", List.of("follow-up: as an earlier release wrote it"));

		assertThat(Timeline.steps(assigned)).containsExactly("follow-up: the lead goes back to Ada");
		assertThat(Timeline.steps(LeadEventsJson.mapper().convertValue(earlier, LeadAssigned.class)))
			.containsExactly("follow-up: as an earlier release wrote it");
	}

	@Test
	void aCaseFileIsReadAsArbitrationAnswersWithItWhatANewerReleaseAddedIncluded() {
		LeadScored score = score(NOW, new StageStep.Assigned("ada"), List.of());
		SlaEvent breach = new SlaEvent(UUID.randomUUID(), NOW, this.lead.leadId(), "ada", SlaEvent.Type.BREACH,
				SlaEvent.Clock.FIRST_TOUCH, NOW, null);
		Map<String, Object> evidence = new HashMap<>();
		evidence.put("score", score);
		evidence.put("activities", List.of());
		evidence.put("returns", List.of());
		evidence.put("scores", List.of(ScoreLine.of(score)));
		Map<String, Object> newerStep = new HashMap<>(LeadEventsJson.mapper().convertValue(breach, Map.class));
		newerStep.put("type", "A_STEP_OF_A_NEWER_RELEASE");
		newerStep.put("aFieldOfANewerRelease", 1);
		evidence.put("sla", List.of(breach, newerStep));
		Map<String, Object> docket = Map.of("caseId", UUID.randomUUID(), "leadId", this.lead.leadId(), "repId", "ada",
				"cause", "IGNORED", "status", "OPEN", "openedAt", NOW);
		Map<String, Object> answer = LeadEventsJson.mapper()
			.convertValue(Map.of("docket", docket, "evidence", evidence), Map.class);

		CaseFile file = LeadEventsJson.mapper().convertValue(answer, CaseFile.class);

		assertThat(file.docket().reason()).isEqualTo("Ignored past the SLA");
		assertThat(file.evidence().score()).isEqualTo(score);
		assertThat(Timeline.of(file.docket(), file.evidence()).entries())
			.filteredOn((entry) -> entry.kind().equals("sla"))
			.extracting(Timeline.Entry::title)
			.containsExactly("SLA: breach (first touch)", "SLA: unknown (first touch)");
	}

	private LeadScored score(Instant at, StageStep why, List<RuleHit> rules) {
		return LeadScored.of(UUID.randomUUID(), at, this.lead.leadId(), this.lead, 60, 20, "A", Stage.SALES_READY, null,
				"starter", 1, rules, why, null);
	}

}
