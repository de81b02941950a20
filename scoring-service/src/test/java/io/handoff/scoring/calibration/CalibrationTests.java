package io.handoff.scoring.calibration;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.handoff.demo.DemoLeads;
import io.handoff.scoring.Agreements;
import io.handoff.scoring.scoring.CompiledAgreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class CalibrationTests {

	static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");

	static final List<Calibration.Example> X_EDUCATION = DemoLeads.all()
		.stream()
		.map((lead) -> new Calibration.Example(lead.received(NOW), lead.converted()))
		.toList();

	final CompiledAgreement starter = CompiledAgreement.of(Agreements.starter());

	@Test
	void pointsSuggestedFromRealOutcomesRankHeldOutLeadsWithAnAucOfAtLeast085() {
		Calibration.Report report = Calibration.calibrate(this.starter, X_EDUCATION, 10);

		System.out.printf("calibration on X Education: %d leads (%d held out); held-out AUC %.3f with the suggested "
				+ "points, %.3f with the starter's%n", report.leads(), report.heldOutLeads(), report.heldOutAuc(),
				report.currentHeldOutAuc());
		assertThat(report.leads()).isEqualTo(9240);
		assertThat(report.heldOutLeads()).isBetween(2400, 3200);
		assertThat(report.heldOutAuc()).isGreaterThanOrEqualTo(0.85);
		assertThat(report.rules()).hasSize(this.starter.rules().size());
	}

	@Test
	void outcomesCountedOnSeveralInstancesAndSentAsJsonCalibrateAsTheLeadsThemselves() {
		Calibration.Report fromLeads = Calibration.calibrate(this.starter, X_EDUCATION, 10);
		Calibration.Outcomes merged = null;
		for (int from = 0; from < X_EDUCATION.size(); from += 3100) {
			Calibration.Outcomes share = io.handoff.events.LeadEventsJson.mapper()
				.readValue(io.handoff.events.LeadEventsJson.mapper()
					.writeValueAsString(Calibration.Outcomes.of(this.starter,
							X_EDUCATION.subList(from, Math.min(X_EDUCATION.size(), from + 3100)))),
						Calibration.Outcomes.class);
			merged = (merged != null) ? share.plus(merged) : share;
		}

		assertThat(merged.patterns().stream().mapToInt(Calibration.Pattern::count).sum()).isEqualTo(9240);
		assertThat(merged.patterns()).as("far fewer patterns travel than leads").hasSizeLessThan(9240 / 2);
		assertThat(Calibration.calibrate(this.starter, merged, 10)).isEqualTo(fromLeads);
	}

	@Test
	void rulesThatPredictConversionGetMorePointsAndRulesWithoutEvidenceNone() {
		Calibration.Report report = Calibration.calibrate(this.starter, X_EDUCATION, 10);

		assertThat(suggestion(report, "origin-lead-add-form").suggestedPoints()).isGreaterThan(10);
		assertThat(suggestion(report, "last-activity-chat-only").suggestedPoints()).isNegative();
		assertThat(suggestion(report, "company-competitor").suggestedPoints()).isNull();
		assertThat(suggestion(report, "company-competitor").firedFor()).isZero();
		assertThat(suggestion(report, "occupation-working-professional").conversionWhenFired()).isGreaterThan(0.85);
	}

	@Test
	void logisticRegressionRecoversTheOddsOfASimpleRule() {
		// Half the examples have the feature; of those 80 % convert, of the others 20 %.
		boolean[][] features = new boolean[1000][1];
		boolean[] outcomes = new boolean[1000];
		for (int i = 0; i < 1000; i++) {
			features[i][0] = i < 500;
			outcomes[i] = (i < 500) ? (i % 10 < 8) : (i % 10 < 2);
		}

		LogisticRegression model = LogisticRegression.fit(features, outcomes, 0.0);

		assertThat(model.intercept()).isCloseTo(Math.log(0.2 / 0.8), within(1e-6));
		assertThat(model.weights()[0]).isCloseTo(Math.log(0.8 / 0.2) - Math.log(0.2 / 0.8), within(1e-6));
		assertThat(LogisticRegression.rocAuc(new double[] { 1, 2, 3, 4 }, new boolean[] { false, false, true, true }))
			.isEqualTo(1.0);
		assertThat(LogisticRegression.rocAuc(new double[] { 1, 1 }, new boolean[] { false, true })).isEqualTo(0.5);
	}

	@Test
	void tooFewOutcomesAreRefusedWithTheCounts() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Calibration.calibrate(this.starter, X_EDUCATION.subList(0, 100), 10))
			.withMessageContaining("there are 100");
	}

	private static Calibration.RuleSuggestion suggestion(Calibration.Report report, String ruleId) {
		return report.rules().stream().filter((rule) -> rule.ruleId().equals(ruleId)).findFirst().orElseThrow();
	}

}
