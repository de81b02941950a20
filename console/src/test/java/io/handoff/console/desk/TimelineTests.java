package io.handoff.console.desk;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.TurnSteps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class TimelineTests {

	@Test
	void everyScoreArbitrationKeptIsOnTheTimelineWithItsRulesAndTheLatestOnce() {
		Map<String, Object> latest = Map.of("occurredAt", "2026-11-23T11:00:00Z", "stage", "SALES_READY", "fitScore",
				60, "engagementScore", 20, "grade", "A", "agreementId", "v1", "agreementVersion", 1, "stageReason",
				"high", "explanation",
				List.of(Map.of("ruleId", "title-executive", "description", "a VP", "points", 30)));
		Map<String, Object> earlier = Map.of("occurredAt", "2026-11-23T09:00:00Z", "stage", "SALES_READY", "fitScore",
				60, "engagementScore", 0, "grade", "A", "agreementVersion", 1, "stageReason", "fit alone",
				"explanation", List.of(Map.of("ruleId", "title-executive", "points", 30)));

		List<Timeline.Entry> entries = Timeline.of(null, Map.of("score", latest, "scores", List.of(earlier, latest)))
			.entries();

		assertThat(entries).filteredOn((entry) -> entry.kind().equals("score"))
			.extracting(Timeline.Entry::at, (entry) -> entry.details().get(0), (entry) -> entry.details().get(2))
			.containsExactly(
					tuple("2026-11-23T09:00:00Z", "Fit 60, engagement 0, grade A under agreement (v1)",
							"Rule title-executive fired (+30)"),
					tuple("2026-11-23T11:00:00Z", "Fit 60, engagement 20, grade A under agreement v1 (v1)",
							"Rule title-executive fired: a VP (+30)"));
	}

	@Test
	void everyChangeOfStageIsOnTheTimelineInOrderWithWhoMovedItAndWhy() {
		Map<String, Object> score = Map.of("occurredAt", "2026-11-23T11:00:00Z", "stage", "OPPORTUNITY", "stages",
				List.of(Map.of("stage", "SALES_READY", "at", "2026-11-23T09:00:00Z", "by", "scoring", "why",
						"fit 60, engagement 0 reach sales-ready"),
						Map.of("stage", "ACCEPTED", "from", "SALES_READY", "at", "2026-11-23T10:00:00Z", "by",
								"anna-snelling", "why", "first touch (call) accepts it"),
						Map.of("stage", "OPPORTUNITY", "from", "ACCEPTED", "at", "2026-11-23T11:00:00Z", "by",
								"sales tool", "why", "outcome reported: converted")));

		List<Timeline.Entry> entries = Timeline.of(null, Map.of("score", score)).entries();

		assertThat(entries).filteredOn((entry) -> entry.kind().equals("stage"))
			.extracting(Timeline.Entry::title, (entry) -> entry.details().get(0))
			.containsExactly(tuple("Stage: sales ready", "By scoring: fit 60, engagement 0 reach sales-ready"),
					tuple("Stage: sales ready → accepted", "By anna-snelling: first touch (call) accepts it"),
					tuple("Stage: accepted → opportunity", "By sales tool: outcome reported: converted"));
	}

	@Test
	void anAssignmentsStepsAreRenderedHereFromTheirValuesOrTakenAsAnEarlierReleaseWroteThem() {
		LeadAssigned assigned = LeadAssigned.of(UUID.randomUUID(), Instant.parse("2026-11-23T10:00:00Z"),
				UUID.randomUUID(), "ada", "Ada", "West", LeadAssigned.Method.FOLLOW_UP, "A", 1,
				List.of(new TurnSteps.FollowUp("Ada")), null);
		Map<String, Object> asTheApiAnswers = LeadEventsJson.mapper().convertValue(assigned, Map.class);
		Map<String, Object> earlier = new HashMap<>(asTheApiAnswers);
		earlier.remove("steps");
		earlier.put("reasons", List.of("follow-up: as an earlier release wrote it"));

		assertThat(Timeline.steps(asTheApiAnswers)).containsExactly("follow-up: the lead goes back to Ada");
		assertThat(Timeline.steps(earlier)).containsExactly("follow-up: as an earlier release wrote it");
	}

}
