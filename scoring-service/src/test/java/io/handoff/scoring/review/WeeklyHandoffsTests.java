package io.handoff.scoring.review;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored.Stage;
import io.handoff.scoring.scores.LeadProfile;
import io.handoff.events.StageChange;
import io.handoff.test.Leads;

import static org.assertj.core.api.Assertions.assertThat;

class WeeklyHandoffsTests {

	static final Instant LAST_WEEK = Instant.parse("2026-11-16T00:00:00Z");

	static final Instant THIS_WEEK = Instant.parse("2026-11-23T00:00:00Z");

	static final Instant NEXT_WEEK = Instant.parse("2026-11-30T00:00:00Z");

	@Test
	void eachLeadCountsInTheWeekItBecameSalesReadyUnderTheVersionThenInForceWithWhatBecameOfIt() {
		List<LeadProfile> profiles = new ArrayList<>();
		// last week: one under v1, won later for 900
		profiles.add(lead("a@acme.com", "Google", "A", LAST_WEEK.plusSeconds(3600), 1).withAssignee("anna")
			.withStage(change(Stage.ACCEPTED, LAST_WEEK.plusSeconds(7200), "anna"))
			.withStage(change(Stage.WON, THIS_WEEK.plusSeconds(60), "sales tool"))
			.withOutcome(true, new BigDecimal("900")));
		// this week: two under v2, one accepted and lost, one sent back by the judge for
		// cause
		profiles.add(lead("b@acme.com", "Google", "B", THIS_WEEK.plusSeconds(60), 2).withAssignee("anna")
			.withStage(change(Stage.ACCEPTED, THIS_WEEK.plusSeconds(120), "anna"))
			.withStage(change(Stage.LOST, THIS_WEEK.plusSeconds(180), "sales tool"))
			.withOutcome(false, null));
		profiles.add(lead("c@acme.com", "Webinar", "A", THIS_WEEK.plusSeconds(90), 2)
			.withReturnedToMarketing(new LeadProfile.ReturnedToMarketing(UUID.randomUUID(), "student", "judge",
					THIS_WEEK.plusSeconds(3000))));
		// sales-ready twice in one week counts once; a lead that never became
		// sales-ready, not at all; a lead lost before, recycled and sales-ready again
		// this week counts with nothing become of it yet
		profiles.add(lead("r@acme.com", "Webinar", "B", LAST_WEEK.minusSeconds(7 * 86400), 1)
			.withStage(change(Stage.LOST, LAST_WEEK.minusSeconds(86400), "sales tool"))
			.withOutcome(false, null)
			.withStage(change(Stage.RECYCLED, LAST_WEEK.plusSeconds(10), "agreement"))
			.recycled()
			.withStage(new StageChange(Stage.SALES_READY, Stage.MQL, THIS_WEEK.plusSeconds(400), "scoring", "again",
					"B", 2)));
		profiles.add(lead("d@acme.com", "Webinar", "A", THIS_WEEK.plusSeconds(100), 2)
			.withStage(change(Stage.MQL, THIS_WEEK.plusSeconds(200), "scoring"))
			.withStage(new StageChange(Stage.SALES_READY, Stage.MQL, THIS_WEEK.plusSeconds(300), "scoring", "again",
					"A", 2)));
		profiles.add(LeadProfile.EMPTY.withLead(Leads.lead("e@acme.com", "Student", 5, "US", THIS_WEEK))
			.withStage(change(Stage.MQL, THIS_WEEK.plusSeconds(10), "scoring")));

		WeeklyHandoffs weeks = WeeklyHandoffs.of(profiles, List.of(LAST_WEEK, THIS_WEEK), NEXT_WEEK);

		WeeklyHandoffs.Week last = weeks.weeks().get(0);
		WeeklyHandoffs.Week now = weeks.weeks().get(1);
		assertThat(last.from()).isEqualTo(LAST_WEEK);
		assertThat(last.to()).isEqualTo(THIS_WEEK);
		assertThat(last.handedOver()).isEqualTo(new WeeklyHandoffs.Outcomes(1, 1, 1, 1, 0, 0));
		assertThat(last.byVersion()).containsExactly(Map.entry("v1", 1));
		assertThat(now.handedOver()).isEqualTo(new WeeklyHandoffs.Outcomes(4, 1, 0, 0, 1, 1));
		assertThat(now.byVersion()).containsExactly(Map.entry("v2", 4));
		assertThat(now.bySegment()).containsEntry("source=Google", 1)
			.containsEntry("source=Webinar", 3)
			.containsEntry("grade=A", 2)
			.containsEntry("grade=B", 2)
			.containsEntry("country=US", 4);
		assertThat(now.byRep()).containsEntry("anna", new WeeklyHandoffs.Outcomes(1, 1, 0, 0, 1, 0))
			.containsEntry("(unassigned)", new WeeklyHandoffs.Outcomes(3, 0, 0, 0, 0, 1));
	}

	@Test
	void sharesOfSeveralInstancesSentAsJsonAddUpToTheWhole() {
		List<LeadProfile> profiles = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			profiles.add(lead("l" + i + "@acme.com", (i % 2 == 0) ? "Google" : "Webinar", (i % 3 == 0) ? "A" : "B",
					(i % 4 == 0) ? LAST_WEEK.plusSeconds(i) : THIS_WEEK.plusSeconds(i), 1 + i % 2)
				.withAssignee("rep-" + (i % 5)));
		}
		WeeklyHandoffs whole = WeeklyHandoffs.of(profiles, List.of(LAST_WEEK, THIS_WEEK), NEXT_WEEK);

		WeeklyHandoffs merged = null;
		for (int from = 0; from < 60; from += 25) {
			WeeklyHandoffs share = LeadEventsJson.mapper()
				.readValue(LeadEventsJson.mapper()
					.writeValueAsString(WeeklyHandoffs.of(profiles.subList(from, Math.min(60, from + 25)),
							List.of(LAST_WEEK, THIS_WEEK), NEXT_WEEK)),
						WeeklyHandoffs.class);
			merged = (merged != null) ? share.plus(merged) : share;
		}

		assertThat(merged).isEqualTo(whole);
		assertThat(whole.weeks().get(0).handedOver().leads() + whole.weeks().get(1).handedOver().leads()).isEqualTo(60);
	}

	private static LeadProfile lead(String email, String source, String grade, Instant salesReadyAt, int version) {
		LeadReceived received = Leads.salesReady(email, salesReadyAt.minusSeconds(1));
		received = new LeadReceived(received.eventId(), received.occurredAt(), received.leadId(), received.email(),
				received.firstName(), received.lastName(), received.title(), received.phone(), received.company(),
				source, received.campaign(), received.externalId(), received.attributes());
		return LeadProfile.EMPTY.withLead(received)
			.withStage(
					new StageChange(Stage.SALES_READY, Stage.MQL, salesReadyAt, "scoring", "scored", grade, version));
	}

	private static StageChange change(Stage stage, Instant at, String by) {
		return new StageChange(stage, null, at, by, "moved");
	}

}
