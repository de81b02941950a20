package io.handoff.scoring.calibration;

import java.time.Instant;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.handoff.demo.DemoLeads;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadEventsJson;
import io.handoff.scoring.Agreements;
import io.handoff.scoring.scores.CompiledAgreement;

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
		CalibrationReport report = Calibration.calibrate(this.starter, X_EDUCATION, 10);

		System.out.printf(
				"calibration on X Education: %d leads (%d held out); held-out AUC %.3f with the suggested "
						+ "points, %.3f with the starter's%n",
				report.leads(), report.heldOutLeads(), report.heldOutAuc(), report.currentHeldOutAuc());
		assertThat(report.leads()).isEqualTo(9240);
		assertThat(report.heldOutLeads()).isBetween(2400, 3200);
		assertThat(report.heldOutAuc()).isGreaterThanOrEqualTo(0.85);
		assertThat(report.rules()).hasSize(this.starter.rules().size());
	}

	@Test
	void outcomesCountedOnSeveralInstancesAndSentAsJsonCalibrateAsTheLeadsThemselves() {
		CalibrationReport fromLeads = Calibration.calibrate(this.starter, X_EDUCATION, 10);
		Calibration.Outcomes merged = null;
		for (int from = 0; from < X_EDUCATION.size(); from += 3100) {
			Calibration.Outcomes share = LeadEventsJson.mapper()
				.readValue(
						LeadEventsJson.mapper()
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
		CalibrationReport report = Calibration.calibrate(this.starter, X_EDUCATION, 10);

		assertThat(suggestion(report, "origin-lead-add-form").suggestedPoints()).isGreaterThan(10);
		assertThat(suggestion(report, "last-activity-chat-only").suggestedPoints()).isNegative();
		assertThat(suggestion(report, "company-competitor").suggestedPoints()).isNull();
		assertThat(suggestion(report, "company-competitor").firedFor()).isZero();
		assertThat(suggestion(report, "occupation-working-professional").conversionWhenFired()).isGreaterThan(0.85);
	}

	@Test
	void aSuggestionThatRanksHeldOutLeadsWorseThanThePointsInForceIsMarkedWorse() {
		// One rule that says little (60 % against 40 %), while the points in force (a
		// target profile, say) separate the leads that converted from those that did not.
		Calibration.Outcomes outcomes = oneRulesOutcomes(90, 10, 120, 80, 80, 120, 30, 20, 20, 30);

		CalibrationReport report = Calibration.calibrate(oneRule(), outcomes, 10);

		assertThat(report.currentHeldOutAuc()).isEqualTo(1.0);
		assertThat(report.heldOutAuc()).isCloseTo(0.6, within(1e-9));
		assertThat(report.verdict()).isEqualTo(CalibrationReport.Verdict.WORSE);
	}

	@Test
	void aSuggestionThatRanksHeldOutLeadsBetterIsMarkedBetterAndOneAsGoodAsTheOldEven() {
		// The points in force are the same for every lead; the rule separates them.
		Calibration.Outcomes outcomes = oneRulesOutcomes(50, 50, 160, 40, 40, 160, 40, 10, 10, 40);

		assertThat(Calibration.calibrate(oneRule(), outcomes, 10).verdict())
			.isEqualTo(CalibrationReport.Verdict.BETTER);
		assertThat(CalibrationReport.Verdict.of(0.9, 0.903)).isEqualTo(CalibrationReport.Verdict.EVEN);
		assertThat(CalibrationReport.Verdict.of(0.9, 0.906)).isEqualTo(CalibrationReport.Verdict.WORSE);
	}

	@Test
	void bothCalibrationCurvesCoverTheHeldOutLeadsAndPredictWhatTheyDid() {
		CalibrationReport report = Calibration.calibrate(this.starter, X_EDUCATION, 10);

		for (CalibrationReport.Curve curve : List.of(report.curve(), report.currentCurve())) {
			assertThat(curve.bins()).hasSize(CalibrationReport.Curve.BINS);
			assertThat(curve.bins().stream().mapToInt(CalibrationReport.Bin::leads).sum())
				.isEqualTo(report.heldOutLeads());
			assertThat(curve.bins()).isSortedAccordingTo(Comparator.comparingDouble(CalibrationReport.Bin::predicted));
			double predicted = curve.bins().stream().mapToDouble((bin) -> bin.predicted() * bin.leads()).sum();
			double observed = curve.bins().stream().mapToDouble((bin) -> bin.observed() * bin.leads()).sum();
			assertThat(predicted / report.heldOutLeads()).as("mean prediction against the share converted")
				.isCloseTo(observed / report.heldOutLeads(), within(0.03));
			assertThat(curve.brier()).isBetween(0.05, 0.2);
		}
		assertThat(report.curve().bins().get(9).observed())
			.isGreaterThan(report.curve().bins().get(0).observed() + 0.5);
	}

	@Test
	void plattScalingRecoversTheOddsPerPoint() {
		// Scores 0 and 10; 20 % convert at 0, 80 % at 10.
		double[] scores = new double[1000];
		boolean[] outcomes = new boolean[1000];
		for (int i = 0; i < 1000; i++) {
			scores[i] = (i < 500) ? 10 : 0;
			outcomes[i] = (i < 500) ? (i % 10 < 8) : (i % 10 < 2);
		}

		LogisticRegression odds = LogisticRegression.fitScores(scores, outcomes);

		assertThat(odds.probability(0)).isCloseTo(0.2, within(1e-6));
		assertThat(odds.probability(10)).isCloseTo(0.8, within(1e-6));
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

	/** An agreement of one fit rule, the starter's first. */
	private CompiledAgreement oneRule() {
		LeadAgreement a = Agreements.starter();
		return CompiledAgreement.of(new LeadAgreement(a.agreementId(), a.version(), a.name(), a.status(),
				a.fitRules().subList(0, 1), List.of(), a.engagementRules(), a.grades(), a.stages(), a.requiredFields(),
				a.sla(), a.returnReasons(), a.rulingWithin(), a.author(), a.changeNote(), a.createdAt(), a.signatures(),
				a.activatedAt(), a.supersededAt()));
	}

	private static CalibrationReport.RuleSuggestion suggestion(CalibrationReport report, String ruleId) {
		return report.rules().stream().filter((rule) -> rule.ruleId().equals(ruleId)).findFirst().orElseThrow();
	}

	/**
	 * The leads of {@link #oneRule()}: how many converted and how many did not, where the
	 * rule fired and where it did not, first of those calibrated on, then of those held
	 * out; the points in force are {@code convertedPoints} for each lead that converted,
	 * {@code lostPoints} for each that did not.
	 */
	private static Calibration.Outcomes oneRulesOutcomes(int convertedPoints, int lostPoints, int... counts) {
		List<Calibration.Pattern> patterns = new ArrayList<>();
		int next = 0;
		for (boolean heldOut : new boolean[] { false, true }) {
			for (String fired : List.of("1", "0")) {
				patterns.add(new Calibration.Pattern(fired, heldOut, convertedPoints, true, counts[next++]));
				patterns.add(new Calibration.Pattern(fired, heldOut, lostPoints, false, counts[next++]));
			}
		}
		return new Calibration.Outcomes("starter", patterns);
	}

}
