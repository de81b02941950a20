package io.handoff.console;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A horizontal bar chart drawn as SVG by the {@code layout :: bars} fragment, one group
 * of bars per row and one bar per series, with the same figures as a table beside it.
 *
 * @param title what the chart shows
 * @param dimension what the rows are (the table's first column)
 * @param series the names of the bars in each row ("In force", "Draft")
 * @param rows the rows
 * @param percent whether values are shares (0..1) shown as percentages
 */
public record BarChart(String title, String dimension, List<String> series, List<Row> rows, boolean percent) {

	/**
	 * Where the bars start and how long the longest is, in SVG units of a 640-wide chart.
	 */
	static final int BAR_SPACE = 400;

	public BarChart {
		series = List.copyOf(series);
		rows = List.copyOf(rows);
	}

	/** A chart of counts. */
	public static BarChart counts(String title, String dimension, List<String> series, List<Row> rows) {
		return new BarChart(title, dimension, series, rows, false);
	}

	/** A chart of shares, 0 to 1. */
	public static BarChart shares(String title, String dimension, List<String> series, List<Row> rows) {
		return new BarChart(title, dimension, series, rows, true);
	}

	public int height() {
		return Math.max(1, rowTop(this.rows.size()));
	}

	public int rowTop(int row) {
		return row * (this.series.size() * 16 + 10);
	}

	public int width(@Nullable Double value) {
		double max = this.percent ? 1.0
				: this.rows.stream()
					.flatMap((row) -> row.values().stream())
					.filter(Objects::nonNull)
					.mapToDouble(Double::doubleValue)
					.max()
					.orElse(0);
		return (value == null || max <= 0) ? 0 : (int) Math.round(value / max * BAR_SPACE);
	}

	public String text(@Nullable Double value) {
		if (value == null) {
			return "—";
		}
		return this.percent ? Math.round(value * 100) + "%" : String.valueOf(Math.round(value));
	}

	/** The chart in one sentence, for screen readers. */
	public String summary() {
		StringBuilder text = new StringBuilder(this.title).append(". ");
		for (Row row : this.rows) {
			text.append(row.label()).append(": ");
			for (int i = 0; i < this.series.size(); i++) {
				text.append(this.series.get(i)).append(' ').append(text(row.values().get(i)));
				text.append((i < this.series.size() - 1) ? ", " : "; ");
			}
		}
		return text.toString().strip();
	}

	/**
	 * One row: a label and a value per series ({@code null} where there is none).
	 *
	 * @param label what the row is
	 * @param values a value per series
	 */
	public record Row(String label, List<@Nullable Double> values) {

		public static Row of(String label, @Nullable Number... values) {
			return new Row(label,
					Arrays.stream(values).map((value) -> (value != null) ? value.doubleValue() : null).toList());
		}

	}

}
