package io.handoff.scoring.segments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.handoff.events.StageChange;
import io.handoff.demo.DemoDeals;
import io.handoff.demo.DemoLeads;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadScored.Stage;
import io.handoff.scoring.scores.LeadProfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SegmentRankingTests {

	static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");

	static final Instant FROM = NOW.minus(Duration.ofDays(90));

	/**
	 * The 9,240 X Education leads, a minute apart, graded A or B, the won ones with a
	 * real CRM deal's value.
	 */
	static final List<LeadProfile> X_EDUCATION = xEducation();

	final SegmentOutcomes outcomes = SegmentOutcomes.of(X_EDUCATION, FROM, NOW.plusSeconds(1));

	@Test
	void theWilsonIntervalOfAShareIsTheTextbooksAndStaysWithinZeroAndOne() {
		assertThat(SegmentRanking.wilson(8, 10)[0]).isCloseTo(0.4902, within(1e-4));
		assertThat(SegmentRanking.wilson(8, 10)[1]).isCloseTo(0.9433, within(1e-4));
		assertThat(SegmentRanking.wilson(0, 30)[0]).isZero();
		assertThat(SegmentRanking.wilson(30, 30)[1]).isEqualTo(1.0);
	}

	@Test
	void segmentsOfRealLeadsAreRankedByTheLowerEndOfTheirIntervalEachWithItsCounts() {
		SegmentRanking ranking = SegmentRanking.of(this.outcomes, FROM, NOW, 30, Map.of(),
				SegmentRanking.Sort.CONVERSION, 1000);

		System.out.printf("segments of X Education: %d ranked; best %s at %.1f %% (%.1f-%.1f %%), worst %s%n",
				ranking.segments().size(), ranking.segments().get(0).name(),
				ranking.segments().get(0).conversion() * 100, ranking.segments().get(0).low() * 100,
				ranking.segments().get(0).high() * 100, ranking.segments().get(ranking.segments().size() - 1).name());
		assertThat(ranking.leads()).isEqualTo(9240);
		assertThat(ranking.withOutcome()).isEqualTo(9240);
		assertThat(ranking.conversion()).isCloseTo(3561.0 / 9240, within(1e-9));
		assertThat(ranking.segments())
			.isSortedAccordingTo(Comparator.comparingDouble(SegmentRanking.Segment::low).reversed());
		assertThat(ranking.segments()).allSatisfy((segment) -> {
			assertThat(segment.withOutcome()).isGreaterThanOrEqualTo(30);
			assertThat(segment.conversion()).isBetween(segment.low(), segment.high());
			assertThat(segment.name()).doesNotContain(SegmentOutcomes.NONE);
		});
		assertThat(ranking.segments()).extracting(SegmentRanking.Segment::name)
			.contains("source=Google", "seniority=STUDENT", "source=Google & country=IN", "grade=A & seniority=STAFF")
			.doesNotContain("source=bing");
		SegmentRanking.Segment professionals = segment(ranking, "seniority=STAFF");
		assertThat(professionals.withOutcome()).isEqualTo(706);
		assertThat(professionals.conversion()).isGreaterThan(0.85);
		assertThat(segment(ranking, "seniority=JOB_SEEKER").high()).isLessThan(professionals.low());
	}

	@Test
	void wonAmountsPerLeadAndCostsPerWonLeadRankSegmentsByReturn() {
		SegmentRanking byAmount = SegmentRanking.of(this.outcomes, FROM, NOW, 30,
				Map.of("Google", new BigDecimal("10")), SegmentRanking.Sort.AMOUNT, 1000);
		SegmentRanking byCost = SegmentRanking.of(this.outcomes, FROM, NOW, 30,
				Map.of("Google", new BigDecimal("10"), "Olark Chat", new BigDecimal("2")),
				SegmentRanking.Sort.COST_PER_WON, 1000);

		SegmentRanking.Segment google = segment(byAmount, "source=Google");
		BigDecimal wonAmount = BigDecimal.ZERO;
		for (int i = 0; i < X_EDUCATION.size(); i++) {
			if ("Google".equals(X_EDUCATION.get(i).lead().source()) && X_EDUCATION.get(i).converted()) {
				wonAmount = wonAmount.add(X_EDUCATION.get(i).wonAmount());
			}
		}
		assertThat(google.wonAmount()).isEqualByComparingTo(wonAmount);
		assertThat(google.amountsKnown()).isEqualTo(google.won());
		assertThat(google.wonAmountPerLead())
			.isEqualByComparingTo(wonAmount.divide(BigDecimal.valueOf(google.withOutcome()), 2, RoundingMode.HALF_UP));
		assertThat(byAmount.segments()).isSortedAccordingTo(Comparator.comparing(
				SegmentRanking.Segment::wonAmountPerLead, Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder())));
		assertThat(google.cost()).isEqualByComparingTo(BigDecimal.valueOf(10L * google.leads()));
		assertThat(google.costPerWon())
			.isEqualByComparingTo(google.cost().divide(BigDecimal.valueOf(google.won()), 2, RoundingMode.HALF_UP));
		assertThat(segment(byAmount, "country=IN").cost()).as("no cost for a segment of no one source").isNull();

		List<SegmentRanking.Segment> costed = byCost.segments().stream().filter((s) -> s.costPerWon() != null).toList();
		assertThat(costed).isNotEmpty().allSatisfy((s) -> assertThat(s.dimensions()).containsKey("source"));
		assertThat(byCost.segments().subList(0, costed.size())).isEqualTo(costed);
		assertThat(costed).isSortedAccordingTo(Comparator.comparing(SegmentRanking.Segment::costPerWon));
	}

	@Test
	void theModelSeparatesWhatEachAttributeAddsWithItsSampleSize() {
		SegmentModel model = SegmentRanking
			.of(this.outcomes, FROM, NOW, 30, Map.of(), SegmentRanking.Sort.CONVERSION, 10)
			.model();

		assertThat(model).isNotNull();
		assertThat(model.leads()).isEqualTo(9240);
		SegmentModel.Coefficient professionals = coefficient(model, "seniority=STAFF");
		assertThat(professionals.leads()).isEqualTo(706);
		assertThat(professionals.logOdds()).isGreaterThan(1.0);
		assertThat(professionals.oddsRatio()).isCloseTo(Math.exp(professionals.logOdds()), within(1e-9));
		assertThat(professionals.logOdds()).isGreaterThan(coefficient(model, "seniority=JOB_SEEKER").logOdds());
		assertThat(model.coefficients()).allSatisfy((c) -> assertThat(c.leads()).isGreaterThanOrEqualTo(30));
		assertThat(model.coefficients())
			.isSortedAccordingTo(Comparator.comparingDouble((SegmentModel.Coefficient c) -> -Math.abs(c.logOdds())));
	}

	@Test
	void sharesCountedOnSeveralInstancesAndSentAsJsonRankAsTheLeadsThemselves() {
		SegmentOutcomes merged = null;
		for (int from = 0; from < X_EDUCATION.size(); from += 3100) {
			SegmentOutcomes share = LeadEventsJson.mapper()
				.readValue(
						LeadEventsJson.mapper()
							.writeValueAsString(SegmentOutcomes.of(
									X_EDUCATION.subList(from, Math.min(X_EDUCATION.size(), from + 3100)), FROM,
									NOW.plusSeconds(1))),
						SegmentOutcomes.class);
			merged = (merged != null) ? share.plus(merged) : share;
		}

		assertThat(merged).isEqualTo(this.outcomes);
		assertThat(merged.patterns()).as("far fewer patterns travel than leads").hasSizeLessThan(9240 / 2);
	}

	@Test
	void onlyTheLeadsOfThePeriodCountAndLeadsWithoutOutcomeCountAsLeadsOnly() {
		List<LeadProfile> profiles = new ArrayList<>(X_EDUCATION.subList(0, 30));
		profiles.add(LeadProfile.EMPTY.withLead(DemoLeads.read(1).get(0).received(NOW.minus(Duration.ofDays(200)))));
		profiles.add(LeadProfile.EMPTY.withLead(DemoLeads.read(5001).get(5000).received(NOW.minusSeconds(5))));

		SegmentRanking ranking = SegmentRanking.of(SegmentOutcomes.of(profiles, FROM, NOW.plusSeconds(1)), FROM, NOW, 1,
				Map.of(), SegmentRanking.Sort.CONVERSION, 1000);

		assertThat(ranking.leads()).isEqualTo(31);
		assertThat(ranking.withOutcome()).isEqualTo(30);
		assertThat(ranking.model()).as("too few outcomes to fit a model on").isNull();
	}

	@Test
	void aTitleSaysHowSeniorALeadIs() {
		assertThat(Seniority.of("Chief Revenue Officer")).isEqualTo(Seniority.EXECUTIVE);
		assertThat(Seniority.of("Vice President, Sales Manager")).isEqualTo(Seniority.VP);
		assertThat(Seniority.of("Head of Growth")).isEqualTo(Seniority.DIRECTOR);
		assertThat(Seniority.of("Marketing Manager")).isEqualTo(Seniority.MANAGER);
		assertThat(Seniority.of("Working Professional")).isEqualTo(Seniority.STAFF);
		assertThat(Seniority.of("Unemployed")).isEqualTo(Seniority.JOB_SEEKER);
		assertThat(Seniority.of("Student")).isEqualTo(Seniority.STUDENT);
		assertThat(Seniority.of("Housewife")).isEqualTo(Seniority.UNKNOWN);
		assertThat(Seniority.of(null)).isEqualTo(Seniority.UNKNOWN);
		assertThat(Seniority.of("Overseer")).as("a word inside another is not it").isEqualTo(Seniority.UNKNOWN);
	}

	private static SegmentRanking.Segment segment(SegmentRanking ranking, String name) {
		return ranking.segments().stream().filter((s) -> s.name().equals(name)).findFirst().orElseThrow();
	}

	private static SegmentModel.Coefficient coefficient(SegmentModel model, String name) {
		return model.coefficients().stream().filter((c) -> c.segment().equals(name)).findFirst().orElseThrow();
	}

	private static List<LeadProfile> xEducation() {
		List<LeadProfile> profiles = new ArrayList<>();
		List<DemoLeads.DemoLead> leads = DemoLeads.all();
		for (int i = 0; i < leads.size(); i++) {
			DemoLeads.DemoLead lead = leads.get(i);
			profiles.add(LeadProfile.EMPTY.withLead(lead.received(NOW.minus(Duration.ofMinutes(i))))
				.withStage(new StageChange(Stage.SALES_READY, Stage.MQL, NOW, "scoring", "scored",
						(i % 2 == 0) ? "A" : "B", 1))
				.withOutcome(lead.converted(), lead.converted() ? DemoDeals.wonAmount(i) : null));
		}
		return profiles;
	}

}
