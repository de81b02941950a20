package io.handoff.scoring.leads;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import io.handoff.events.StageChange;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored.Stage;
import io.handoff.scoring.scores.LeadProfile;

/**
 * A page's worth of leads that match a filter, in an order, with how many match in all:
 * what one instance's leads come to, or, merged, every instance's. Each instance keeps
 * only the first {@code keep} of its matches (as many as the page asked for needs), so no
 * more than that travels from any instance however many leads it holds.
 *
 * @param total how many leads match
 * @param keep the most rows kept
 * @param sort the order of the rows
 * @param rows the first matches in that order, at most {@code keep}
 */
public record LeadList(int total, int keep, Sort sort, List<Row> rows) {

	public LeadList {
		rows = List.copyOf(rows);
	}

	/**
	 * The first {@code keep} of {@code profiles} that {@code filter} takes, in
	 * {@code sort}'s order.
	 */
	public static LeadList of(Collection<LeadProfile> profiles, Filter filter, Sort sort, int keep) {
		List<Row> matches = new ArrayList<>();
		for (LeadProfile profile : profiles) {
			Row row = Row.of(profile);
			if (row != null && filter.takes(row, profile)) {
				matches.add(row);
			}
		}
		matches.sort(sort.order());
		return new LeadList(matches.size(), keep, sort, matches.subList(0, Math.min(keep, matches.size())));
	}

	/** This list and {@code other}, of other leads under the same filter, as one. */
	public LeadList plus(LeadList other) {
		List<Row> rows = new ArrayList<>(this.rows);
		rows.addAll(other.rows);
		rows.sort(this.sort.order());
		return new LeadList(this.total + other.total, this.keep, this.sort,
				rows.subList(0, Math.min(this.keep, rows.size())));
	}

	/**
	 * One lead as a list shows it.
	 *
	 * @param leadId the lead
	 * @param email its email, {@code null} for an erased person or a lead without one
	 * @param name its first and last name
	 * @param title its title
	 * @param company its company's name
	 * @param source where it came from
	 * @param country its company's country
	 * @param grade its fit grade at its latest graded stage change
	 * @param stage where it stands now
	 * @param stageSince when it got there
	 * @param assignee the rep it is with, {@code null} while marketing's
	 * @param arrivedAt when the lead was last received
	 * @param agreementVersion the agreement version in force at its latest stage change
	 */
	public record Row(UUID leadId, @Nullable String email, @Nullable String name, @Nullable String title,
			@Nullable String company, @Nullable String source, @Nullable String country, @Nullable String grade,
			@Nullable Stage stage, @Nullable Instant stageSince, @Nullable String assignee, Instant arrivedAt,
			@Nullable Integer agreementVersion) {

		static @Nullable Row of(LeadProfile profile) {
			LeadReceived lead = profile.lead();
			if (lead == null) {
				return null;
			}
			StageChange graded = profile.lastGraded();
			String grade = (graded != null) ? graded.grade() : null;
			Integer version = (graded != null) ? graded.agreementVersion() : null;
			StageChange last = profile.lastChange();
			String name = String.join(" ",
					Stream.of(lead.firstName(), lead.lastName())
						.filter((part) -> part != null && !part.isBlank())
						.toList());
			return new Row(lead.leadId(), lead.email(), name.isEmpty() ? null : name, lead.title(),
					lead.company().name(), lead.source(), lead.company().country(), grade, profile.stage(),
					(last != null) ? last.at() : null, profile.assignee(), lead.occurredAt(), version);
		}

	}

	/**
	 * Which leads a list takes: every given criterion must hold; none given, every lead.
	 *
	 * @param stages the stages taken, empty for any
	 * @param assignees the reps whose leads are taken, empty for anyone's (and
	 * marketing's)
	 * @param source the source, {@code null} for any
	 * @param country the company's country, {@code null} for any
	 * @param grade the grade, {@code null} for any
	 * @param from the earliest arrival, {@code null} for any
	 * @param to the arrival before which, {@code null} for any
	 * @param handedFrom with {@code handedTo}: only leads that became sales-ready within
	 * the two ({@code null} for any)
	 * @param handedTo the end of that period
	 * @param text words in the email, the name or the company's name, {@code null} for
	 * any
	 * @param onlyOf the only rep whose leads the caller may see, {@code null} for a
	 * caller who sees every lead
	 * @param nobody whether the caller may see no lead at all (a rep without a rep id)
	 */
	public record Filter(Set<Stage> stages, Set<String> assignees, @Nullable String source, @Nullable String country,
			@Nullable String grade, @Nullable Instant from, @Nullable Instant to, @Nullable Instant handedFrom,
			@Nullable Instant handedTo, @Nullable String text, @Nullable String onlyOf, boolean nobody) {

		public Filter {
			stages = Set.copyOf(stages);
			assignees = Set.copyOf(assignees);
			text = (text != null && !text.isBlank()) ? text.strip().toLowerCase(Locale.ROOT) : null;
		}

		boolean takes(Row row, LeadProfile profile) {
			if (this.nobody || (this.onlyOf != null && !this.onlyOf.equals(row.assignee()))) {
				return false;
			}
			// (Sets of Set.copyOf refuse to look for null: a lead without a stage or a
			// rep is in none of them.)
			return (this.stages.isEmpty() || (row.stage() != null && this.stages.contains(row.stage())))
					&& (this.assignees.isEmpty() || (row.assignee() != null && this.assignees.contains(row.assignee())))
					&& (this.source == null || this.source.equalsIgnoreCase(row.source()))
					&& (this.country == null || this.country.equalsIgnoreCase(row.country()))
					&& (this.grade == null || this.grade.equals(row.grade()))
					&& (this.from == null || !row.arrivedAt().isBefore(this.from))
					&& (this.to == null || row.arrivedAt().isBefore(this.to))
					&& (this.handedFrom == null || this.handedTo == null
							|| profile.entered(Stage.SALES_READY, this.handedFrom, this.handedTo) != null)
					&& (this.text == null || contains(row.email()) || contains(row.name()) || contains(row.company()));
		}

		private boolean contains(@Nullable String field) {
			return field != null && field.toLowerCase(Locale.ROOT).contains(this.text);
		}

		/**
		 * The filter as the parameters of a figure, to be read back by {@link #of(Map)}
		 * at every instance.
		 */
		Map<String, String> parameters() {
			Map<String, String> parameters = new HashMap<>();
			parameters.put("stages", String.join(",", this.stages.stream().map(Stage::name).sorted().toList()));
			parameters.put("assignees", String.join("\n", this.assignees.stream().sorted().toList()));
			put(parameters, "source", this.source);
			put(parameters, "country", this.country);
			put(parameters, "grade", this.grade);
			put(parameters, "from", (this.from != null) ? this.from.toString() : null);
			put(parameters, "to", (this.to != null) ? this.to.toString() : null);
			put(parameters, "handedFrom", (this.handedFrom != null) ? this.handedFrom.toString() : null);
			put(parameters, "handedTo", (this.handedTo != null) ? this.handedTo.toString() : null);
			put(parameters, "text", this.text);
			put(parameters, "onlyOf", this.onlyOf);
			parameters.put("nobody", String.valueOf(this.nobody));
			return parameters;
		}

		static Filter of(Map<String, String> parameters) {
			String stages = parameters.getOrDefault("stages", "");
			String assignees = parameters.getOrDefault("assignees", "");
			return new Filter(
					stages.isEmpty() ? Set.of()
							: Arrays.stream(stages.split(",")).map(Stage::valueOf).collect(Collectors.toSet()),
					assignees.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(assignees.split("\n"))),
					parameters.get("source"), parameters.get("country"), parameters.get("grade"),
					instant(parameters.get("from")), instant(parameters.get("to")),
					instant(parameters.get("handedFrom")), instant(parameters.get("handedTo")), parameters.get("text"),
					parameters.get("onlyOf"), Boolean.parseBoolean(parameters.get("nobody")));
		}

		private static void put(Map<String, String> parameters, String name, @Nullable String value) {
			if (value != null) {
				parameters.put(name, value);
			}
		}

		private static @Nullable Instant instant(@Nullable String text) {
			return (text != null) ? Instant.parse(text) : null;
		}

	}

	/**
	 * The orders a list comes in; every one ends by lead id, so every instance asked
	 * answers the same.
	 */
	public enum Sort {

		/** Latest arrival first. */
		ARRIVED(Comparator.comparing(Row::arrivedAt).reversed()),

		/** Latest stage change first. */
		CHANGED(Comparator.comparing(Row::stageSince, Comparator.nullsLast(Comparator.reverseOrder()))),

		/** By company name, A to Z. */
		COMPANY(Comparator.comparing((Row row) -> lower(row.company()),
				Comparator.nullsLast(Comparator.naturalOrder()))),

		/** By grade, A first. */
		GRADE(Comparator.comparing(Row::grade, Comparator.nullsLast(Comparator.naturalOrder()))),

		/** By stage, in the waterfall's order. */
		STAGE(Comparator.comparing(Row::stage, Comparator.nullsLast(Comparator.naturalOrder())));

		private final Comparator<Row> order;

		Sort(Comparator<Row> order) {
			this.order = order.thenComparing(Row::leadId);
		}

		Comparator<Row> order() {
			return this.order;
		}

		private static @Nullable String lower(@Nullable String text) {
			return (text != null) ? text.toLowerCase(Locale.ROOT) : null;
		}

	}

}
