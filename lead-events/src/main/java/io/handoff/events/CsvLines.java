package io.handoff.events;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV lines (RFC 4180 within one line): a cell in double quotes may hold commas, and {@code ""} inside it is
 * one quote. The demo data and routing's imports read their files with it.
 */
public final class CsvLines {

	private CsvLines() {
	}

	/**
	 * The cells of {@code line}.
	 * @throws IllegalArgumentException when a quoted cell is not closed
	 */
	public static List<String> cells(String line) {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '"') {
				if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else {
					quoted = !quoted;
				}
			}
			else if (c == ',' && !quoted) {
				cells.add(cell.toString());
				cell.setLength(0);
			}
			else {
				cell.append(c);
			}
		}
		if (quoted) {
			throw new IllegalArgumentException("a quoted cell is not closed");
		}
		cells.add(cell.toString());
		return cells;
	}

}
