package io.handoff.console.agreements;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.handoff.console.BarChart;

import static org.assertj.core.api.Assertions.assertThat;

class StudioViewsTests {

	@Test
	void thePreviewChartsTheStagesTheScoresPutLeadsInInTheWaterfallsOrderAndNoStageOfANewerRelease() {
		Map<String, Object> preview = Map
			.of("leads", 10, "changed", 2, "window", "P7D", "stages",
					Map.of("active",
							Map.of("SALES_READY", 4, "INQUIRY", 5, "MQL", 1, "WON", 0, "A_NEWER_STAGE", 3, "UNKNOWN",
									0),
							"draft", Map.of("SALES_READY", 2, "INQUIRY", 5, "DISQUALIFIED", 3, "WON", 0)),
					"segments", Map.of());

		List<BarChart.Row> rows = StudioViews.charts(preview).charts().get(0).rows();

		assertThat(rows).extracting(BarChart.Row::label)
			.containsExactly("inquiry", "mql", "sales ready", "disqualified");
		assertThat(rows.get(2).values()).containsExactly(4.0, 2.0);
		assertThat(rows.get(3).values()).containsExactly(null, 3.0);
	}

}
