package io.handoff.console.agreements;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.handoff.console.BarChart;
import io.handoff.console.services.Unavailable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CalibrationCurveTests {

	@Test
	void bothCurvesShareOneChartATenthOfTheHeldOutLeadsPerRow() {
		Map<String, Object> calibration = Map.of("verdict", "WORSE", "curve",
				Map.of("bins", List.of(bin(0.1, 0.05), bin(0.8, 0.9))), "currentCurve",
				Map.of("bins", List.of(bin(0.02, 0.01), bin(0.95, 0.97))));

		BarChart chart = StudioViews.curve(calibration);

		assertThat(chart.series()).containsExactly("Suggested: predicted", "Suggested: converted",
				"In force: predicted", "In force: converted");
		assertThat(chart.rows()).extracting(BarChart.Row::label).containsExactly("Tenth 1", "Tenth 2");
		assertThat(chart.rows().get(1).values()).containsExactly(0.8, 0.9, 0.95, 0.97);
		assertThat(chart.percent()).isTrue();
	}

	@Test
	void withoutAnAnswerFromScoringThePanelSaysSo() {
		assertThatExceptionOfType(Unavailable.class).isThrownBy(() -> StudioViews.curve(null));
	}

	private static Map<String, Object> bin(double predicted, double observed) {
		return Map.of("leads", 100, "predicted", predicted, "observed", observed);
	}

}
