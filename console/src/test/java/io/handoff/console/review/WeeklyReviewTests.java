package io.handoff.console.review;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.handoff.console.review.ReviewTable.Cell;

import static org.assertj.core.api.Assertions.assertThat;

class WeeklyReviewTests {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	static final LocalDate MONDAY = LocalDate.parse("2026-11-23");

	@Test
	void marketingIsMeasuredOnItsCommitmentAgainstTheWeekBeforeAndTheFourBeforeEachNumberLinkedToItsLeads() {
		WeeklyReview review = WeeklyReview.of(MONDAY, BERLIN, answers());

		ReviewTable commitment = review.table("commitment");
		assertThat(commitment.rows()).hasSize(3);
		List<Cell> total = commitment.rows().get(0);
		assertThat(total).extracting(Cell::text)
			.containsExactly("All sales-ready leads", "150", "120", "80%", "100", "105.0");
		assertThat(total.get(2).link())
			.isEqualTo("/leads?salesReadyFrom=2026-11-22T23:00:00Z&salesReadyTo=2026-11-29T23:00:00Z");
		List<Cell> google = commitment.rows().get(2);
		assertThat(google).extracting(Cell::text).startsWith("source=Google", "40", "30", "75%");
		assertThat(google.get(2).link()).endsWith("&source=Google");
		assertThat(review.headline().get(0))
			.isEqualTo("Marketing handed sales 120 sales-ready leads against 150 committed; 100 the week before.");
		assertThat(review.versions()).contains("v1 (20)", "v2 (100)", "in force today is v2");
		assertThat(review.title()).isEqualTo("Mon 23 Nov 2026 to Sun 29 Nov 2026");
	}

	@Test
	void salesIsMeasuredPerTeamAndRepOnTheLeadsItWasGivenAndOnTheSla() {
		WeeklyReview review = WeeklyReview.of(MONDAY, BERLIN, answers());

		ReviewTable reps = review.table("reps");
		assertThat(reps.rows()).extracting((row) -> row.get(1).text())
			.containsExactly("Anna Snelling", "All of Central", "Darcel Schlecht", "All of East");
		assertThat(reps.rows().get(1)).extracting(Cell::text).startsWith("Central", "All of Central", "10", "8", "80%");
		assertThat(reps.rows().get(1).get(7).text()).as("the team's own SLA figure").isEqualTo("75%");
		assertThat(reps.rows().get(1).get(2).link()).contains("&team=Central");
		List<Cell> anna = reps.rows().get(0);
		assertThat(anna).extracting(Cell::text)
			.containsExactly("Central", "Anna Snelling", "10", "8", "80%", "3", "1", "90%", "1 h 30 min", "2.5");
		assertThat(anna.get(2).link()).endsWith("&repId=anna-snelling");
		assertThat(anna.get(6).link()).contains("&repId=anna-snelling").contains("&stage=WON");
		ReviewTable sla = review.table("sla");
		assertThat(sla.rows().get(0)).extracting(Cell::text).startsWith("Central", "12", "75%", "50%");
		assertThat(review.table("rules").rows()).extracting((row) -> row.get(0).text())
			.containsExactly("title-student", "source-olark");
		assertThat(review.table("returns").rows().get(0)).extracting(Cell::text).containsExactly("NO_BUDGET", "3");
	}

	@Test
	void theSegmentsToActOnAreTheBestAndTheWeakestEachLinkedWhereTheLeadsPageCanFindThem() {
		ReviewTable segments = WeeklyReview.of(MONDAY, BERLIN, answers()).table("segments");

		assertThat(segments.rows()).extracting((row) -> row.get(0).text() + " " + row.get(1).text())
			.containsExactly("Aim more source=Welingak Website", "Aim more seniority=STAFF",
					"Aim less source=Olark Chat");
		assertThat(segments.rows().get(0).get(1).link()).isEqualTo("/leads?source=Welingak%20Website");
		assertThat(WeeklyReview.Links.filter(Map.of("source", "C++ & Co")))
			.satisfies((filter) -> assertThat(new WeeklyReview.Links(Instant.EPOCH, Instant.EPOCH).all(filter))
				.isEqualTo("/leads?source=C%2B%2B%20%26%20Co"));
		assertThat(segments.rows().get(1).get(1).link()).as("the leads page has no seniority filter").isNull();
		assertThat(segments.rows().get(0).get(5).text()).isEqualTo("USD 1,234.50");
	}

	@Test
	void anAgreementWithoutACommitmentSaysSoAndEveryTableStillGoesToCsv() {
		WeeklyReview.Answers withoutCommitment = answers();
		Map<String, Object> agreement = new HashMap<>(withoutCommitment.agreement());
		agreement.put("commitment", null);
		WeeklyReview review = WeeklyReview.of(MONDAY, BERLIN,
				new WeeklyReview.Answers(withoutCommitment.handoffs(), agreement, withoutCommitment.compliance(),
						withoutCommitment.complianceBefore(), withoutCommitment.scorecard(),
						withoutCommitment.segments(), withoutCommitment.teams()));

		assertThat(review.table("commitment").rows()).isEmpty();
		assertThat(review.table("commitment").note()).contains("no commitment");
		assertThat(review.headline().get(0)).contains("no commitment agreed");
		for (ReviewTable table : review.tables()) {
			assertThat(table.values()).allSatisfy((row) -> assertThat(row).hasSameSizeAs(table.columns()));
		}
	}

	static WeeklyReview.Answers answers() {
		List<Map<String, Object>> weeks = new ArrayList<>();
		int[] handed = { 90, 110, 120, 100, 120 };
		for (int i = 0; i < 5; i++) {
			LocalDate monday = MONDAY.minusWeeks(4 - i);
			weeks.add(Map.of("from", monday.atStartOfDay(BERLIN).toInstant().toString(), "to",
					monday.plusWeeks(1).atStartOfDay(BERLIN).toInstant().toString(), "handedOver",
					Map.of("leads", handed[i], "accepted", 80, "opportunity", 30, "won", 10, "lost", 5,
							"returnedForCause", 4),
					"byVersion", (i == 4) ? Map.of("v1", 20, "v2", 100) : Map.of("v1", handed[i]), "bySegment",
					Map.of("source=Google", 30, "grade=A", 45), "byRep",
					Map.of("anna-snelling", Map.of("leads", 10, "accepted", 8, "opportunity", 3, "won", 1),
							"darcel-schlecht", Map.of("leads", 6, "accepted", 2), "(unassigned)",
							Map.of("leads", 100))));
		}
		Map<String, Object> agreement = new HashMap<>(Map.of("agreementId", "v2", "commitment",
				Map.of("salesReadyPerWeek", 150, "segments",
						List.of(Map.of("dimension", "grade", "value", "A", "salesReadyPerWeek", 50),
								Map.of("dimension", "source", "value", "Google", "salesReadyPerWeek", 40)))));
		Map<String, Object> compliance = Map.of("reps",
				Map.of("anna-snelling",
						Map.of("shareTouchedInTime", 0.9, "medianTimeToFirstTouch", "PT1H30M", "attemptsPerLead", 2.5)),
				"teams", Map.of("Central", Map.of("assigned", 12, "shareTouchedInTime", 0.75, "medianTimeToFirstTouch",
						"PT2H", "attemptsPerLead", 2.0, "breached", 3, "ignored", 1)));
		Map<String, Object> before = Map.of("reps", Map.of(), "teams",
				Map.of("Central", Map.of("shareTouchedInTime", 0.5)));
		Map<String, Object> scorecard = Map.ofEntries(Map.entry("returnsByReason", Map.of("NO_BUDGET", 3)),
				Map.entry("returnsWithoutAgreedReason", 1), Map.entry("refusedReturns", 0),
				Map.entry("rulings", Map.of("RETURN_TO_MARKETING", 2)), Map.entry("upheldShare", 0.5),
				Map.entry("againstMarketing", 2), Map.entry("againstSales", 1), Map.entry("openCases", 4),
				Map.entry("oldestOpenCase", "PT50H"), Map.entry("medianOpenCaseAge", "PT5H"), Map.entry("escalated", 0),
				Map.entry("rules", Map.of("source-olark", 1, "title-student", 3)));
		Map<String, Object> segments = Map.of("currency", "USD", "ranking", Map.of("conversion", 0.385, "segments",
				List.of(segment("source=Welingak Website", Map.of("source", "Welingak Website"), 0.95, 0.99, 1234.5),
						segment("seniority=STAFF", Map.of("seniority", "STAFF"), 0.89, 0.93, null),
						segment("country=IN", Map.of("country", "IN"), 0.36, 0.41, null),
						segment("source=Olark Chat", Map.of("source", "Olark Chat"), 0.2, 0.28, null))));
		List<Map<String, Object>> teams = List.of(
				Map.of("team", "Central", "reps", List.of(Map.of("repId", "anna-snelling", "name", "Anna Snelling"))),
				Map.of("team", "East", "reps", List.of(Map.of("repId", "darcel-schlecht", "name", "Darcel Schlecht"))));
		return new WeeklyReview.Answers(Map.of("weeks", weeks), agreement, compliance, before, scorecard, segments,
				teams);
	}

	private static Map<String, Object> segment(String name, Map<String, String> dimensions, double low, double high,
			Double amount) {
		Map<String, Object> segment = new HashMap<>(Map.of("name", name, "dimensions", dimensions, "withOutcome", 100,
				"conversion", (low + high) / 2, "low", low, "high", high));
		segment.put("wonAmountPerLead", amount);
		segment.put("costPerWon", null);
		return segment;
	}

}
