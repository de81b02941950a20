package io.handoff.console.agreements;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.handoff.console.BarChart;
import io.handoff.console.services.Unavailable;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadScored.Stage;

/**
 * What the studio shows of scoring's answers: the calibration curve, a draft's diff
 * against the version in force, and the preview of its impact on recent leads.
 */
final class StudioViews {

	private StudioViews() {
	}

	/**
	 * Both calibration curves in one chart: per tenth of the held-out leads (by the
	 * conversion each set of points predicts), what was predicted against what converted.
	 */
	@SuppressWarnings("unchecked")
	static BarChart curve(@Nullable Map<String, Object> calibration) {
		if (calibration == null) {
			throw new Unavailable("scoring is not answering", new IllegalStateException());
		}
		if (!(calibration.get("curve") instanceof Map<?, ?> curve)
				|| !(calibration.get("currentCurve") instanceof Map<?, ?> now)
				|| !(curve.get("bins") instanceof List<?>) || !(now.get("bins") instanceof List<?>)) {
			throw new Unavailable("scoring gave no calibration curves (an older version?)",
					new IllegalStateException());
		}
		List<Map<String, Object>> suggested = (List<Map<String, Object>>) curve.get("bins");
		List<Map<String, Object>> current = (List<Map<String, Object>>) now.get("bins");
		List<BarChart.Row> rows = new ArrayList<>();
		for (int i = 0; i < Math.min(suggested.size(), current.size()); i++) {
			rows.add(BarChart.Row.of("Tenth " + (i + 1), (Number) suggested.get(i).get("predicted"),
					(Number) suggested.get(i).get("observed"), (Number) current.get(i).get("predicted"),
					(Number) current.get(i).get("observed")));
		}
		return BarChart.shares(
				"Calibration curves: predicted conversion against converted, per tenth of the held-out "
						+ "leads (lowest prediction first)",
				"Held-out leads",
				List.of("Suggested: predicted", "Suggested: converted", "In force: predicted", "In force: converted"),
				rows);
	}

	/** The diff's changes, each rule or term showing only the fields that differ. */
	@SuppressWarnings("unchecked")
	static List<Change> changes(Map<String, Object> diff) {
		List<Change> changes = new ArrayList<>();
		for (Map<String, Object> change : (List<Map<String, Object>>) diff.getOrDefault("changes", List.of())) {
			Object before = change.get("before");
			Object after = change.get("after");
			if (before instanceof Map<?, ?> was && after instanceof Map<?, ?> is) {
				List<String> from = new ArrayList<>();
				List<String> to = new ArrayList<>();
				Set<Object> keys = new LinkedHashSet<>(was.keySet());
				keys.addAll(is.keySet());
				for (Object key : keys) {
					if (!Objects.equals(was.get(key), is.get(key))) {
						from.add(key + ": " + was.get(key));
						to.add(key + ": " + is.get(key));
					}
				}
				changes.add(new Change(String.valueOf(change.get("term")), String.valueOf(change.get("kind")),
						String.join("; ", from), String.join("; ", to)));
			}
			else {
				changes.add(new Change(String.valueOf(change.get("term")), String.valueOf(change.get("kind")),
						(before != null) ? before.toString() : "—", (after != null) ? after.toString() : "—"));
			}
		}
		return changes;
	}

	/**
	 * One change of the draft against the version in force.
	 *
	 * @param term the term or rule
	 * @param kind added, removed or changed
	 * @param before as in force
	 * @param after as in the draft
	 */
	record Change(String term, String kind, String before, String after) {
	}

	/**
	 * The impact preview as charts: volume per stage, and sales-ready volume per segment,
	 * in force against draft.
	 */
	@SuppressWarnings("unchecked")
	static Preview charts(Map<String, Object> preview) {
		List<String> series = List.of("In force", "Draft");
		Map<String, Map<String, Number>> stages = (Map<String, Map<String, Number>>) preview.get("stages");
		Map<String, Number> active = stages.getOrDefault("active", Map.of());
		Map<String, Number> draft = stages.getOrDefault("draft", Map.of());
		// The stages the scores put leads in, under either version, in the waterfall's
		// order.
		List<BarChart.Row> stageRows = LeadEventsJson.writable(Stage.class)
			.stream()
			.map(Stage::name)
			.filter((stage) -> counted(active, stage) || counted(draft, stage))
			.map((stage) -> BarChart.Row.of(stage.replace('_', ' ').toLowerCase(Locale.ROOT), active.get(stage),
					draft.get(stage)))
			.toList();
		List<BarChart> charts = new ArrayList<>();
		charts.add(BarChart.counts("Leads per stage", "Stage", series, stageRows));
		Map<String, Map<String, Map<String, Map<String, Number>>>> segments = (Map<String, Map<String, Map<String, Map<String, Number>>>>) preview
			.get("segments");
		for (String dimension : List.of("grade", "source", "country")) {
			Map<String, Map<String, Map<String, Number>>> values = segments.getOrDefault(dimension, Map.of());
			List<BarChart.Row> rows = values.entrySet()
				.stream()
				.sorted("grade".equals(dimension) ? Map.Entry.comparingByKey()
						: Comparator.comparingInt((Map.Entry<String, Map<String, Map<String, Number>>> entry) -> -total(
								entry.getValue().get("active"))))
				.limit(10)
				.map((entry) -> BarChart.Row.of(entry.getKey(), entry.getValue().get("active").get("SALES_READY"),
						entry.getValue().get("draft").get("SALES_READY")))
				.toList();
			charts
				.add(BarChart.counts("Sales-ready leads per " + dimension + " (ten largest)", dimension, series, rows));
		}
		return new Preview(((Number) preview.get("leads")).intValue(), ((Number) preview.get("changed")).intValue(),
				String.valueOf(preview.get("window")), charts,
				(List<Map<String, Object>>) preview.getOrDefault("changes", List.of()));
	}

	private static int total(Map<String, Number> counts) {
		return counts.values().stream().mapToInt(Number::intValue).sum();
	}

	/**
	 * The impact preview, ready to draw.
	 *
	 * @param leads leads in the window
	 * @param changed how many would change stage
	 * @param window the window
	 * @param charts the charts
	 * @param changes the first leads that would change stage
	 */
	record Preview(int leads, int changed, String window, List<BarChart> charts, List<Map<String, Object>> changes) {
	}

	private static boolean counted(Map<String, Number> counts, String stage) {
		return counts.get(stage) != null && counts.get(stage).intValue() > 0;
	}

}
