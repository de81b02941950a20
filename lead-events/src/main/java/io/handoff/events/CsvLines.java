package io.handoff.events;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * Splits CSV lines (RFC 4180) with Jackson's CSV data format: a cell in double quotes may
 * hold commas, and {@code ""} inside it is one quote. The demo data and routing's imports
 * read their files with it, a line at a time, so each refusal names its line.
 */
public final class CsvLines {

	private static final ObjectReader LINE = CsvMapper.builder()
		.enable(CsvReadFeature.WRAP_AS_ARRAY)
		.build()
		.readerForListOf(String.class);

	private CsvLines() {
	}

	/**
	 * The cells of {@code line}.
	 * @throws IllegalArgumentException when it is not one CSV record (a quoted cell not
	 * closed, say)
	 */
	public static List<String> cells(String line) {
		if (line.isEmpty()) {
			return List.of("");
		}
		try (MappingIterator<List<String>> records = LINE.readValues(line)) {
			List<String> cells = records.next();
			if (records.hasNext()) {
				throw new IllegalArgumentException("a quoted cell is not closed on its line");
			}
			return cells;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not a CSV line: " + ex.getOriginalMessage(), ex);
		}
	}

}
