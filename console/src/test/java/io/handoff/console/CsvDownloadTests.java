package io.handoff.console;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.handoff.events.CsvLines;

import static org.assertj.core.api.Assertions.assertThat;

class CsvDownloadTests {

	@Test
	void cellsASpreadsheetWouldRunAsFormulasAreDefusedAndNumbersStayNumbers() {
		String csv = CsvDownload.text(List.of("email", "company", "points"),
				List.of(List.of("=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", -12),
						List.of("@SUM(A1)", "-2+3", "-12.5"),
						Arrays.asList("\tTabbed", "Acme, Inc. \"the best\"", null)));

		List<String> lines = csv.lines().toList();
		assertThat(lines).hasSize(4);
		assertThat(CsvLines.cells(lines.get(0))).containsExactly("email", "company", "points");
		assertThat(CsvLines.cells(lines.get(1))).containsExactly("'=HYPERLINK(\"http://evil.example\",\"x\")",
				"'+cmd|' /C calc'!A0", "-12");
		assertThat(CsvLines.cells(lines.get(2))).containsExactly("'@SUM(A1)", "'-2+3", "-12.5");
		assertThat(CsvLines.cells(lines.get(3))).containsExactly("'\tTabbed", "Acme, Inc. \"the best\"", "");
	}

}
