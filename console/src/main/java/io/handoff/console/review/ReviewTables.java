package io.handoff.console.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

import io.handoff.console.Format;
import io.handoff.console.review.ReviewTable.Cell;
import io.handoff.console.review.WeeklyReview.Links;

/**
 * The tables of the weekly review, each from the services' answers as they give them:
 * marketing's commitment and the quality of what it handed over, sales per rep and per
 * team, the judge's cases, and the segments to aim at.
 */
final class ReviewTables {

	/**
	 * What became of the week's sales-ready leads, each measure with the stage its leads
	 * are listed by.
	 */
	private static final List<HandedOver> HANDED_OVER = List.of(new HandedOver("leads", "Sales-ready leads", null),
			new HandedOver("accepted", "Accepted by a rep", null),
			new HandedOver("opportunity", "Became an opportunity", null), new HandedOver("won", "Won", "WON"),
			new HandedOver("lost", "Lost", "LOST"),
			new HandedOver("returnedForCause", "Returned for cause (the judge upheld the return)", null));

	private record HandedOver(String field, String label, @Nullable String stage) {
	}

	private ReviewTables() {
	}

	@SuppressWarnings("unchecked")
	static ReviewTable commitment(@Nullable Map<String, Object> commitment, Map<String, Object> now,
			Map<String, Object> before, List<Map<String, Object>> lastFour, Links links) {
		List<List<Cell>> rows = new ArrayList<>();
		if (commitment != null) {
			int total = ((Number) commitment.get("salesReadyPerWeek")).intValue();
			rows.add(commitmentRow("All sales-ready leads", total, count(now, "handedOver", "leads"),
					count(before, "handedOver", "leads"),
					average(lastFour, (week) -> count(week, "handedOver", "leads")), links.leads(Map.of())));
			for (Map<String, Object> segment : (List<Map<String, Object>>) commitment.getOrDefault("segments",
					List.of())) {
				// As the weekly figures count it: the value without the spaces around it.
				String key = segment.get("dimension") + "=" + String.valueOf(segment.get("value")).strip();
				rows.add(commitmentRow(key, ((Number) segment.get("salesReadyPerWeek")).intValue(), segment(now, key),
						segment(before, key), average(lastFour, (week) -> segment(week, key)),
						links.leads(Links.filter(Map.of(String.valueOf(segment.get("dimension")),
								String.valueOf(segment.get("value")))))));
			}
		}
		return new ReviewTable("commitment", "Marketing's commitment: sales-ready leads a week", (commitment != null)
				? "Committed in the agreement in force; delivered are the leads that became sales-ready in the week."
				: "The agreement in force has no commitment from marketing on volume: agree one in the studio.",
				List.of("Segment", "Committed", "This week", "Delivered", "Last week", "Average of the last four"),
				rows);
	}

	private static List<Cell> commitmentRow(String segment, int committed, int now, int before, double average,
			@Nullable String link) {
		return List.of(Cell.plain(segment), Cell.count(committed, null), Cell.count(now, link),
				Cell.share((committed > 0) ? (double) now / committed : null), Cell.count(before, null),
				new Cell(average, String.format(Locale.ENGLISH, "%.1f", average), null));
	}

	@SuppressWarnings("unchecked")
	static ReviewTable quality(Map<String, Object> now, Map<String, Object> before, List<Map<String, Object>> lastFour,
			Links links) {
		List<List<Cell>> rows = new ArrayList<>();
		int leads = count(now, "handedOver", "leads");
		int leadsBefore = count(before, "handedOver", "leads");
		for (HandedOver measure : HANDED_OVER) {
			int value = count(now, "handedOver", measure.field());
			int previous = count(before, "handedOver", measure.field());
			double average = average(lastFour, (week) -> count(week, "handedOver", measure.field()));
			boolean ofAll = measure.field().equals("leads");
			rows.add(List.of(Cell.plain(measure.label()),
					Cell.count(value,
							links.leads((measure.stage() != null) ? Map.of("stage", measure.stage()) : Map.of())),
					Cell.share(ofAll ? null : share(value, leads)), Cell.count(previous, null),
					Cell.share(ofAll ? null : share(previous, leadsBefore)),
					new Cell(average, String.format(Locale.ENGLISH, "%.1f", average), null)));
		}
		return new ReviewTable("handoffs", "What became of the week's sales-ready leads",
				"Each lead as it stands now: the latest weeks' leads have had less time to convert.",
				List.of("Leads", "This week", "Share", "Last week", "Share last week", "Average of the last four"),
				rows);
	}

	@SuppressWarnings("unchecked")
	static ReviewTable reps(Map<String, Object> now, Map<String, Object> compliance, Map<String, String> teamOf,
			Map<String, String> nameOf, Links links) {
		Map<String, Map<String, Object>> handed = (Map<String, Map<String, Object>>) now.getOrDefault("byRep",
				Map.of());
		Map<String, Map<String, Object>> sla = (Map<String, Map<String, Object>>) compliance.getOrDefault("reps",
				Map.of());
		Map<String, Map<String, Object>> teamSla = (Map<String, Map<String, Object>>) compliance.getOrDefault("teams",
				Map.of());
		TreeSet<String> reps = new TreeSet<>(handed.keySet());
		reps.addAll(sla.keySet());
		reps.remove("(unassigned)");
		Map<String, List<String>> byTeam = new TreeMap<>();
		reps.forEach((rep) -> byTeam
			.computeIfAbsent(teamOf.getOrDefault(rep, WeeklyReview.UNKNOWN_TEAM), (team) -> new ArrayList<>())
			.add(rep));
		List<List<Cell>> rows = new ArrayList<>();
		byTeam.forEach((team, members) -> {
			int[] total = new int[4];
			for (String rep : members) {
				Map<String, Object> counts = handed.getOrDefault(rep, Map.of());
				int[] figures = { number(counts.get("leads")), number(counts.get("accepted")),
						number(counts.get("opportunity")), number(counts.get("won")) };
				for (int i = 0; i < total.length; i++) {
					total[i] += figures[i];
				}
				rows.add(repRow(team, nameOf.getOrDefault(rep, rep), figures, sla.getOrDefault(rep, Map.of()),
						links.leads(Map.of("repId", rep)), links.leads(Map.of("repId", rep, "stage", "WON"))));
			}
			// The team as a whole: its reps' leads together, and the team's SLA figures
			// (sla-monitor's own).
			boolean known = !team.equals(WeeklyReview.UNKNOWN_TEAM);
			rows.add(repRow(team, "All of " + team, total, teamSla.getOrDefault(team, Map.of()),
					known ? links.leads(Map.of("team", team)) : null,
					known ? links.leads(Map.of("team", team, "stage", "WON")) : null));
		});
		return new ReviewTable("reps", "Sales on what it was given, per team and rep",
				"The week's sales-ready leads each rep has now, and the SLA on the leads assigned to them in the week "
						+ "(sla-monitor): touched in time, the median business time to the first touch, attempts per lead; "
						+ "each team's reps, then the team as a whole.",
				List.of("Team", "Rep", "Given", "Accepted", "Acceptance", "Opportunity", "Won", "Touched in time",
						"Median first touch", "Attempts per lead"),
				rows);
	}

	/**
	 * One rep's (or team's) line: leads given, accepted, to an opportunity and won, then
	 * the SLA's figures.
	 */
	private static List<Cell> repRow(String team, String who, int[] figures, Map<String, Object> clock,
			@Nullable String given, @Nullable String won) {
		return List.of(Cell.plain(team), Cell.plain(who), Cell.count(figures[0], given), Cell.count(figures[1], null),
				Cell.share(share(figures[1], figures[0])), Cell.count(figures[2], null), Cell.count(figures[3], won),
				Cell.share((Double) clock.get("shareTouchedInTime")),
				Cell.duration(clock.get("medianTimeToFirstTouch")), Cell.decimal(clock.get("attemptsPerLead")));
	}

	@SuppressWarnings("unchecked")
	static ReviewTable teams(Map<String, Object> compliance, Map<String, Object> before, Links links) {
		Map<String, Map<String, Object>> teams = (Map<String, Map<String, Object>>) compliance.getOrDefault("teams",
				Map.of());
		Map<String, Map<String, Object>> previous = (Map<String, Map<String, Object>>) before.getOrDefault("teams",
				Map.of());
		List<List<Cell>> rows = new ArrayList<>();
		TreeSet<String> names = new TreeSet<>(teams.keySet());
		names.addAll(previous.keySet());
		for (String team : names) {
			Map<String, Object> figures = teams.getOrDefault(team, Map.of());
			Map<String, Object> last = previous.getOrDefault(team, Map.of());
			rows.add(List.of(Cell.plain(team),
					Cell.count(number(figures.get("assigned")), links.leads(Map.of("team", team))),
					Cell.share((Double) figures.get("shareTouchedInTime")),
					Cell.share((Double) last.get("shareTouchedInTime")),
					Cell.duration(figures.get("medianTimeToFirstTouch")), Cell.decimal(figures.get("attemptsPerLead")),
					Cell.count(number(figures.get("breached")), null),
					Cell.count(number(figures.get("ignored")), null)));
		}
		return new ReviewTable("sla", "SLA compliance per team",
				"Leads assigned in the week (sla-monitor); a lead whose first-touch deadline has not passed counts as assigned only.",
				List.of("Team", "Assigned", "Touched in time", "Last week", "Median first touch", "Attempts per lead",
						"Breached", "Ignored"),
				rows);
	}

	@SuppressWarnings("unchecked")
	static List<ReviewTable> cases(Map<String, Object> scorecard) {
		List<List<Cell>> reasons = new ArrayList<>();
		((Map<String, Object>) scorecard.getOrDefault("returnsByReason", Map.of()))
			.forEach((reason, count) -> reasons.add(List.of(Cell.plain(reason), Cell.count(number(count), "/desk"))));
		reasons.add(List.of(Cell.plain("For a reason the agreement does not list"),
				Cell.count(number(scorecard.get("returnsWithoutAgreedReason")), "/desk")));
		reasons.add(List.of(Cell.plain("Refused (not the rep's lead)"),
				Cell.count(number(scorecard.get("refusedReturns")), null)));
		List<List<Cell>> rulings = new ArrayList<>();
		((Map<String, Object>) scorecard.getOrDefault("rulings", Map.of())).forEach((decision, count) -> rulings
			.add(List.of(Cell.plain(Format.asWords(decision)), Cell.count(number(count), "/desk"))));
		rulings
			.add(List.of(Cell.plain("Against marketing"), Cell.count(number(scorecard.get("againstMarketing")), null)));
		rulings.add(List.of(Cell.plain("Against sales"), Cell.count(number(scorecard.get("againstSales")), null)));
		rulings.add(List.of(Cell.plain("Returns upheld"), Cell.share((Double) scorecard.get("upheldShare"))));
		List<List<Cell>> open = List.of(List.of(Cell.count(number(scorecard.get("openCases")), "/desk"),
				Cell.duration(scorecard.get("oldestOpenCase")), Cell.duration(scorecard.get("medianOpenCaseAge")),
				Cell.count(number(scorecard.get("escalated")), "/desk")));
		List<List<Cell>> rules = new ArrayList<>();
		((Map<String, Object>) scorecard.getOrDefault("rules", Map.of())).entrySet()
			.stream()
			.sorted((a, b) -> Integer.compare(number(b.getValue()), number(a.getValue())))
			.limit(10)
			.forEach(
					(rule) -> rules.add(List.of(Cell.plain(rule.getKey()), Cell.count(number(rule.getValue()), null))));
		return List.of(
				new ReviewTable("returns", "Returns by reason", "Cases opened in the week (arbitration).",
						List.of("Reason", "Returned"), reasons),
				new ReviewTable("rulings", "The judge's rulings", "On the cases opened in the week.",
						List.of("Ruling", "Cases"), rulings),
				new ReviewTable("cases", "Cases open",
						"Of the cases opened in the week, those still open, and how old they are.",
						List.of("Open", "Oldest", "Median age", "Escalated unruled"), open),
				new ReviewTable("rules", "Rules most returned for cause",
						"The rules that qualified the leads the judge sent back to marketing: the first to revisit in the studio.",
						List.of("Rule", "Leads returned for cause"), rules));
	}

	@SuppressWarnings("unchecked")
	static ReviewTable segments(Map<String, Object> segments, Links links) {
		Map<String, Object> ranking = (Map<String, Object>) segments.getOrDefault("ranking", Map.of());
		List<Map<String, Object>> ranked = (List<Map<String, Object>>) ranking.getOrDefault("segments", List.of());
		String currency = String.valueOf(segments.getOrDefault("currency", ""));
		double overall = (ranking.get("conversion") instanceof Number number) ? number.doubleValue() : Double.NaN;
		// Better or worse than the leads as a whole beyond doubt: the whole interval
		// above, or below, the overall rate.
		List<Map<String, Object>> chosen = ranked.stream()
			.filter((segment) -> ((Number) segment.get("low")).doubleValue() > overall)
			.limit(5)
			.toList();
		List<Map<String, Object>> weakest = ranked.stream()
			.filter((segment) -> ((Number) segment.get("high")).doubleValue() < overall)
			.sorted(Comparator.comparingDouble((Map<String, Object> s) -> ((Number) s.get("high")).doubleValue()))
			.limit(3)
			.toList();
		List<List<Cell>> rows = new ArrayList<>();
		for (Map<String, Object> segment : chosen) {
			rows.add(segmentRow("Aim more", segment, currency, links));
		}
		for (Map<String, Object> segment : weakest) {
			rows.add(segmentRow("Aim less", segment, currency, links));
		}
		return new ReviewTable("segments", "Segments to act on",
				"The last 90 days' segments with at least 30 leads of known outcome whose conversion's 95 % interval lies "
						+ "wholly above the conversion of all leads (up to five, aim more) or wholly below it (up to three, "
						+ "aim less); the Segments page has them all.",
				List.of("Proposal", "Segment", "With an outcome", "Conversion", "95 % interval", "Won amount per lead",
						"Cost per won lead"),
				rows);
	}

	@SuppressWarnings("unchecked")
	private static List<Cell> segmentRow(String proposal, Map<String, Object> segment, String currency, Links links) {
		Map<String, String> filter = Links.filter((Map<String, Object>) segment.getOrDefault("dimensions", Map.of()));
		return List.of(Cell.plain(proposal), new Cell(null, String.valueOf(segment.get("name")), links.all(filter)),
				Cell.count(number(segment.get("withOutcome")), null),
				Cell.share(((Number) segment.get("conversion")).doubleValue()),
				Cell.plain(Math.round(((Number) segment.get("low")).doubleValue() * 100) + "% to "
						+ Math.round(((Number) segment.get("high")).doubleValue() * 100) + "%"),
				Cell.money(segment.get("wonAmountPerLead"), currency), Cell.money(segment.get("costPerWon"), currency));
	}

	@SuppressWarnings("unchecked")
	static int count(Map<String, Object> week, String group, String field) {
		return number(((Map<String, Object>) week.getOrDefault(group, Map.of())).get(field));
	}

	@SuppressWarnings("unchecked")
	private static int segment(Map<String, Object> week, String key) {
		return number(((Map<String, Object>) week.getOrDefault("bySegment", Map.of())).get(key));
	}

	private static double average(List<Map<String, Object>> weeks, ToIntFunction<Map<String, Object>> figure) {
		return weeks.isEmpty() ? 0 : Math.round(weeks.stream().mapToInt(figure).average().orElse(0) * 10) / 10.0;
	}

	private static @Nullable Double share(int part, int whole) {
		return (whole > 0) ? (double) part / whole : null;
	}

	private static int number(@Nullable Object value) {
		return (value instanceof Number number) ? number.intValue() : 0;
	}

}
