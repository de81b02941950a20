package io.handoff.console.desk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

import io.handoff.events.LeadEventsJson;
import io.handoff.events.RoutingStep;

/**
 * A lead's evidence as one timeline, oldest first: the lead as received, its score with
 * the rules that fired and the agreement version, each change of its stage (who moved it
 * and why), why this rep got it, the rep's activities, the SLA's steps, the returns and
 * the ruling.
 *
 * @param entries the events in the order they happened
 */
public record Timeline(List<Entry> entries) {

	/** The order of a timeline: by the moment each event happened. */
	public static final Comparator<Entry> OLDEST_FIRST = Comparator
		.comparing((Entry entry) -> entry.at().isEmpty() ? Instant.EPOCH : Instant.parse(entry.at()));

	/**
	 * Builds the timeline of a case file ({@code docket} and {@code evidence}, as
	 * arbitration answers); a lead's journey passes every assignment as
	 * {@code assignments} instead.
	 */
	@SuppressWarnings("unchecked")
	public static Timeline of(@Nullable Map<String, Object> docket, Map<String, Object> evidence) {
		List<Entry> entries = new ArrayList<>();
		Map<String, Object> score = (Map<String, Object>) evidence.get("score");
		if (score != null) {
			Map<String, Object> lead = (Map<String, Object>) score.get("lead");
			if (lead != null) {
				entries.add(received(lead));
			}
			entries.add(scored(score));
			// Every earlier score arbitration kept from the handoff on, each with its
			// rules.
			for (Map<String, Object> earlier : list(evidence.get("scores"))) {
				if (!Objects.equals(earlier.get("occurredAt"), score.get("occurredAt"))) {
					entries.add(scored(earlier));
				}
			}
			for (Map<String, Object> change : list(score.get("stages"))) {
				entries.add(new Entry(text(change.get("at")), "stage",
						"Stage: " + ((change.get("from") != null) ? words(change.get("from")) + " → " : "")
								+ words(change.get("stage")),
						List.of("By " + change.get("by") + ": " + orDash(change.get("why")))));
			}
		}
		List<Map<String, Object>> assignments = new ArrayList<>(list(evidence.get("assignments")));
		if (evidence.get("assignment") instanceof Map<?, ?> latest && assignments.isEmpty()) {
			assignments.add((Map<String, Object>) latest);
		}
		for (Map<String, Object> assignment : assignments) {
			entries.add(
					new Entry(text(assignment.get("occurredAt")), "assignment",
							"Assigned to " + assignment.get("repName") + " (" + assignment.get("team") + ")", with(
									"How: " + words(assignment.get("method")) + ", grade " + assignment.get("grade")
											+ ", agreement v" + assignment.get("agreementVersion"),
									steps(assignment))));
		}
		for (Map<String, Object> activity : list(evidence.get("activities"))) {
			entries.add(new Entry(text(activity.get("occurredAt")), "activity",
					words(activity.get("type")) + " by " + activity.get("repId"),
					(activity.get("note") != null) ? List.of("Note: " + activity.get("note")) : List.of()));
		}
		for (Map<String, Object> step : list(evidence.get("sla"))) {
			entries.add(new Entry(text(step.get("occurredAt")), "sla",
					"SLA: " + words(step.get("type")) + " (" + words(step.get("clock")) + ")",
					List.of("Rep " + step.get("repId") + ", deadline " + step.get("deadline"))));
		}
		for (Map<String, Object> returned : list(evidence.get("returns"))) {
			entries.add(new Entry(text(returned.get("occurredAt")), "return",
					"Returned by " + returned.get("repId") + ": " + returned.get("reasonCode"),
					(returned.get("note") != null) ? List.of("Rep's note: " + returned.get("note")) : List.of()));
		}
		Map<String, Object> ruling = (docket != null) ? (Map<String, Object>) docket.get("ruling") : null;
		if (ruling != null) {
			entries.add(new Entry(text(ruling.get("occurredAt")), "ruling", "Ruled: " + words(ruling.get("decision")),
					List.of("By " + ruling.get("judge") + ": " + ruling.get("reason"))));
		}
		entries.sort(OLDEST_FIRST);
		return new Timeline(entries);
	}

	private static Entry received(Map<String, Object> lead) {
		@SuppressWarnings("unchecked")
		Map<String, Object> company = (Map<String, Object>) Objects.requireNonNullElse(lead.get("company"), Map.of());
		List<String> details = new ArrayList<>();
		details.add(join(" ", lead.get("firstName"), lead.get("lastName")) + ", " + orDash(lead.get("title")));
		details.add("Email " + orDash(lead.get("email")) + ", phone " + orDash(lead.get("phone")));
		details.add("Company " + orDash(company.get("name")) + " (" + orDash(company.get("domain")) + "), "
				+ orDash(company.get("employees")) + " employees, " + orDash(company.get("industry")) + ", "
				+ orDash(company.get("country")));
		details.add("Source " + orDash(lead.get("source")) + ", campaign " + orDash(lead.get("campaign")));
		return new Entry(text(lead.get("occurredAt")), "received", "Lead received", details);
	}

	@SuppressWarnings("unchecked")
	private static Entry scored(Map<String, Object> score) {
		List<String> details = new ArrayList<>();
		details.add("Fit " + score.get("fitScore") + ", engagement " + score.get("engagementScore") + ", grade "
				+ score.get("grade") + " under agreement "
				+ ((score.get("agreementId") != null) ? score.get("agreementId") + " " : "") + "(v"
				+ score.get("agreementVersion") + ")");
		details.add("Why: " + orDash(score.get("stageReason")));
		for (Map<String, Object> hit : list(score.get("explanation"))) {
			Object points = hit.get("points");
			details.add("Rule " + hit.get("ruleId") + " fired"
					+ ((hit.get("description") != null) ? ": " + hit.get("description") : "") + " ("
					+ ((points instanceof Number n && n.intValue() > 0) ? "+" : "") + points + ")");
		}
		return new Entry(text(score.get("occurredAt")), "score", "Scored " + words(score.get("stage")), details);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(@Nullable Object value) {
		return (value instanceof List<?> items) ? (List<Map<String, Object>>) items : List.of();
	}

	/**
	 * An assignment's routing steps in words: rendered here from the steps as values, or,
	 * for an assignment an earlier release made, the words it wrote.
	 */
	@SuppressWarnings("unchecked")
	static @Nullable List<Object> steps(Map<String, Object> assignment) {
		List<Object> reasons = (List<Object>) assignment.get("reasons");
		if (assignment.get("steps") instanceof List<?> steps && !steps.isEmpty()) {
			try {
				List<RoutingStep> read = LeadEventsJson.mapper().convertValue(steps, STEPS);
				return List.copyOf(RoutingStep.sentences(RoutingStep.withWords(read,
						(reasons != null) ? reasons.stream().map(String::valueOf).toList() : null)));
			}
			catch (JacksonException ex) {
				// Steps this console cannot read: the words written beside them.
				return reasons;
			}
		}
		return reasons;
	}

	private static final TypeReference<List<RoutingStep>> STEPS = new TypeReference<>() {
	};

	private static List<String> with(String first, @Nullable List<Object> more) {
		List<String> all = new ArrayList<>();
		all.add(first);
		if (more != null) {
			more.forEach((item) -> all.add(String.valueOf(item)));
		}
		return all;
	}

	private static String join(String separator, @Nullable Object... parts) {
		return Arrays.stream(parts)
			.filter(Objects::nonNull)
			.map(Object::toString)
			.reduce((a, b) -> a + separator + b)
			.orElse("(no name)");
	}

	private static String orDash(@Nullable Object value) {
		return (value != null && !value.toString().isBlank()) ? value.toString() : "—";
	}

	private static String text(@Nullable Object value) {
		return (value != null) ? value.toString() : "";
	}

	private static String words(@Nullable Object name) {
		return (name != null) ? name.toString().replace('_', ' ').toLowerCase(Locale.ROOT) : "—";
	}

	/**
	 * One event of the timeline.
	 *
	 * @param at when (ISO-8601)
	 * @param kind what sort of event: received, score, stage, assignment, activity, sla,
	 * return, ruling
	 * @param title what happened
	 * @param details the facts that matter to the ruling
	 */
	public record Entry(String at, String kind, String title, List<String> details) {
	}

}
