package io.handoff.console.agreements;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import io.handoff.console.services.Refusal;

/**
 * The fields of an agreement document a person edits in the studio, each named by its
 * JSON path ({@code fitRules[2].points}) as scoring names it in a validation problem, so
 * each problem shows beside its field.
 */
final class DocumentFields {

	private static final Pattern STEP = Pattern.compile("([A-Za-z]+)(?:\\[(\\d+)])?");

	private DocumentFields() {
	}

	/**
	 * The editable fields of {@code document}, in sections, with the lists one can add to
	 * and remove from.
	 */
	@SuppressWarnings("unchecked")
	static List<Section> of(Map<String, Object> document) {
		List<Section> sections = new ArrayList<>();
		sections.add(new Section("Name and change note", List.of(),
				List.of(new Row("The agreement",
						List.of(new Field("name", "Name", document.get("name")),
								new Field("changeNote", "What changes and why", document.get("changeNote"))))),
				List.of()));
		List<Row> fit = new ArrayList<>();
		eachOf(document, "fitRules",
				(path, rule) -> fit.add(new Row("Fit rule " + rule.get("id"),
						List.of(new Field(path + ".id", "Id", rule.get("id")),
								new Field(path + ".attribute", "Attribute", rule.get("attribute")),
								new Field(path + ".operator", "Operator", rule.get("operator")),
								Field.lines(path + ".values", "Values, one a line", rule.get("values")),
								new Field(path + ".points", "Points", rule.get("points"))),
						path)));
		eachOf(document, "targetProfiles", (path, profile) -> {
			fit.add(new Row("Profile " + profile.get("name"),
					List.of(new Field(path + ".id", "Id", profile.get("id")),
							new Field(path + ".name", "Name", profile.get("name")),
							new Field(path + ".points", "Points", profile.get("points"))),
					path, List.of(new Add(path + ".conditions", "Add a condition to this profile"))));
			eachOf(profile, "conditions", path + ".", (condition, rule) -> fit.add(new Row("… when",
					List.of(new Field(condition + ".attribute", "Attribute", rule.get("attribute")),
							new Field(condition + ".operator", "Operator", rule.get("operator")),
							Field.lines(condition + ".values", "Values, one a line", rule.get("values"))),
					condition)));
		});
		sections.add(new Section("Fit: who the lead is", List.of("fitRules", "targetProfiles"), fit,
				List.of(new Add("fitRules", "Add a fit rule"), new Add("targetProfiles", "Add a target profile"))));
		List<Row> engagement = new ArrayList<>();
		eachOf(document, "engagementRules",
				(path, rule) -> engagement.add(new Row("Engagement " + rule.get("type"),
						List.of(new Field(path + ".type", "Type", rule.get("type")),
								new Field(path + ".points", "Points", rule.get("points")),
								new Field(path + ".cap", "Cap", rule.get("cap")),
								new Field(path + ".halfLife", "Half-life", rule.get("halfLife"))),
						path)));
		sections.add(new Section("Engagement: what the lead does", List.of("engagementRules"), engagement,
				List.of(new Add("engagementRules", "Add an engagement rule"))));
		List<Row> grades = new ArrayList<>();
		eachOf(document, "grades",
				(path, band) -> grades.add(new Row("Grade " + band.get("grade"),
						List.of(new Field(path + ".grade", "Grade", band.get("grade")),
								new Field(path + ".minFitScore", "From fit", band.get("minFitScore")),
								new Field(path + ".maxFitScore", "To fit", band.get("maxFitScore"))),
						path)));
		sections.add(new Section("Grades", List.of("grades"), grades, List.of(new Add("grades", "Add a grade"))));
		List<Row> stages = new ArrayList<>();
		Map<String, Object> thresholds = (Map<String, Object>) document.getOrDefault("stages", Map.of());
		stages.add(new Row("Disqualified below fit",
				List.of(new Field("stages.disqualifiedBelowFit", "Fit", thresholds.get("disqualifiedBelowFit")))));
		eachOf(thresholds, "mql", "stages.",
				(path, gate) -> stages.add(new Row("Marketing qualified when",
						List.of(new Field(path + ".minFit", "Fit at least", gate.get("minFit")),
								new Field(path + ".minEngagement", "Engagement at least", gate.get("minEngagement"))),
						path)));
		eachOf(thresholds, "salesReady", "stages.",
				(path, gate) -> stages.add(new Row("Sales-ready when",
						List.of(new Field(path + ".minFit", "Fit at least", gate.get("minFit")),
								new Field(path + ".minEngagement", "Engagement at least", gate.get("minEngagement"))),
						path)));
		stages.add(new Row("After the handoff",
				List.of(new Field("stages.acceptance", "Accepted by (FIRST_TOUCH or EXPLICIT)",
						thresholds.get("acceptance")),
						new Field("stages.recycleLostAfter", "Lost recycled after", thresholds.get("recycleLostAfter")),
						new Field("stages.recycleNurtureAfter", "Nurture recycled after",
								thresholds.get("recycleNurtureAfter")))));
		stages.add(new Row("Required to leave INQUIRY",
				List.of(Field.lines("requiredFields", "Lead attributes, one a line", document.get("requiredFields")))));
		sections.add(new Section("Stages: the definition of a qualified lead",
				List.of("stages", "stages.mql", "stages.salesReady", "stages.acceptance", "stages.recycleLostAfter",
						"stages.recycleNurtureAfter", "requiredFields"),
				stages, List.of(new Add("stages.mql", "Add an MQL threshold"),
						new Add("stages.salesReady", "Add a sales-ready threshold"))));
		List<Row> sla = new ArrayList<>();
		Map<String, Object> terms = (Map<String, Object>) document.getOrDefault("sla", Map.of());
		eachOf(terms, "grades", "sla.",
				(path, grade) -> sla.add(new Row("Grade " + grade.get("grade"),
						List.of(new Field(path + ".grade", "Grade", grade.get("grade")),
								new Field(path + ".firstTouch", "First touch within", grade.get("firstTouch")),
								new Field(path + ".followUpAttempts", "Attempts", grade.get("followUpAttempts")),
								new Field(path + ".followUpWithin", "Within", grade.get("followUpWithin"))),
						path)));
		sla.add(new Row("Escalation",
				List.of(new Field("sla.reassignAfter", "Reassign after", terms.get("reassignAfter")),
						new Field("sla.ignoredAfter", "Ignored after", terms.get("ignoredAfter")),
						new Field("rulingWithin", "Judge rules within", document.get("rulingWithin")),
						new Field("sla.assignInWorkingHoursOnly", "Working hours only (true or false)",
								terms.get("assignInWorkingHoursOnly")))));
		sections.add(new Section("Sales SLA", List.of("sla", "sla.grades"), sla,
				List.of(new Add("sla.grades", "Add SLA terms for a grade"))));
		List<Row> reasons = new ArrayList<>();
		eachOf(document, "returnReasons",
				(path, reason) -> reasons
					.add(new Row("Reason " + reason.get("code"),
							List.of(new Field(path + ".code", "Code", reason.get("code")),
									new Field(path + ".description", "What it means", reason.get("description"))),
							path)));
		sections.add(new Section("Agreed reasons for returning a lead", List.of("returnReasons"), reasons,
				List.of(new Add("returnReasons", "Add a return reason"))));
		List<Row> commitment = new ArrayList<>();
		Map<String, Object> promised = (document.get("commitment") instanceof Map<?, ?> given)
				? (Map<String, Object>) given : Map.of();
		commitment.add(new Row("In total", List.of(new Field("commitment.salesReadyPerWeek", "Sales-ready leads a week",
				promised.get("salesReadyPerWeek")))));
		eachOf(promised, "segments", "commitment.", (path,
				segment) -> commitment.add(new Row("Within " + segment.get("dimension") + " " + segment.get("value"),
						List.of(new Field(path + ".dimension", "Dimension (source, country, grade, industry)",
								segment.get("dimension")), new Field(path + ".value", "Value", segment.get("value")),
								new Field(path + ".salesReadyPerWeek", "Sales-ready leads a week",
										segment.get("salesReadyPerWeek"))),
						path)));
		sections.add(new Section("Marketing's commitment", List.of("commitment", "commitment.segments"), commitment,
				promised.isEmpty() ? List.of() : List.of(new Add("commitment.segments", "Add a segment commitment"))));
		return sections;
	}

	/**
	 * A new item for the list at {@code list}: its fields empty (or typical) for the
	 * person to fill in.
	 */
	static Map<String, Object> newItem(String list) {
		Map<String, Object> item = new LinkedHashMap<>();
		// The SLA's grades by their whole path: its last step is the same as the fit
		// grades'.
		String last = list.equals("sla.grades") ? "slaGrades" : list.substring(list.lastIndexOf('.') + 1);
		switch (last) {
			case "fitRules" -> {
				item.put("id", "");
				item.put("attribute", "");
				item.put("operator", "IN");
				item.put("values", new ArrayList<>());
				item.put("points", null);
			}
			case "targetProfiles" -> {
				item.put("id", "");
				item.put("name", "");
				item.put("conditions", new ArrayList<>(List.of(newItem("conditions"))));
				item.put("points", null);
			}
			case "conditions" -> {
				item.put("attribute", "");
				item.put("operator", "IN");
				item.put("values", new ArrayList<>());
			}
			case "engagementRules" -> {
				item.put("type", "");
				item.put("points", null);
				item.put("cap", null);
				item.put("halfLife", "P30D");
			}
			case "grades" -> {
				item.put("grade", "");
				item.put("minFitScore", null);
				item.put("maxFitScore", null);
			}
			case "mql", "salesReady" -> {
				item.put("minFit", null);
				item.put("minEngagement", null);
			}
			case "returnReasons" -> {
				item.put("code", "");
				item.put("description", "");
			}
			case "segments" -> {
				item.put("dimension", "source");
				item.put("value", "");
				item.put("salesReadyPerWeek", null);
			}
			case "slaGrades" -> {
				item.put("grade", "");
				item.put("firstTouch", "PT4H");
				item.put("followUpAttempts", 3);
				item.put("followUpWithin", "P10D");
			}
			default -> throw new IllegalArgumentException("No list " + list + " in an agreement");
		}
		return item;
	}

	/**
	 * Every list one can add to ({@code fitRules}, {@code targetProfiles[0].conditions},
	 * ...) in {@code document}.
	 */
	static List<String> lists(Map<String, Object> document) {
		return of(document).stream()
			.flatMap((section) -> Stream.concat(section.adds().stream(),
					section.rows().stream().flatMap((row) -> row.adds().stream())))
			.map(Add::list)
			.toList();
	}

	/** Every item one can remove ({@code fitRules[3]}, ...) in {@code document}. */
	static List<String> items(Map<String, Object> document) {
		return of(document).stream()
			.flatMap((section) -> section.rows().stream())
			.map(Row::item)
			.filter(Objects::nonNull)
			.toList();
	}

	/**
	 * {@code document} with a new item at the end of the list at {@code list}, which must
	 * be one of {@link #lists}.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> withNew(Map<String, Object> document, String list) {
		Map<String, Object> copy = (Map<String, Object>) deepCopy(document);
		Object node = at(copy, list, true);
		if (node instanceof List<?> items) {
			((List<Object>) items).add(newItem(list));
		}
		return copy;
	}

	/**
	 * {@code document} without the item at {@code item}, which must be one of
	 * {@link #items}.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> without(Map<String, Object> document, String item) {
		Map<String, Object> copy = (Map<String, Object>) deepCopy(document);
		int open = item.lastIndexOf('[');
		Object node = at(copy, item.substring(0, open), false);
		int index = Integer.parseInt(item.substring(open + 1, item.length() - 1));
		if (node instanceof List<?> items && index < items.size()) {
			((List<Object>) items).remove(index);
		}
		return copy;
	}

	/**
	 * The node at {@code path} (steps of names and indexes); an absent list is made where
	 * {@code make} says so.
	 */
	@SuppressWarnings("unchecked")
	private static @Nullable Object at(Map<String, Object> document, String path, boolean make) {
		Object node = document;
		String[] steps = path.split("\\.");
		for (int i = 0; i < steps.length; i++) {
			Matcher step = STEP.matcher(steps[i]);
			if (!step.matches() || !(node instanceof Map<?, ?>)) {
				return null;
			}
			Map<String, Object> object = (Map<String, Object>) node;
			node = object.get(step.group(1));
			if (node == null && make && i == steps.length - 1 && step.group(2) == null) {
				node = new ArrayList<>();
				object.put(step.group(1), node);
			}
			if (step.group(2) != null) {
				int index = Integer.parseInt(step.group(2));
				node = (node instanceof List<?> list && index < list.size()) ? list.get(index) : null;
			}
		}
		return node;
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
	 * Sets each of {@code values} (path to text as typed) in {@code document}: a number
	 * where the document has a number, empty text as no value; text that is not a number
	 * is kept as text, so scoring's validation names it.
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
					// Nothing typed for a term the document does not have (a version
					// without a commitment): none.
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
		if (before instanceof List<?>) {
			// A list of values, one a line.
			return new ArrayList<>(text.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList());
		}
		String typed = text.strip();
		if (typed.isEmpty()) {
			return (before instanceof String) ? "" : null;
		}
		if (before instanceof Boolean) {
			return switch (typed.toLowerCase(Locale.ROOT)) {
				case "true", "yes" -> Boolean.TRUE;
				case "false", "no" -> Boolean.FALSE;
				default -> typed;
			};
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
			BiConsumer<String, Map<String, Object>> action) {
		eachOf(document, list, "", action);
	}

	@SuppressWarnings("unchecked")
	private static void eachOf(Map<String, Object> document, String list, String prefix,
			BiConsumer<String, Map<String, Object>> action) {
		if (document.get(list) instanceof List<?> items) {
			for (int i = 0; i < items.size(); i++) {
				if (items.get(i) instanceof Map<?, ?> item) {
					action.accept(prefix + list + "[" + i + "]", (Map<String, Object>) item);
				}
			}
		}
	}

	/**
	 * The problems of {@code refusal} that name no field, row or section of the editor,
	 * shown above it.
	 */
	static List<String> unplaced(List<Section> sections, Refusal refusal) {
		Set<String> placed = new HashSet<>();
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
	record Section(String title, List<String> paths, List<Row> rows, List<Add> adds) {
	}

	/**
	 * A list one can add an item to.
	 *
	 * @param list its path ({@code fitRules})
	 * @param label the button's words
	 */
	record Add(String list, String label) {
	}

	/**
	 * One line of the editor: what it is about and its fields.
	 *
	 * @param label what the line is about
	 * @param fields its fields
	 * @param item the list item the line is, which one may remove ({@code fitRules[3]}),
	 * {@code null} for none
	 * @param adds lists within the item one can add to (a profile's conditions)
	 */
	record Row(String label, List<Field> fields, @Nullable String item, List<Add> adds) {

		Row(String label, List<Field> fields) {
			this(label, fields, null, List.of());
		}

		Row(String label, List<Field> fields, @Nullable String item) {
			this(label, fields, item, List.of());
		}

		/**
		 * The path a problem about the whole row names ({@code grades[1]}): its fields'
		 * common parent.
		 */
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
	 * @param value its value now, a list's values one a line
	 * @param lines whether it is a list of values, one a line
	 */
	record Field(String path, String label, @Nullable Object value, boolean lines) {

		Field(String path, String label, @Nullable Object value) {
			this(path, label, value, false);
		}

		/** A field of a list of values, one a line. */
		static Field lines(String path, String label, @Nullable Object values) {
			return new Field(path, label, (values instanceof List<?> list)
					? String.join("\n", list.stream().map(String::valueOf).toList()) : values, true);
		}

		/** An id for the HTML element, from the path. */
		public String id() {
			return "f-" + this.path.replaceAll("[^A-Za-z0-9]+", "-");
		}

	}

}
