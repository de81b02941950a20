package io.handoff.console.agreements;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.handoff.console.services.Refusal;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentFieldsTests {

	final Map<String, Object> draft = draft();

	@Test
	void eachEditableFieldIsNamedByTheJsonPathScoringNamesInItsProblems() {
		List<String> paths = DocumentFields.paths(this.draft);

		assertThat(paths).contains("name", "changeNote", "fitRules[0].points", "fitRules[1].points",
				"grades[1].minFitScore", "grades[1].maxFitScore", "stages.salesReady[0].minFit",
				"sla.grades[0].firstTouch", "sla.ignoredAfter", "rulingWithin");
	}

	@Test
	void typedValuesLandAtTheirPathsAsNumbersWhereTheDocumentHasNumbersAndTheOriginalIsUntouched() {
		Map<String, Object> edited = DocumentEdits.with(this.draft,
				Map.of("fitRules[1].points", "-12", "grades[1].minFitScore", "forty", "sla.grades[0].firstTouch",
						"PT3H", "grades[0].maxFitScore", " ", "fitRules[9].points", "5"));

		assertThat(at(edited, "fitRules", 1)).containsEntry("points", -12);
		assertThat(at(edited, "grades", 1)).containsEntry("minFitScore", "forty");
		assertThat(at(edited, "grades", 0)).containsEntry("maxFitScore", null);
		assertThat(at((Map<String, Object>) edited.get("sla"), "grades", 0)).containsEntry("firstTouch", "PT3H");
		assertThat(at(this.draft, "fitRules", 1)).containsEntry("points", -10);
		assertThat((List<?>) edited.get("fitRules")).hasSize(2);
	}

	@Test
	@SuppressWarnings("unchecked")
	void marketingsCommitmentIsEditedInTotalAndPerSegmentAndLeftOutWhereNoneIsAgreedAndNoneTyped() {
		Map<String, Object> committed = new LinkedHashMap<>(this.draft);
		committed
			.put("commitment", new LinkedHashMap<>(Map.of("salesReadyPerWeek", 150, "segments", new ArrayList<>(List
				.of(new LinkedHashMap<>(Map.of("dimension", "source", "value", "Google", "salesReadyPerWeek", 40)))))));

		assertThat(DocumentFields.paths(committed)).contains("commitment.salesReadyPerWeek",
				"commitment.segments[0].salesReadyPerWeek");
		Map<String, Object> edited = DocumentEdits.with(committed,
				Map.of("commitment.salesReadyPerWeek", "180", "commitment.segments[0].salesReadyPerWeek", "55"));
		assertThat((Map<String, Object>) edited.get("commitment")).containsEntry("salesReadyPerWeek", 180);
		assertThat(at((Map<String, Object>) edited.get("commitment"), "segments", 0)).containsEntry("salesReadyPerWeek",
				55);

		assertThat(DocumentEdits.with(this.draft, Map.of("commitment.salesReadyPerWeek", " ")))
			.as("an empty field commits to nothing")
			.doesNotContainKey("commitment");
		assertThat((Map<String, Object>) DocumentEdits.with(this.draft, Map.of("commitment.salesReadyPerWeek", "90"))
			.get("commitment")).containsEntry("salesReadyPerWeek", 90);
	}

	@Test
	@SuppressWarnings("unchecked")
	void itemsAreAddedToEveryListAndRemovedFromItAndAListOfValuesIsEditedOneALine() {
		Map<String, Object> draft = new LinkedHashMap<>(this.draft);
		draft.put("targetProfiles",
				new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("id", "ops", "name", "Ops leader", "points", 10,
						"conditions", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("attribute", "title",
								"operator", "IN", "values", new ArrayList<>(List.of("VP")))))))))));
		draft.put("returnReasons",
				new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("code", "NO_BUDGET", "description", "No budget")))));

		assertThat(DocumentFields.lists(draft)).contains("fitRules", "targetProfiles", "targetProfiles[0].conditions",
				"engagementRules", "grades", "stages.mql", "stages.salesReady", "sla.grades", "returnReasons");
		assertThat(DocumentFields.items(draft)).contains("fitRules[0]", "fitRules[1]", "targetProfiles[0]",
				"targetProfiles[0].conditions[0]", "grades[1]", "returnReasons[0]");

		Map<String, Object> added = DocumentEdits.withNew(DocumentEdits.withNew(draft, "fitRules"),
				"targetProfiles[0].conditions");
		assertThat((List<?>) added.get("fitRules")).hasSize(3);
		assertThat(DocumentFields.paths(added)).contains("fitRules[2].id", "fitRules[2].operator", "fitRules[2].values",
				"targetProfiles[0].conditions[1].attribute");
		Map<String, Object> typed = DocumentEdits.with(added, Map.of("fitRules[2].values", "Founder\n  Co-founder \n\n",
				"fitRules[2].points", "15", "fitRules[2].id", "title-founder"));
		assertThat(at(typed, "fitRules", 2)).containsEntry("values", List.of("Founder", "Co-founder"))
			.containsEntry("points", 15)
			.containsEntry("id", "title-founder");

		Map<String, Object> removed = DocumentEdits.without(typed, "fitRules[0]");
		assertThat((List<Map<String, Object>>) removed.get("fitRules")).extracting((rule) -> rule.get("id"))
			.containsExactly("title-student", "title-founder");
		assertThat((List<?>) DocumentEdits.without(draft, "returnReasons[0]").get("returnReasons")).isEmpty();
		assertThat((List<?>) draft.get("fitRules")).as("the document itself is untouched").hasSize(2);
		assertThat(DocumentFields.lists(draft)).as("segments once there is a commitment in total")
			.doesNotContain("commitment.segments");
	}

	@Test
	void problemsAboutNoFieldOfTheEditorAreListedAboveIt() {
		List<DocumentFields.Section> sections = DocumentFields.of(this.draft);
		Refusal refusal = new Refusal(400, "2 problems",
				List.of(new Refusal.Problem("grades[1]", "Band B starts above its end"),
						new Refusal.Problem("returnReasons[0].code", "Duplicate code"),
						new Refusal.Problem(null, "Unreadable")));

		assertThat(DocumentFields.unplaced(sections, refusal)).containsExactly("returnReasons[0].code: Duplicate code",
				"Unreadable");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> at(Map<String, Object> document, String list, int index) {
		return ((List<Map<String, Object>>) document.get(list)).get(index);
	}

	private static Map<String, Object> draft() {
		Map<String, Object> draft = new LinkedHashMap<>();
		draft.put("name", "Starter");
		draft.put("fitRules", new ArrayList<>(List.of(rule("title-executive", 30), rule("title-student", -10))));
		draft.put("grades", new ArrayList<>(List.of(band("A", 60, null), band("B", 45, 59))));
		draft.put("stages",
				new LinkedHashMap<>(
						Map.of("disqualifiedBelowFit", -50, "mql", List.of(Map.of("minFit", 20, "minEngagement", 0)),
								"salesReady", List.of(Map.of("minFit", 45, "minEngagement", 0)))));
		Map<String, Object> grade = new LinkedHashMap<>(
				Map.of("grade", "A", "firstTouch", "PT2H", "followUpAttempts", 6, "followUpWithin", "PT240H"));
		draft.put("sla",
				new LinkedHashMap<>(Map.of("grades", new ArrayList<>(List.of(grade)), "ignoredAfter", "PT20H")));
		draft.put("rulingWithin", "PT72H");
		return draft;
	}

	private static Map<String, Object> rule(String id, int points) {
		return new LinkedHashMap<>(Map.of("id", id, "attribute", "title", "operator", "CONTAINS_WORD", "values",
				List.of("VP"), "points", points));
	}

	private static Map<String, Object> band(String grade, Integer min, Integer max) {
		Map<String, Object> band = new LinkedHashMap<>();
		band.put("grade", grade);
		band.put("minFitScore", min);
		band.put("maxFitScore", max);
		return band;
	}

}
