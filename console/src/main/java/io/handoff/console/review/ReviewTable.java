package io.handoff.console.review;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One table of the weekly review, shown on the page, in the e-mail and downloadable as
 * CSV.
 *
 * @param id its name in its CSV's address ({@code commitment})
 * @param title what it shows
 * @param note how to read it, or where its figures come from
 * @param columns its column headings
 * @param rows its rows, a cell per column
 */
public record ReviewTable(String id, String title, String note, List<String> columns, List<List<Cell>> rows) {

	public ReviewTable {
		columns = List.copyOf(columns);
		rows = rows.stream().map(List::copyOf).toList();
	}

	/** The rows' values, for CSV: numbers as numbers, the rest as shown. */
	public List<List<Object>> values() {
		return this.rows.stream()
			.map((row) -> row.stream()
				.map((cell) -> (cell.value() != null) ? cell.value() : (Object) cell.text())
				.toList())
			.toList();
	}

	/**
	 * One cell.
	 *
	 * @param value the figure, {@code null} for text or nothing
	 * @param text the cell as people read it
	 * @param link the console page with the leads behind the figure, {@code null} for
	 * none
	 */
	public record Cell(@Nullable Object value, String text, @Nullable String link) {

		/** A cell of text. */
		public static Cell plain(@Nullable Object text) {
			return new Cell(null, (text != null) ? text.toString() : "—", null);
		}

		/** A count, linked to the leads behind it. */
		public static Cell count(int count, @Nullable String link) {
			return new Cell(count, String.valueOf(count), link);
		}

		/** A share as a percentage, "—" for none. */
		public static Cell share(@Nullable Double share) {
			return new Cell((share != null) ? Math.round(share * 1000) / 1000.0 : null,
					(share != null) ? Math.round(share * 100) + "%" : "—", null);
		}

		public static Cell money(@Nullable Object amount, String currency) {
			return (amount instanceof Number number) ? new Cell(number,
					currency + " " + String.format(Locale.ENGLISH, "%,.2f", number.doubleValue()), null)
					: Cell.plain("—");
		}

		public static Cell decimal(@Nullable Object value) {
			return (value instanceof Number number)
					? new Cell(number, String.format(Locale.ENGLISH, "%.1f", number.doubleValue()), null)
					: Cell.plain("—");
		}

		public static Cell duration(@Nullable Object iso) {
			if (iso == null) {
				return Cell.plain("—");
			}
			Duration length = Duration.parse(iso.toString());
			long minutes = length.toMinutes();
			String text = (minutes < 60) ? minutes + " min" : (minutes < 48 * 60)
					? (minutes / 60) + " h " + (minutes % 60) + " min" : (minutes / 1440) + " days";
			return new Cell(iso.toString(), text, null);
		}

	}

}
