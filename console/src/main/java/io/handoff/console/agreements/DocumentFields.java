package io.handoff.console.agreements;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The fields of an agreement document a person edits in the studio, each named by its JSON path
 * ({@code fitRules[2].points}) as scoring names it in a validation problem, so each problem shows beside its field.
 */
final class DocumentFields {

	private static final Pattern STEP = Pattern.compile("([A-Za-z]+)(?:\\[(\\d+)])?");

	private DocumentFields() {
	}

	/** The editable fields of {@code document}, in sections. */
	@SuppressWarnings("unchecked")
	static List<Section> of(Map<String, Object> document) {
		List<Section> sections = new ArrayList<>();
		sections.add(new Section("Name and change note", List.of(), List.of(new Row("The agreement", List.of(
				new Field("name", "Name", document.get("name")), new Field("changeNote", "What changes and why",
						document.get("changeNote")))))));
		List<Row> fit = new ArrayList<>();
		eachOf(document, "fitRules", (path, rule) -> fit.add(new Row(rule.get("id") + ": " + Agreements.condition(rule),
				List.of(new Field(path + ".points", "Points", rule.get("points"))))));
		eachOf(document, "targetProfiles", (path, profile) -> fit.add(new Row("Profile " + profile.get("name"),
				List.of(new Field(path + ".points", "Points", profile.get("points"))))));
		sections.add(new Section("Fit: who the lead is", List.of("fitRules", "targetProfiles"), fit));
		List<Row> engagement = new ArrayList<>();
		eachOf(document, "engagementRules", (path, rule) -> engagement.add(new Row(String.valueOf(rule.get("type")),
				List.of(new Field(path + ".points", "Points", rule.get("points")),
						new Field(path + ".cap", "Cap", rule.get("cap")),
						new Field(path + ".halfLife", "Half-life", rule.get("halfLife"))))));
		sections.add(new Section("Engagement: what the lead does", List.of("engagementRules"), engagement));
		List<Row> grades = new ArrayList<>();
		eachOf(document, "grades", (path, band) -> grades.add(new Row("Grade " + band.get("grade"),
				List.of(new Field(path + ".minFitScore", "From fit", band.get("minFitScore")),
						new Field(path + ".maxFitScore", "To fit", band.get("maxFitScore"))))));
		sections.add(new Section("Grades", List.of("grades"), grades));
		List<Row> stages = new ArrayList<>();
		Map<String, Object> thresholds = (Map<String, Object>) document.getOrDefault("stages", Map.of());
		stages.add(new Row("Disqualified below fit",
				List.of(new Field("stages.disqualifiedBelowFit", "Fit", thresholds.get("disqualifiedBelowFit")))));
		eachOf(thresholds, "mql", "stages.", (path, gate) -> stages.add(new Row("Marketing qualified when",
				List.of(new Field(path + ".minFit", "Fit at least", gate.get("minFit")),
						new Field(path + ".minEngagement", "Engagement at least", gate.get("minEngagement"))))));
		eachOf(thresholds, "salesReady", "stages.", (path, gate) -> stages.add(new Row("Sales-ready when",
				List.of(new Field(path + ".minFit", "Fit at least", gate.get("minFit")),
						new Field(path + ".minEngagement", "Engagement at least", gate.get("minEngagement"))))));
		stages.add(new Row("After the handoff",
				List.of(new Field("stages.acceptance", "Accepted by (FIRST_TOUCH or EXPLICIT)", thresholds.get("acceptance")),
						new Field("stages.recycleLostAfter", "Lost recycled after", thresholds.get("recycleLostAfter")),
						new Field("stages.recycleNurtureAfter", "Nurture recycled after",
								thresholds.get("recycleNurtureAfter")))));
		sections.add(new Section("Stages: the definition of a qualified lead", List.of("stages", "stages.mql",
				"stages.salesReady", "stages.acceptance", "stages.recycleLostAfter", "stages.recycleNurtureAfter"), stages));
		List<Row> sla = new ArrayList<>();
		Map<String, Object> terms = (Map<String, Object>) document.getOrDefault("sla", Map.of());
		eachOf(terms, "grades", "sla.", (path, grade) -> sla.add(new Row("Grade " + grade.get("grade"),
				List.of(new Field(path + ".firstTouch", "First touch within", grade.get("firstTouch")),
						new Field(path + ".followUpAttempts", "Attempts", grade.get("followUpAttempts")),
						new Field(path + ".followUpWithin", "Within", grade.get("followUpWithin"))))));
		sla.add(new Row("Escalation", List.of(new Field("sla.reassignAfter", "Reassign after", terms.get("reassignAfter")),
				new Field("sla.ignoredAfter", "Ignored after", terms.get("ignoredAfter")),
				new Field("rulingWithin", "Judge rules within", document.get("rulingWithin")))));
		sections.add(new Section("Sales SLA", List.of("sla", "sla.grades"), sla));
		List<Row> commitment = new ArrayList<>();
		Map<String, Object> promised = (document.get("commitment") instanceof Map<?, ?> given)
				? (Map<String, Object>) given : Map.of();
		commitment.add(new Row("In total", List.of(new Field("commitment.salesReadyPerWeek", "Sales-ready leads a week",
				promised.get("salesReadyPerWeek")))));
		eachOf(promised, "segments", "commitment.", (path, segment) -> commitment.add(new Row(
				"Within " + segment.get("dimension") + " " + segment.get("value"),
				List.of(new Field(path + ".salesReadyPerWeek", "Sales-ready leads a week", segment.get("salesReadyPerWeek"))))));
		sections.add(new Section("Marketing's commitment", List.of("commitment", "commitment.segments"), commitment));
		return sections;
	}

	/** Every path the studio edits. */
	static List<String> paths(Map<String, Object> document) {
		return of(document).stream()
			.flatMap((section) -> section.rows().stream())
			.flatMap((row) -> row.fields().stream())
			.map(Field::path)
			.toList();
	}

	/**
	 * Sets each of {@code values} (path to text as typed) in {@code document}: a number where the document has a
	 * number, empty text as no value; text that is not a number is kept as text, so scoring's validation names it.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> with(Map<String, Object> document, Map<String, String> values) {
		Map<String, Object> copy = (Map<String, Object>) deepCopy(document);
		values.forEach((path, text) -> set(copy, path, text));
		return copy;
	}

	@SuppressWarnings("unchecked")
	private static void set(Map<String, Object> document, String path, String text) {
		String[] steps = path.split("\\.");
		Object node = document;
		for (int i = 0; i < steps.length; i++) {
			Matcher step = STEP.matcher(steps[i]);
			if (!step.matches() || !(node instanceof Map<?, ?>)) {
				return;
			}
			Map<String, Object> object = (Map<String, Object>) node;
			boolean last = i == steps.length - 1;
			if (step.group(2) == null) {
				if (last) {
					object.put(step.group(1), value(object.get(step.group(1)), text));
					return;
				}
				if (object.get(step.group(1)) == null && text.isBlank()) {
					// Nothing typed for a term the document does not have (a version without a commitment): none.
					return;
				}
				node = object.computeIfAbsent(step.group(1), (name) -> new LinkedHashMap<String, Object>());
			}
			else {
				if (!(object.get(step.group(1)) instanceof List<?> list)) {
					return;
				}
				int index = Integer.parseInt(step.group(2));
				if (index >= list.size()) {
					return;
				}
				if (last) {
					((List<Object>) list).set(index, value(list.get(index), text));
					return;
				}
				node = list.get(index);
			}
		}
	}

	private static @Nullable Object value(@Nullable Object before, String text) {
		String typed = text.strip();
		if (typed.isEmpty()) {
			return null;
		}
		if (before == null || before instanceof Number) {
			try {
				return Integer.valueOf(typed);
			}
			catch (NumberFormatException notWhole) {
				return typed;
			}
		}
		return typed;
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Object deepCopy(@Nullable Object node) {
		if (node instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			((Map<String, Object>) map).forEach((key, value) -> copy.put(key, deepCopy(value)));
			return copy;
		}
		if (node instanceof List<?> list) {
			List<Object> copy = new ArrayList<>();
			list.forEach((item) -> copy.add(deepCopy(item)));
			return copy;
		}
		return node;
	}

	private static void eachOf(Map<String, Object> document, String list,
			java.util.function.BiConsumer<String, Map<String, Object>> action) {
		eachOf(document, list, "", action);
	}

	@SuppressWarnings("unchecked")
	private static void eachOf(Map<String, Object> document, String list, String prefix,
			java.util.function.BiConsumer<String, Map<String, Object>> action) {
		if (document.get(list) instanceof List<?> items) {
			for (int i = 0; i < items.size(); i++) {
				if (items.get(i) instanceof Map<?, ?> item) {
					action.accept(prefix + list + "[" + i + "]", (Map<String, Object>) item);
				}
			}
		}
	}

	/**
	 * The problems of {@code refusal} that name no field, row or section of the editor, shown above it.
	 */
	static List<String> unplaced(List<Section> sections, io.handoff.console.services.Refusal refusal) {
		java.util.Set<String> placed = new java.util.HashSet<>();
		for (Section section : sections) {
			placed.addAll(section.paths());
			for (Row row : section.rows()) {
				placed.add(row.path());
				row.fields().forEach((field) -> placed.add(field.path()));
			}
		}
		return refusal.problems()
			.stream()
			.filter((problem) -> problem.field() == null || !placed.contains(problem.field()))
			.map((problem) -> ((problem.field() != null) ? problem.field() + ": " : "") + problem.message())
			.toList();
	}

	/**
	 * A group of rows.
	 *
	 * @param title the group's heading
	 * @param paths the paths a problem about the whole group names ({@code grades})
	 * @param rows its rows
	 */
	record Section(String title, List<String> paths, List<Row> rows) {
	}

	/**
	 * One line of the editor: what it is about and its fields.
	 *
	 * @param label what the line is about
	 * @param fields its fields
	 */
	record Row(String label, List<Field> fields) {

		/** The path a problem about the whole row names ({@code grades[1]}): its fields' common parent. */
		public String path() {
			String first = this.fields.get(0).path();
			int dot = first.lastIndexOf('.');
			return (dot > 0) ? first.substring(0, dot) : "";
		}

	}

	/**
	 * One field.
	 *
	 * @param path its JSON path, also the form field's name
	 * @param label its label
	 * @param value its value now
	 */
	record Field(String path, String label, @Nullable Object value) {

		/** An id for the HTML element, from the path. */
		public String id() {
			return "f-" + this.path.replaceAll("[^A-Za-z0-9]+", "-");
		}

	}

}
