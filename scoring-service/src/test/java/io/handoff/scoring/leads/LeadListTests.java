package io.handoff.scoring.leads;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.handoff.events.StageChange;
import io.handoff.demo.DemoLeads;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadScored.Stage;
import io.handoff.scoring.scores.LeadProfile;

import static org.assertj.core.api.Assertions.assertThat;

class LeadListTests {

	static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");

	/**
	 * 2,000 real leads a minute apart; every third sales-ready with a rep of three, the
	 * others MQL.
	 */
	static final List<LeadProfile> LEADS = leads();

	static final LeadList.Filter ANY = new LeadList.Filter(Set.of(), Set.of(), null, null, null, null, null, null, null,
			null, null, false);

	@Test
	void aFilterTakesTheLeadsThatMeetEveryCriterionGiven() {
		LeadList.Filter salesReadyOfRepOne = new LeadList.Filter(Set.of(Stage.SALES_READY), Set.of("rep-1"), "google",
				"IN", null, NOW.minus(Duration.ofHours(10)), NOW, null, null, null, null, false);

		LeadList found = LeadList.of(LEADS, salesReadyOfRepOne, LeadList.Sort.ARRIVED, 1000);

		assertThat(found.total()).isPositive().isEqualTo(found.rows().size());
		assertThat(found.rows()).allSatisfy((row) -> {
			assertThat(row.stage()).isEqualTo(Stage.SALES_READY);
			assertThat(row.assignee()).isEqualTo("rep-1");
			assertThat(row.source()).isEqualToIgnoringCase("Google");
			assertThat(row.country()).isEqualTo("IN");
			assertThat(row.arrivedAt()).isAfterOrEqualTo(NOW.minus(Duration.ofHours(10))).isBefore(NOW);
		});
		assertThat(found.rows()).isSortedAccordingTo(LeadList.Sort.ARRIVED.order());
	}

	@Test
	void aLeadWithoutARepOrAStageIsInNoListOfRepsOrStages() {
		List<LeadProfile> unassigned = List.of(LeadProfile.EMPTY.withLead(DemoLeads.read(1).get(0).received(NOW)));

		assertThat(LeadList
			.of(unassigned,
					new LeadList.Filter(Set.of(Stage.MQL), Set.of("rep-1"), null, null, null, null, null, null, null,
							null, null, false),
					LeadList.Sort.ARRIVED, 10)
			.total()).isZero();
		assertThat(LeadList
			.of(unassigned,
					new LeadList.Filter(Set.of(), Set.of("rep-1"), null, null, null, null, null, null, null, null, null,
							false),
					LeadList.Sort.ARRIVED, 10)
			.total()).isZero();
		assertThat(LeadList.of(unassigned, ANY, LeadList.Sort.STAGE, 10).total()).isEqualTo(1);
	}

	@Test
	void leadsThatBecameSalesReadyInAPeriodAreFoundWhateverTheyDidSince() {
		LeadList.Filter handed = new LeadList.Filter(Set.of(), Set.of(), null, null, null, null, null,
				NOW.minusSeconds(1), NOW.plusSeconds(1), null, null, false);
		LeadList.Filter before = new LeadList.Filter(Set.of(), Set.of(), null, null, null, null, null,
				NOW.minus(Duration.ofDays(1)), NOW.minusSeconds(1), null, null, false);

		assertThat(LeadList.of(LEADS, handed, LeadList.Sort.ARRIVED, 10).total()).isEqualTo(667);
		assertThat(LeadList.of(LEADS, before, LeadList.Sort.ARRIVED, 10).total()).isZero();
	}

	@Test
	void wordsAreLookedForInTheEmailNameAndCompanyIgnoringCase() {
		LeadList.Filter words = new LeadList.Filter(Set.of(), Set.of(), null, null, null, null, null, null, null,
				"LEAD-66", null, false);

		assertThat(LeadList.of(LEADS, words, LeadList.Sort.ARRIVED, 100).rows())
			.allSatisfy((row) -> assertThat(row.email()).contains("lead-66"))
			.isNotEmpty();
	}

	@Test
	void aRepSeesOnlyTheirOwnLeadsAndACallerWhoMaySeeNoneSeesNone() {
		LeadList.Filter asRepTwo = new LeadList.Filter(Set.of(), Set.of("rep-1"), null, null, null, null, null, null,
				null, null, "rep-2", false);
		LeadList.Filter ownOnly = new LeadList.Filter(Set.of(), Set.of(), null, null, null, null, null, null, null,
				null, "rep-2", false);
		LeadList.Filter nobody = new LeadList.Filter(Set.of(), Set.of(), null, null, null, null, null, null, null, null,
				null, true);

		assertThat(LeadList.of(LEADS, asRepTwo, LeadList.Sort.ARRIVED, 100).total()).isZero();
		assertThat(LeadList.of(LEADS, ownOnly, LeadList.Sort.ARRIVED, 100).rows())
			.allSatisfy((row) -> assertThat(row.assignee()).isEqualTo("rep-2"))
			.isNotEmpty();
		assertThat(LeadList.of(LEADS, nobody, LeadList.Sort.ARRIVED, 100).total()).isZero();
	}

	@Test
	void sharesOfSeveralInstancesSentAsJsonAndMergedListTheSameFirstRowsAsTheLeadsThemselves() {
		for (LeadList.Sort sort : LeadList.Sort.values()) {
			LeadList whole = LeadList.of(LEADS, ANY, sort, 150);
			LeadList merged = null;
			for (int from = 0; from < LEADS.size(); from += 700) {
				LeadList share = LeadEventsJson.mapper()
					.readValue(LeadEventsJson.mapper()
						.writeValueAsString(
								LeadList.of(LEADS.subList(from, Math.min(LEADS.size(), from + 700)), ANY, sort, 150)),
							LeadList.class);
				merged = (merged != null) ? share.plus(merged) : share;
			}
			assertThat(merged).as(sort.name()).isEqualTo(whole);
			assertThat(merged.total()).isEqualTo(LEADS.size());
			assertThat(merged.rows()).hasSize(150);
		}
	}

	@Test
	void aFilterTravelsToTheOtherInstancesAsParametersAndBackUnchanged() {
		LeadList.Filter filter = new LeadList.Filter(Set.of(Stage.SALES_READY, Stage.MQL), Set.of("rep-1", "rep-2"),
				"Google", "IN", "A", NOW.minusSeconds(60), NOW, NOW.minusSeconds(30), NOW, "Acme", "rep-2", false);
		Map<String, String> parameters = filter.parameters();

		assertThat(LeadList.Filter.of(parameters)).isEqualTo(filter);
		assertThat(LeadList.Filter.of(ANY.parameters())).isEqualTo(ANY);
	}

	private static List<LeadProfile> leads() {
		List<LeadProfile> profiles = new ArrayList<>();
		List<DemoLeads.DemoLead> demo = DemoLeads.read(2000);
		for (int i = 0; i < demo.size(); i++) {
			LeadProfile profile = LeadProfile.EMPTY.withLead(demo.get(i).received(NOW.minus(Duration.ofMinutes(i))));
			if (i % 3 == 0) {
				profile = profile
					.withStage(new StageChange(Stage.SALES_READY, Stage.MQL, NOW, "scoring", "scored", "A", 1))
					.withAssignee("rep-" + (i % 9 / 3));
			}
			else {
				profile = profile.withStage(new StageChange(Stage.MQL, null, NOW, "scoring", "scored", "B", 1));
			}
			profiles.add(profile);
		}
		return profiles;
	}

}
