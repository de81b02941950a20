package io.handoff.console.desk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.handoff.events.Company;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadScored;
import io.handoff.events.LeadScored.Stage;
import io.handoff.events.RoutingStep;
import io.handoff.events.Ruling;
import io.handoff.events.SalesActivity;
import io.handoff.events.ScoreLine;
import io.handoff.events.SlaEvent;
import io.handoff.events.StageChange;

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
	 * Builds the timeline of a lead's {@code evidence}, with the ruling of its case
	 * ({@code docket}) if there is one.
	 */
	public static Timeline of(CaseFile.@Nullable Docket docket, Evidence evidence) {
		List<Entry> entries = new ArrayList<>();
		LeadScored score = evidence.score();
		if (score != null) {
			entries.add(received(score.lead()));
			entries.add(scored(score));
			// Every earlier score arbitration kept from the handoff on, each with its
			// rules.
			for (ScoreLine earlier : evidence.scores()) {
				if (!earlier.occurredAt().equals(score.occurredAt())) {
					entries.add(scored(earlier));
				}
			}
		}
		for (StageChange change : evidence.stages()) {
			entries.add(new Entry(change.at().toString(), "stage",
					"Stage: " + ((change.from() != null) ? words(change.from()) + " → " : "") + words(change.stage()),
					List.of("By " + change.by() + ": " + orDash(change.why()))));
		}
		for (LeadAssigned assignment : evidence.assignments()) {
			entries.add(new Entry(assignment.occurredAt().toString(), "assignment",
					"Assigned to " + assignment.repName() + " (" + assignment.team() + ")",
					with("How: " + words(assignment.method()) + ", grade " + assignment.grade() + ", agreement v"
							+ assignment.agreementVersion(), steps(assignment))));
		}
		for (SalesActivity activity : evidence.activities()) {
			entries.add(new Entry(activity.occurredAt().toString(), "activity",
					words(activity.type()) + " by " + activity.repId(),
					(activity.note() != null) ? List.of("Note: " + activity.note()) : List.of()));
		}
		for (SlaEvent step : evidence.sla()) {
			entries.add(new Entry(step.occurredAt().toString(), "sla",
					"SLA: " + words(step.type()) + " (" + words(step.clock()) + ")",
					List.of("Rep " + step.repId() + ", deadline " + step.deadline())));
		}
		for (LeadReturned returned : evidence.returns()) {
			entries.add(new Entry(returned.occurredAt().toString(), "return",
					"Returned by " + returned.repId() + ": " + returned.reasonCode(),
					(returned.note() != null) ? List.of("Rep's note: " + returned.note()) : List.of()));
		}
		Ruling ruling = (docket != null) ? docket.ruling() : null;
		if (ruling != null) {
			entries.add(new Entry(ruling.occurredAt().toString(), "ruling", "Ruled: " + words(ruling.decision()),
					List.of("By " + ruling.judge() + ": " + ruling.reason())));
		}
		entries.sort(OLDEST_FIRST);
		return new Timeline(entries);
	}

	private static Entry received(LeadReceived lead) {
		Company company = lead.company();
		List<String> details = new ArrayList<>();
		details.add(join(" ", lead.firstName(), lead.lastName()) + ", " + orDash(lead.title()));
		details.add("Email " + orDash(lead.email()) + ", phone " + orDash(lead.phone()));
		details.add("Company " + orDash(company.name()) + " (" + orDash(company.domain()) + "), "
				+ orDash(company.employees()) + " employees, " + orDash(company.industry()) + ", "
				+ orDash(company.country()));
		details.add("Source " + orDash(lead.source()) + ", campaign " + orDash(lead.campaign()));
		return new Entry(lead.occurredAt().toString(), "received", "Lead received", details);
	}

	private static Entry scored(LeadScored score) {
		return scored(score.occurredAt(), score.stage(),
				"Fit " + score.fitScore() + ", engagement " + score.engagementScore() + ", grade " + score.grade()
						+ " under agreement " + score.agreementId() + " (v" + score.agreementVersion() + ")",
				score.stageReason(),
				score.explanation()
					.stream()
					.map((hit) -> rule(hit.ruleId(), hit.description(), hit.points()))
					.toList());
	}

	private static Entry scored(ScoreLine score) {
		return scored(score.occurredAt(), score.stage(),
				"Fit " + score.fitScore() + ", engagement " + score.engagementScore() + ", grade " + score.grade()
						+ " under agreement (v" + score.agreementVersion() + ")",
				score.stageReason(),
				score.explanation().stream().map((hit) -> rule(hit.ruleId(), null, hit.points())).toList());
	}

	private static Entry scored(Instant at, Stage stage, String scores, String why, List<String> rules) {
		List<String> details = new ArrayList<>();
		details.add(scores);
		details.add("Why: " + orDash(why));
		details.addAll(rules);
		return new Entry(at.toString(), "score", "Scored " + words(stage), details);
	}

	private static String rule(String ruleId, @Nullable String description, int points) {
		return "Rule " + ruleId + " fired" + ((description != null) ? ": " + description : "") + " ("
				+ ((points > 0) ? "+" : "") + points + ")";
	}

	/**
	 * An assignment's routing steps in words: rendered here from the steps as values, or,
	 * for an assignment an earlier release made, the words it wrote.
	 */
	static List<String> steps(LeadAssigned assignment) {
		return assignment.steps().isEmpty() ? assignment.reasons() : RoutingStep.sentences(assignment.steps());
	}

	private static List<String> with(String first, List<String> more) {
		List<String> all = new ArrayList<>();
		all.add(first);
		all.addAll(more);
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
