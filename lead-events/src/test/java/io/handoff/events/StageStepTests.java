package io.handoff.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

import io.handoff.events.LeadScored.Stage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why a lead is in its stage, as values: each in the words scoring wrote before its
 * reasons were values (readers of {@code leads.scored} read them), written and read back
 * as JSON, read from what an earlier or a newer release wrote, and erased.
 */
class StageStepTests {

	static final TypeReference<List<StageStep>> STEPS = new TypeReference<>() {
	};

	static final UUID CASE = UUID.fromString("5c1d2a3b-0000-4000-8000-000000000001");

	static final List<StageStep> EVERY_KIND = List.of(new StageStep.MissingFields(List.of("email", "company.name")),
			new StageStep.ReturnedToMarketing("judge", CASE, "No project this year"),
			new StageStep.Disqualified(5, 0, 10), new StageStep.Reached(Stage.SALES_READY, 60, 45, 50, 40),
			new StageStep.Reached(Stage.MQL, 30, 10, 25, 0), new StageStep.NoThreshold(20, 5),
			new StageStep.Assigned("anna"), new StageStep.Accepted(), new StageStep.FirstTouch(SalesActivity.Type.CALL),
			new StageStep.Returned("NO_BUDGET", "No budget"),
			new StageStep.Ruled(Ruling.Decision.FOLLOW_UP_REQUIRED, "She asked for a call"),
			new StageStep.Outcome(LeadOutcome.Outcome.WON, new BigDecimal("12500.00")),
			new StageStep.Recycled(Stage.LOST, Duration.ofDays(90)),
			new StageStep.Faded(new StageStep.Reached(Stage.MQL, 30, 10, 25, 0)),
			new StageStep.Kept(new StageStep.Assigned("anna"), Stage.SALES_READY, Stage.MQL,
					new StageStep.Reached(Stage.MQL, 30, 10, 25, 0)),
			new StageStep.Kept(null, Stage.WON, Stage.INQUIRY, new StageStep.NoThreshold(20, 5)),
			new StageStep.Said("fit 1, engagement 2 reach no MQL threshold"));

	@Test
	void eachStepReadsAsScoringWroteItInWords() {
		assertThat(EVERY_KIND.stream().map(StageStep::sentence)).containsExactly(
				"missing a field the agreement requires to leave INQUIRY: [email, company.name]",
				"returned to marketing by judge (case " + CASE + "): No project this year",
				"fit 5, engagement 0: fit below 10 disqualifies",
				"fit 60, engagement 45 reach sales-ready (fit 50, engagement 40)",
				"fit 30, engagement 10 reach MQL (fit 25, engagement 0)", "fit 20, engagement 5 reach no MQL threshold",
				"assigned to anna", "accepted by the rep", "first touch (call) accepts it",
				"returned: NO_BUDGET (No budget)", "ruled follow up required: She asked for a call",
				"outcome reported: won, amount 12500.00", "lost for 90 days: back to marketing, its engagement reset",
				"engagement faded: fit 30, engagement 10 reach MQL (fit 25, engagement 0)",
				"assigned to anna (the scores alone would make it MQL: fit 30, engagement 10 reach MQL (fit 25, "
						+ "engagement 0))",
				"won (the scores alone would make it INQUIRY: fit 20, engagement 5 reach no MQL threshold)",
				"fit 1, engagement 2 reach no MQL threshold");
	}

	@Test
	void everyKindIsWrittenWithItsKindAndReadBackTheSame() {
		String json = LeadEventsJson.mapper().writerFor(STEPS).writeValueAsString(EVERY_KIND);

		assertThat(LeadEventsJson.mapper().readValue(json, STEPS)).isEqualTo(EVERY_KIND);
		assertThat(json).contains("\"kind\":\"REACHED\"", "\"kind\":\"KEPT\"", "\"kind\":\"SAID\"");
	}

	@Test
	void aScoreAnEarlierReleaseWroteInWordsReadsAsThoseWordsAndANewerKindAsTheWordsBesideIt() {
		LeadScored now = score(new StageStep.Reached(Stage.MQL, 30, 10, 25, 0));
		Map<String, Object> written = LeadEventsJson.mapper().convertValue(now, Map.class);
		written.remove("why");
		LeadScored earlier = LeadEventsJson.mapper().convertValue(written, LeadScored.class);
		written.put("why", Map.of("kind", "A_NEWER_KIND", "x", 1));
		written.put("stageReason", "a reason of a newer release");
		LeadScored newer = LeadEventsJson.mapper().convertValue(written, LeadScored.class);

		assertThat(now.stageReason()).isEqualTo("fit 30, engagement 10 reach MQL (fit 25, engagement 0)");
		assertThat(earlier.why()).isEqualTo(new StageStep.Said(now.stageReason()));
		assertThat(newer.why()).isEqualTo(new StageStep.Said("a reason of a newer release"));
		written.put("why", Map.of("kind", "KEPT", "stage", "SALES_READY", "scoresStage", "MQL", "move",
				Map.of("kind", "A_NEWER_KIND"), "scores", Map.of("kind", "NO_THRESHOLD", "fit", 1, "engagement", 2)));
		written.put("stageReason", "a newer move (the scores alone would make it MQL: ...)");
		assertThat(LeadEventsJson.mapper().convertValue(written, LeadScored.class).why())
			.isEqualTo(new StageStep.Said("a newer move (the scores alone would make it MQL: ...)"));
	}

	@Test
	void anErasedLeadsScoreKeepsWhatTheAgreementSaysAndLosesTheWordsPeopleWrote() {
		StageStep ruled = new StageStep.Kept(new StageStep.Ruled(Ruling.Decision.REASSIGN, "Dana was rude"),
				Stage.SALES_READY, Stage.MQL, new StageStep.Reached(Stage.MQL, 30, 10, 25, 0));

		LeadScored erased = score(ruled).erased();
		LeadScored returned = score(new StageStep.ReturnedToMarketing("judge", CASE, "Dana has no budget")).erased();
		LeadScored inWords = score(new StageStep.Said("ruled reassign: Dana was rude")).erased();

		assertThat(erased.stageReason()).doesNotContain("Dana")
			.isEqualTo("ruled reassign: (erased) (the scores alone would make it MQL: fit 30, engagement 10 reach "
					+ "MQL (fit 25, engagement 0))");
		assertThat(returned.stageReason()).isEqualTo("returned to marketing by judge (case " + CASE + "): (erased)");
		assertThat(inWords.why()).isEqualTo(new StageStep.Said(LeadErased.ERASED));
		assertThat(inWords.stageReason()).isEqualTo(LeadErased.ERASED);
	}

	private static LeadScored score(StageStep why) {
		LeadReceived lead = new LeadReceived(UUID.randomUUID(), Instant.parse("2026-12-01T10:00:00Z"),
				UUID.randomUUID(), "dana@northwind.example", "Dana", null, null, null, Company.unknown(), null, null,
				null, Map.of());
		return LeadScored.of(UUID.randomUUID(), lead.occurredAt(), lead.leadId(), lead, 30, 10, "B", Stage.MQL, null,
				"starter", 1, List.of(), why, "scoring");
	}

}
