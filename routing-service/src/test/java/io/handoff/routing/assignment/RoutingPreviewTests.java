package io.handoff.routing.assignment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.handoff.events.Company;
import io.handoff.events.SalesRep;
import io.handoff.events.Territory;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.routing.roster.Roster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preview of a routing draft: the same leads replayed under the version in force and
 * under the draft.
 */
class RoutingPreviewTests {

	static final Instant MONDAY = Instant.parse("2026-11-23T15:00:00Z");

	final List<SalesRep> reps = List.of(rep("ada", "West", 2, 100), rep("bob", "West", 1, 100),
			rep("eve", "Emea", 1, 2), rep("fay", "Emea", 1, 2));

	final Roster inForce = Roster.of(this.reps, List.of(),
			List.of(new Territory("de", "Germany", "Emea", 10, List.of("DE"), List.of(), List.of(), null, null),
					new Territory("rest", "Rest", "West", 99, List.of(), List.of(), List.of(), null, null)));

	@Test
	void theDraftsMovesArePerTeamExactlyPerRepAsSharesAndEachMovingLeadIsNamed() {
		List<RoutingPreview.Lead> leads = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			leads.add(lead((i % 3 == 0) ? "DE" : "US", i));
		}
		// The draft sends Germany to West.
		Roster draft = Roster.of(this.reps, List.of(),
				List.of(new Territory("de", "Germany", "West", 10, List.of("DE"), List.of(), List.of(), null, null),
						new Territory("rest", "Rest", "West", 99, List.of(), List.of(), List.of(), null, null)));

		RoutingPreview.Result result = RoutingPreview.replay(leads, this.inForce, draft, false,
				BusinessCalendars.NONE.build());

		assertThat(result.leads()).isEqualTo(12);
		assertThat(result.teams()).containsExactly(new RoutingPreview.TeamCount("Emea", 4, 0, -4),
				new RoutingPreview.TeamCount("West", 8, 12, 4));
		assertThat(result.moved()).isEqualTo(4);
		assertThat(result.moves()).extracting(RoutingPreview.Move::from).containsOnly("Emea");
		assertThat(result.moves().get(0).reasons()).anySatisfy(
				(reason) -> assertThat(reason).startsWith("territory: Germany (country in [DE]) is sold by team West"));
		// Ada has twice Bob's weight: two thirds of West's leads under both.
		assertThat(result.reps()).filteredOn((rep) -> rep.repId().equals("ada")).singleElement().satisfies((ada) -> {
			assertThat(ada.inForce()).isEqualTo(5);
			assertThat(ada.draft()).isEqualTo(8);
			assertThat(ada.draftShare()).isEqualTo(0.667);
		});
		// Emea's reps hold at most two leads each in the replay: four leads fill them,
		// none waits.
		assertThat(result.reps()).filteredOn((rep) -> rep.team().equals("Emea"))
			.extracting(RoutingPreview.RepShare::inForce)
			.containsExactly(2L, 2L);
	}

	@Test
	void aReplayFillsCapacityWithTheLeadsSalesStillHasAndALeadNoRepCanTakeHasNoRep() {
		List<RoutingPreview.Lead> leads = new ArrayList<>();
		// Two closed since (they hold no slot), then six open: Eve and Fay take two open
		// ones each, two get no rep.
		leads.add(lead("DE", 0, false));
		leads.add(lead("DE", 1, false));
		for (int i = 2; i < 8; i++) {
			leads.add(lead("DE", i));
		}

		RoutingPreview.Result result = RoutingPreview.replay(leads, this.inForce, this.inForce, false,
				BusinessCalendars.NONE.build());

		assertThat(result.teams()).containsExactly(new RoutingPreview.TeamCount("Emea", 8, 8, 0));
		assertThat(result.reps()).extracting(RoutingPreview.RepShare::inForce).containsExactly(3L, 3L);
		assertThat(result.reps().stream().mapToLong(RoutingPreview.RepShare::inForce).sum()).isEqualTo(6);
	}

	private static RoutingPreview.Lead lead(String country, int minute) {
		return lead(country, minute, true);
	}

	private static RoutingPreview.Lead lead(String country, int minute, boolean openNow) {
		return new RoutingPreview.Lead(UUID.randomUUID(),
				new Company("Prospect " + minute, null, null, null, country, null), "prospect" + minute + ".example",
				MONDAY.plusSeconds(60L * minute), "someone at Prospect " + minute, openNow);
	}

	private static SalesRep rep(String id, String team, int weight, int maxOpen) {
		return new SalesRep(id, id, id + "@seller.example", team, List.of(), weight, maxOpen, "America/Chicago", null,
				true);
	}

}
