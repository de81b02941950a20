package io.handoff.console.review;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The weekly review of the agreement, for marketing and sales together: a week (Monday to
 * Sunday in the company's time zone) against the week before and the four before it.
 * Marketing on the sales-ready leads it committed to and delivered, and on what came of
 * them; sales, per team and rep, on what it did with the leads it was given and on the
 * SLA; the returns and how the judge ruled, the open cases, the rules whose leads came
 * back for cause, and the segments to aim at. Each lead counts under the agreement
 * version it was scored with. Composed from the services' answers; no figure is computed
 * here that a service does not give.
 *
 * @param monday the week's first day
 * @param zone the company's time zone
 * @param from the week's first moment
 * @param to the next week's first moment
 * @param headline the week in one sentence per side
 * @param versions which agreement versions the week's leads were scored under
 * @param tables the tables, in the review's order
 */
public record WeeklyReview(LocalDate monday, ZoneId zone, Instant from, Instant to, List<String> headline,
		String versions, List<ReviewTable> tables) {

	/** The team of a rep the roster no longer has. */
	static final String UNKNOWN_TEAM = "(unknown)";

	/** Weeks the review asks scoring for: this one and the four before it. */
	static final int WEEKS = 5;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

	/**
	 * What the services answered for the week.
	 *
	 * @param handoffs scoring's weekly handoffs, {@link #WEEKS} weeks, oldest first
	 * @param agreement the agreement in force
	 * @param compliance sla-monitor's compliance for the week
	 * @param complianceBefore the same for the week before
	 * @param scorecard arbitration's scorecard for the week
	 * @param segments scoring's segments of the last 90 days, best first
	 * @param teams routing's teams with their reps
	 */
	public record Answers(Map<String, Object> handoffs, Map<String, Object> agreement, Map<String, Object> compliance,
			Map<String, Object> complianceBefore, Map<String, Object> scorecard, Map<String, Object> segments,
			List<Map<String, Object>> teams) {
	}

	/** The review of the week of {@code monday} from the services' {@code answers}. */
	@SuppressWarnings("unchecked")
	public static WeeklyReview of(LocalDate monday, ZoneId zone, Answers answers) {
		List<Map<String, Object>> weeks = (List<Map<String, Object>>) answers.handoffs().get("weeks");
		Map<String, Object> now = weeks.get(weeks.size() - 1);
		Map<String, Object> before = weeks.get(weeks.size() - 2);
		List<Map<String, Object>> lastFour = weeks.subList(Math.max(0, weeks.size() - 5), weeks.size() - 1);
		Instant from = Instant.parse(String.valueOf(now.get("from")));
		Instant to = Instant.parse(String.valueOf(now.get("to")));
		Links links = new Links(from, to);
		Map<String, String> teamOf = new TreeMap<>();
		Map<String, String> nameOf = new TreeMap<>();
		for (Map<String, Object> team : answers.teams()) {
			for (Map<String, Object> rep : (List<Map<String, Object>>) team.getOrDefault("reps", List.of())) {
				teamOf.put(String.valueOf(rep.get("repId")), String.valueOf(team.get("team")));
				nameOf.put(String.valueOf(rep.get("repId")), String.valueOf(rep.get("name")));
			}
		}
		List<ReviewTable> tables = new ArrayList<>();
		Map<String, Object> commitment = (Map<String, Object>) answers.agreement().get("commitment");
		tables.add(ReviewTables.commitment(commitment, now, before, lastFour, links));
		tables.add(ReviewTables.quality(now, before, lastFour, links));
		tables.add(ReviewTables.reps(now, answers.compliance(), teamOf, nameOf, links));
		tables.add(ReviewTables.teams(answers.compliance(), answers.complianceBefore(), links));
		tables.addAll(ReviewTables.cases(answers.scorecard()));
		tables.add(ReviewTables.segments(answers.segments(), links));

		int delivered = ReviewTables.count(now, "handedOver", "leads");
		Integer committed = (commitment != null) ? ((Number) commitment.get("salesReadyPerWeek")).intValue() : null;
		Map<String, Object> handedOver = (Map<String, Object>) now.get("handedOver");
		List<String> headline = List.of(
				"Marketing handed sales " + delivered + " sales-ready leads"
						+ ((committed != null) ? " against " + committed + " committed" : " (no commitment agreed)")
						+ "; " + ReviewTables.count(before, "handedOver", "leads") + " the week before.",
				"Sales accepted " + handedOver.get("accepted") + " of them; the judge sent "
						+ handedOver.get("returnedForCause") + " back to marketing for cause.");
		Map<String, Object> versions = (Map<String, Object>) now.getOrDefault("byVersion", Map.of());
		String counted = versions.isEmpty() ? "No lead became sales-ready this week."
				: "The week's leads count under the agreement version they were scored with: " + String.join(", ",
						versions.entrySet().stream().map((e) -> e.getKey() + " (" + e.getValue() + ")").toList())
						+ "; the version in force today is " + answers.agreement().get("agreementId") + ".";
		return new WeeklyReview(monday, zone, from, to, headline, counted, tables);
	}

	/** The week as people read it: "Mon 23 Nov 2026 to Sun 29 Nov 2026". */
	public String title() {
		return DAY.format(this.monday) + " to " + DAY.format(this.monday.plusDays(6));
	}

	/** The table named {@code id}, {@code null} for none. */
	public @Nullable ReviewTable table(String id) {
		return this.tables.stream().filter((table) -> table.id().equals(id)).findFirst().orElse(null);
	}

	/** The leads pages behind a figure of the week. */
	record Links(Instant from, Instant to) {

		/**
		 * The leads that became sales-ready in the week, with {@code filter};
		 * {@code null} without a filter.
		 */
		@Nullable String leads(@Nullable Map<String, String> filter) {
			if (filter == null) {
				return null;
			}
			UriComponentsBuilder link = UriComponentsBuilder.fromPath("/leads")
				.queryParam("salesReadyFrom", this.from)
				.queryParam("salesReadyTo", this.to);
			filter.forEach((name, value) -> link.queryParam(name, encoded(value)));
			return link.build(true).toUriString();
		}

		/**
		 * Every lead of {@code filter}, whenever it arrived; {@code null} without a
		 * filter.
		 */
		@Nullable String all(@Nullable Map<String, String> filter) {
			if (filter == null) {
				return null;
			}
			UriComponentsBuilder link = UriComponentsBuilder.fromPath("/leads");
			filter.forEach((name, value) -> link.queryParam(name, encoded(value)));
			return link.build(true).toUriString();
		}

		/** A query value encoded whatever it holds ({@code +}, {@code &}, spaces). */
		private static String encoded(String value) {
			return UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8).replace("+", "%2B");
		}

		/**
		 * The leads page's filter for a segment's attributes, {@code null} where one is
		 * an attribute the page does not filter by (seniority, industry).
		 */
		static @Nullable Map<String, String> filter(Map<String, ?> segment) {
			Map<String, String> filter = new LinkedHashMap<>();
			for (Map.Entry<String, ?> attribute : segment.entrySet()) {
				if (!List.of("source", "country", "grade").contains(attribute.getKey())) {
					return null;
				}
				filter.put(attribute.getKey(), String.valueOf(attribute.getValue()));
			}
			return filter;
		}

	}

}
