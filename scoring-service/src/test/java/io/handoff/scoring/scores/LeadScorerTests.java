package io.handoff.scoring.scores;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import io.handoff.events.Company;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAgreement.Condition;
import io.handoff.events.LeadAgreement.Operator;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored.Stage;
import io.handoff.events.StageStep;
import io.handoff.scoring.Agreements;
import io.handoff.test.Leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LeadScorerTests {

	static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");

	final CompiledAgreement starter = CompiledAgreement.of(Agreements.starter());

	@Test
	void inComparesWholeValuesIgnoringCase() {
		assertThat(holds("company.country", Operator.IN, List.of("US", "CA"), lead("VP Sales", 500, "us"))).isTrue();
		assertThat(holds("company.country", Operator.IN, List.of("US", "CA"), lead("VP Sales", 500, "USA"))).isFalse();
	}

	@Test
	void containsWordMatchesWholeWordsAndPhrasesOnly() {
		assertThat(titlesWhere(Operator.CONTAINS_WORD, List.of("Head", "Vice President"), "Head of Growth",
				"Senior vice president, Sales", "Headquarters Liaison"))
			.containsExactly("Head of Growth", "Senior vice president, Sales");
	}

	@Test
	void matchesTakesRegularExpressionsOverTheWholeValue() {
		assertThat(titlesWhere(Operator.MATCHES, List.of("head of .+", "c[emt]o"), "Head of Sales", "CTO",
				"Deputy Head of Sales"))
			.containsExactly("Head of Sales", "CTO");
	}

	@Test
	void aCatastrophicPatternAnswersAtOnceInsteadOfBacktrackingForever() {
		// (a+)+$ over forty a's and a final '!' backtracks some 2^40 ways in
		// java.util.regex; RE2/J reads it once.
		List<String> catastrophic = List.of("(a+)+$");
		String title = "a".repeat(40) + "!";
		Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
				() -> assertThat(holds("title", Operator.MATCHES, catastrophic, lead(title, 1, "US"))).isFalse());
		assertThat(holds("title", Operator.MATCHES, catastrophic, lead("a".repeat(40), 1, "US"))).isTrue();
	}

	@Test
	void betweenIsInclusiveAndNeverMatchesTextThatIsNoNumber() {
		List<String> range = List.of("200", "999");
		assertThat(IntStream.of(199, 200, 999, 1000)
			.filter((employees) -> holds("company.employees", Operator.BETWEEN, range, lead("VP", employees, "US"))))
			.containsExactly(200, 999);
		assertThat(holds("size", Operator.BETWEEN, range, custom(Map.of("size", "about 500")))).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CompiledAgreement.test(new Condition("size", Operator.BETWEEN, List.of("1"))));
	}

	@Test
	void presentAndAbsentLookAtBlankValuesToo() {
		assertThat(holds("painPoint", Operator.PRESENT, List.of(), custom(Map.of("painPoint", "routing")))).isTrue();
		assertThat(holds("painPoint", Operator.PRESENT, List.of(), custom(Map.of("painPoint", "  ")))).isFalse();
		assertThat(holds("attributes.painPoint", Operator.ABSENT, List.of(), custom(Map.of()))).isTrue();
	}

	@Test
	void freeMailDomainsAndDoNotContactCostPoints() {
		LeadReceived gmail = Leads.lead("dana.reyes@Gmail.com", "VP Marketing", 1200, "US", NOW);
		LeadReceived doNotContact = custom(Map.of("doNotContact", "true"));

		assertThat(
				LeadScorer.score(this.starter, new LeadProfile(gmail, List.of(), null, null, null), NOW).explanation())
			.anySatisfy((hit) -> {
				assertThat(hit.ruleId()).isEqualTo("email-free-mail");
				assertThat(hit.points()).isEqualTo(-10);
			});
		assertThat(score(doNotContact).stage()).isEqualTo(Stage.DISQUALIFIED);
	}

	@Test
	void aTargetProfileCountsOnlyWhenAllItsConditionsHold() {
		Map<String, Object> revops = Map.of("department", "revenue operations", "painPoint", "slow follow-up on leads");
		LeadReceived leader = new LeadReceived(UUID.randomUUID(), NOW, UUID.randomUUID(), "l@northwind.com", null, null,
				"VP Revenue", null, new Company("Northwind", "northwind.com", 50, null, "US", null), null, null, null,
				revops);
		LeadReceived noPain = new LeadReceived(UUID.randomUUID(), NOW, UUID.randomUUID(), "l@northwind.com", null, null,
				"VP Revenue", null, new Company("Northwind", "northwind.com", 50, null, "US", null), null, null, null,
				Map.of("department", "revenue operations"));

		assertThat(score(leader).explanation()).anySatisfy((hit) -> {
			assertThat(hit.ruleId()).isEqualTo("profile:revops-leader");
			assertThat(hit.description()).isEqualTo("matches target profile 'Revenue leader fighting lead leakage'");
			assertThat(hit.points()).isEqualTo(15);
		});
		assertThat(score(noPain).explanation()).noneMatch((hit) -> hit.ruleId().startsWith("profile:"));
	}

	@Test
	void gradeBandsMeetWithoutGapsAtTheirEdges() {
		LeadAgreement agreement = Agreements.starter();
		assertThat(LeadScorer.grade(agreement, 60)).isEqualTo("A");
		assertThat(LeadScorer.grade(agreement, 59)).isEqualTo("B");
		assertThat(LeadScorer.grade(agreement, 45)).isEqualTo("B");
		assertThat(LeadScorer.grade(agreement, 44)).isEqualTo("C");
		assertThat(LeadScorer.grade(agreement, 20)).isEqualTo("C");
		assertThat(LeadScorer.grade(agreement, 19)).isEqualTo("D");
		assertThat(LeadScorer.grade(agreement, -500)).isEqualTo("D");
	}

	@Test
	void aLeadWithoutARequiredFieldStaysAnInquiryWhateverItsScore() {
		LeadReceived anonymousVp = new LeadReceived(UUID.randomUUID(), NOW, UUID.randomUUID(), null, null, null,
				"VP Marketing", null, new Company("Northwind", "northwind.com", 1200, "software", "US", null), null,
				null, "form-1", Map.of());

		LeadScorer.Score score = score(anonymousVp);

		assertThat(score.fit()).isGreaterThanOrEqualTo(45);
		assertThat(score.stage()).isEqualTo(Stage.INQUIRY);
		assertThat(score.why()).isInstanceOfSatisfying(StageStep.MissingFields.class,
				(missing) -> assertThat(missing.required()).contains("email"));
		assertThat(score.why().sentence()).contains("missing a field the agreement requires").contains("email");
	}

	@Test
	void theSameLeadAndAgreementAlwaysGiveTheSameScore() {
		LeadReceived lead = Leads.salesReady("dana@northwind.com", NOW);
		assertThat(score(lead)).isEqualTo(score(lead));
	}

	private boolean holds(String attribute, Operator operator, List<String> values, LeadReceived lead) {
		return CompiledAgreement.test(new Condition(attribute, operator, values)).test(lead);
	}

	private LeadScorer.Score score(LeadReceived lead) {
		return LeadScorer.score(this.starter, new LeadProfile(lead, List.of(), null, null, null), NOW);
	}

	private static LeadReceived lead(String title, Integer employees, String country) {
		return Leads.lead("dana@northwind.com", title, employees, country, NOW);
	}

	private static LeadReceived custom(Map<String, Object> attributes) {
		return new LeadReceived(UUID.randomUUID(), NOW, UUID.randomUUID(), "l@northwind.com", null, null, null, null,
				new Company(null, null, null, null, null, null), null, null, null, attributes);
	}

	/** Of {@code titles}, those of which {@code title <operator> values} holds. */
	private List<String> titlesWhere(Operator operator, List<String> values, String... titles) {
		return Stream.of(titles).filter((title) -> holds("title", operator, values, lead(title, 1, "US"))).toList();
	}

}
