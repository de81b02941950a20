package io.handoff.console.desk;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class TimelineTests {

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

}
