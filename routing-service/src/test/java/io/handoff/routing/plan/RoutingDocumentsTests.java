package io.handoff.routing.plan;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.handoff.events.Matching;
import io.handoff.events.RoutingDocument;
import io.handoff.events.RoutingDocument.RepRouting;
import io.handoff.events.RoutingDocument.Status;
import io.handoff.events.SalesRep;
import io.handoff.events.Territory;
import io.handoff.routing.roster.Roster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a routing document is of the organisation, what is wrong with a draft, and what
 * changed between two.
 */
class RoutingDocumentsTests {

	static final Instant AT = Instant.parse("2026-11-23T15:00:00Z");

	final Roster roster = Roster.of(
			List.of(new SalesRep("ada", "Ada", null, "West", List.of(), 2, 30, "America/Denver", null, true),
					new SalesRep("bob", "Bob", null, "West", List.of(), 1, 30, "America/Denver", null, true)),
			List.of(), List.of(territory("us", "West", 10), territory("rest", "West", 99)));

	final RoutingDocument inForce = RoutingDocuments.of(this.roster, 1, Status.ACTIVE, null, null, "ops", AT);

	@Test
	void theOrganisationAsItStandsIsADocumentAndADraftAppliedToItRoutesByTheDraft() {
		assertThat(this.inForce.reps()).containsEntry("ada", new RepRouting("West", 2, 30));
		assertThat(this.inForce.activatedBy()).isEqualTo("ops");
		RoutingDocument draft = draft(List.of(territory("us", "East", 10)),
				Map.of("bob", new RepRouting("East", 3, 10)), new Matching(false, 0.95));

		Roster applied = RoutingDocuments.apply(draft, this.roster);

		assertThat(applied.territories()).extracting(Territory::team).containsExactly("East");
		assertThat(applied.rep("bob").orElseThrow().weight()).isEqualTo(3);
		assertThat(applied.rep("ada").orElseThrow().team()).isEqualTo("West");
		assertThat(applied.matching().byName()).isFalse();
		assertThat(RoutingDocuments.sameRouting(this.inForce,
				RoutingDocuments.of(this.roster, 7, Status.DRAFT, 1, "x", "someone", AT.plusSeconds(60))))
			.isTrue();
		assertThat(RoutingDocuments.sameRouting(this.inForce, draft)).isFalse();
	}

	@Test
	void theDiffNamesEveryTerritoryRepAndMatchingChange() {
		RoutingDocument draft = draft(List.of(territory("us", "East", 10), territory("ca", "West", 20)),
				Map.of("bob", new RepRouting("East", 3, 30)), new Matching(true, 0.95));

		assertThat(RoutingDocuments.diff(this.inForce, draft)).containsExactly(
				new RoutingDocuments.Change("territory", "rest", "removed", "rest (West)", null),
				new RoutingDocuments.Change("territory", "ca", "added", null, "ca (West)"),
				new RoutingDocuments.Change("territory", "us", "team", "West", "East"),
				new RoutingDocuments.Change("rep", "bob", "team", "West", "East"),
				new RoutingDocuments.Change("rep", "bob", "weight", "1", "3"),
				new RoutingDocuments.Change("matching", "accounts", "nameThreshold", "0.92", "0.95"));
	}

	@Test
	void everyProblemOfADraftIsSaid() {
		RoutingDocument bad = draft(List.of(territory("us", "Nowhere", 10), territory("us", "West", 20)),
				Map.of("ada", new RepRouting("West", 0, 30), "zed", new RepRouting("West", 1, 30)),
				new Matching(true, 0.5));

		assertThat(RoutingDocuments.problems(bad, this.roster)).containsExactly(
				"matching.nameThreshold must be between 0.8 and 1 (it is 0.5): below 0.8, different companies' names match",
				"territory us is there twice", "rep ada: weight 0 must be between 1 and 100",
				"rep zed is not on the roster (reps are added to the organisation first)",
				"territory us is sold by team Nowhere, which no rep is in");
	}

	private RoutingDocument draft(List<Territory> territories, Map<String, RepRouting> reps, Matching matching) {
		Map<String, RepRouting> all = new TreeMap<>(this.inForce.reps());
		all.putAll(reps);
		return new RoutingDocument(2, Status.DRAFT, territories, all, matching, 1, null, "ops", AT, null, null, null,
				null);
	}

	private static Territory territory(String id, String team, int order) {
		return new Territory(id, id, team, order, (order < 99) ? List.of(id.toUpperCase()) : List.of(), List.of(),
				List.of(), null, null);
	}

}
