package io.handoff.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * A table as a CSV file to download (RFC 4180, written by Jackson's CSV data format),
 * every cell safe to open in a spreadsheet: text that a spreadsheet would run as a
 * formula (starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return) is written with a leading apostrophe, as OWASP advises; numbers stay numbers.
 */
public final class CsvDownload {

	private static final CsvMapper CSV = CsvMapper.builder().build();

	private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE]-?\\d+)?");

	private CsvDownload() {
	}

	/** The rows under {@code header}, as CSV text. */
	public static String text(List<String> header, List<? extends List<?>> rows) {
		CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
		header.forEach(schema::addColumn);
		List<List<String>> cells = new ArrayList<>();
		for (List<?> row : rows) {
			cells.add(row.stream().map(CsvDownload::cell).toList());
		}
		return CSV.writer(schema.build()).writeValueAsString(cells);
	}

	/** The rows as a download named {@code filename}. */
	public static ResponseEntity<byte[]> of(String filename, List<String> header, List<? extends List<?>> rows) {
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(text(header, rows).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * One cell: empty for none, a number as written, text that could run as a formula
	 * behind an apostrophe.
	 */
	static String cell(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		if (value instanceof Number || NUMBER.matcher(text).matches() || text.isEmpty()) {
			return text;
		}
		char first = text.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + text : text;
	}

}
