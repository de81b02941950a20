package io.handoff.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CsvLinesTests {

	@Test
	void quotedCellsHoldCommasAndDoubledQuotes() {
		assertThat(CsvLines.cells("acme.com,\"Acme, Inc. \"\"the best\"\"\",anna-snelling")).containsExactly("acme.com",
				"Acme, Inc. \"the best\"", "anna-snelling");
	}

	@Test
	void emptyCellsAreKeptWhereverTheyStand() {
		assertThat(CsvLines.cells(",b,,")).containsExactly("", "b", "", "");
		assertThat(CsvLines.cells("")).containsExactly("");
	}

	@Test
	void aQuotedCellThatIsNotClosedIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> CsvLines.cells("acme.com,\"Acme, Inc."))
			.withMessageStartingWith("not a CSV line");
	}

}
