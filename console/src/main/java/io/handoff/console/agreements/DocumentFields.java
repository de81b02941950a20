package io.handoff.console.agreements;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import io.handoff.console.services.Refusal;

/**
 * The fields of an agreement document a person edits in the studio, each named by its
 * JSON path ({@code fitRules[2].points}) as scoring names it in a validation problem, so
 * each problem shows beside its field.
 */
final class DocumentFields {

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
						List.of(Field.of(rule, path, "id", "Id"), Field.of(rule, path, "attribute", "Attribute"),
								Field.of(rule, path, "operator", "Operator"),
								Field.linesOf(rule, path, "values", "Values, one a line"),
								Field.of(rule, path, "points", "Points")),
						path)));
		eachOf(document, "targetProfiles", (path, profile) -> {
			fit.add(new Row("Profile " + profile.get("name"),
					List.of(Field.of(profile, path, "id", "Id"), Field.of(profile, path, "name", "Name"),
							Field.of(profile, path, "points", "Points")),
					path, List.of(new Add(path + ".conditions", "Add a condition to this profile"))));
			eachOf(profile, "conditions", path + ".",
					(condition, rule) -> fit.add(new Row("… when",
							List.of(Field.of(rule, condition, "attribute", "Attribute"),
									Field.of(rule, condition, "operator", "Operator"),
									Field.linesOf(rule, condition, "values", "Values, one a line")),
							condition)));
		});
		sections.add(new Section("Fit: who the lead is", List.of("fitRules", "targetProfiles"), fit,
				List.of(new Add("fitRules", "Add a fit rule"), new Add("targetProfiles", "Add a target profile"))));
		List<Row> engagement = new ArrayList<>();
		eachOf(document, "engagementRules",
				(path, rule) -> engagement.add(new Row("Engagement " + rule.get("type"),
						List.of(Field.of(rule, path, "type", "Type"), Field.of(rule, path, "points", "Points"),
								Field.of(rule, path, "cap", "Cap"), Field.of(rule, path, "halfLife", "Half-life")),
						path)));
		sections.add(new Section("Engagement: what the lead does", List.of("engagementRules"), engagement,
				List.of(new Add("engagementRules", "Add an engagement rule"))));
		List<Row> grades = new ArrayList<>();
		eachOf(document, "grades", (path, band) -> grades.add(new Row(
				"Grade " + band.get("grade"), List.of(Field.of(band, path, "grade", "Grade"),
						Field.of(band, path, "minFitScore", "From fit"), Field.of(band, path, "maxFitScore", "To fit")),
				path)));
		sections.add(new Section("Grades", List.of("grades"), grades, List.of(new Add("grades", "Add a grade"))));
		List<Row> stages = new ArrayList<>();
		Map<String, Object> thresholds = (Map<String, Object>) document.getOrDefault("stages", Map.of());
		stages.add(new Row("Disqualified below fit",
				List.of(new Field("stages.disqualifiedBelowFit", "Fit", thresholds.get("disqualifiedBelowFit")))));
		eachOf(thresholds, "mql", "stages.",
				(path, gate) -> stages
					.add(new Row("Marketing qualified when", List.of(Field.of(gate, path, "minFit", "Fit at least"),
							Field.of(gate, path, "minEngagement", "Engagement at least")), path)));
		eachOf(thresholds, "salesReady", "stages.",
				(path, gate) -> stages
					.add(new Row("Sales-ready when", List.of(Field.of(gate, path, "minFit", "Fit at least"),
							Field.of(gate, path, "minEngagement", "Engagement at least")), path)));
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
						List.of(Field.of(grade, path, "grade", "Grade"),
								Field.of(grade, path, "firstTouch", "First touch within"),
								Field.of(grade, path, "followUpAttempts", "Attempts"),
								Field.of(grade, path, "followUpWithin", "Within")),
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
		eachOf(document, "returnReasons", (path, reason) -> reasons.add(new Row("Reason " + reason.get("code"),
				List.of(Field.of(reason, path, "code", "Code"), Field.of(reason, path, "description", "What it means")),
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
								segment.get("dimension")), Field.of(segment, path, "value", "Value"),
								new Field(path + ".salesReadyPerWeek", "Sales-ready leads a week",
										segment.get("salesReadyPerWeek"))),
						path)));
		sections.add(new Section("Marketing's commitment", List.of("commitment", "commitment.segments"), commitment,
				promised.isEmpty() ? List.of() : List.of(new Add("commitment.segments", "Add a segment commitment"))));
		return sections;
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

	/** Every path the studio edits. */
	static List<String> paths(Map<String, Object> document) {
		return of(document).stream()
			.flatMap((section) -> section.rows().stream())
			.flatMap((row) -> row.fields().stream())
			.map(Field::path)
			.toList();
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

		/** The field {@code name} of the item at {@code path}. */
		static Field of(Map<String, Object> item, String path, String name, String label) {
			return new Field(path + "." + name, label, item.get(name));
		}

		/**
		 * The field {@code name} of the item at {@code path}: a list of values, one a
		 * line.
		 */
		static Field linesOf(Map<String, Object> item, String path, String name, String label) {
			return lines(path + "." + name, label, item.get(name));
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
