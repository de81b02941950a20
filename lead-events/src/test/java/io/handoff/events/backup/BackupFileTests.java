package io.handoff.events.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.handoff.events.LeadEventsJson;
import io.handoff.events.SalesRep;
import io.handoff.events.Topic;
import io.handoff.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The backup file: what is written is read back whole, and a file damaged in any way is
 * refused, saying where.
 */
class BackupFileTests {

	static final Map<String, Topic<?>> TOPICS = Backup.BY_NAME;

	@TempDir
	Path dir;

	@Test
	void whatIsWrittenIsReadBackWholeAndOnlyItsOwnerMayReadIt() throws IOException {
		Path file = this.dir.resolve("handoff.backup");
		BackupFile.Contents contents = contents();

		BackupFile.write(file, contents);

		BackupFile.Contents read = BackupFile.read(file, TOPICS);
		assertThat(read).isEqualTo(contents);
		assertThat(read.counts()).containsEntry(Topics.SALES_REPS.name(), 2).containsEntry(Topics.AGREEMENTS.name(), 0);
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.list(this.dir)).as("no partial file left beside it").containsExactly(file);
	}

	@Test
	void aFileCutShortIsRefusedWhole() throws IOException {
		List<String> lines = written();

		assertThat(refusal(lines.subList(0, lines.size() - 1))).contains("ends without its end line after line 3")
			.contains("cut short");
		assertThat(refusal(lines.subList(0, 1))).contains("cut short");
		assertThat(refusal(List.of())).contains("is empty");
	}

	@Test
	void aFileChangedByHandIsRefusedSayingWhichLine() throws IOException {
		List<String> lines = written();
		assertThat(refusalWith(lines, 1, lines.get(1).replace("\"weight\":1", "\"weight\":5"))).contains("line 4")
			.contains("checksum does not match");
		assertThat(refusalWith(lines, 2, lines.get(2).replace("\"weight\":1", "\"weight\":\"heavy\"")))
			.contains("line 3")
			.contains("is not a valid SalesRep");
		assertThat(refusalWith(lines, 2, lines.get(1))).contains("line 3").contains("in the backup twice");
		assertThat(refusalWith(lines, 1, lines.get(1).replace("\"partition\":3", "\"partition\":12")))
			.contains("line 2")
			.contains("partition 12 is not one of sales.reps's 12");
		assertThat(
				refusalWith(lines, 1, lines.get(1).replace("\"topic\":\"sales.reps\"", "\"topic\":\"leads.scored\"")))
			.contains("line 2")
			.contains("\"leads.scored\" is not one the backup's first line names");
		assertThat(refusalWith(lines, 1, "{\"topic\":")).contains("line 2").contains("is not JSON");
	}

	@Test
	void aFileThatIsNotABackupOfThisFormatIsRefused() throws IOException {
		List<String> lines = written();
		assertThat(refusalWith(lines, 0, lines.get(0).replace("\"handoffBackup\":1", "\"handoffBackup\":2")))
			.contains("format 2")
			.contains("reads format 1");

		assertThat(refusal(List.of("{\"reps\":[]}"))).contains("is not a Handoff backup");
		assertThat(refusal(List.of("repId,name,email"))).contains("line 1").contains("is not JSON");

		Path binary = this.dir.resolve("binary");
		Files.write(binary, new byte[] { (byte) 0xff, (byte) 0xfe, 0, 1 });
		assertThatExceptionOfType(BackupFile.Unreadable.class).isThrownBy(() -> BackupFile.read(binary, TOPICS))
			.withMessageContaining("not UTF-8 text");
	}

	private List<String> written() throws IOException {
		Path file = this.dir.resolve("written.backup");
		BackupFile.write(file, contents());
		return Files.readAllLines(file);
	}

	/**
	 * The refusal of {@code lines} with line {@code index} (from 0) replaced by
	 * {@code replacement}.
	 */
	private String refusalWith(List<String> lines, int index, String replacement) throws IOException {
		List<String> changed = new ArrayList<>(lines);
		assertThat(replacement).as("a changed line").isNotEqualTo(lines.get(index));
		changed.set(index, replacement);
		return refusal(changed);
	}

	private String refusal(List<String> lines) throws IOException {
		Path file = Files.createTempFile(this.dir, "damaged", ".backup");
		Files.write(file, lines);
		try {
			BackupFile.read(file, TOPICS);
			throw new AssertionError("read a damaged backup: " + lines);
		}
		catch (BackupFile.Unreadable refused) {
			return refused.getMessage();
		}
	}

	private static BackupFile.Contents contents() {
		Map<String, Integer> partitions = new LinkedHashMap<>();
		Backup.TOPICS.forEach((topic) -> partitions.put(topic.name(), topic.partitions()));
		Instant at = Instant.parse("2026-11-30T09:12:44.120Z");
		return new BackupFile.Contents(Instant.parse("2026-12-01T10:00:00Z"), partitions,
				List.of(rep("rep-1", "Anna Snelling", 3, at), rep("rep-2", "Darcel Schlecht", 7, at.plusSeconds(60))));
	}

	private static BackupFile.Entry rep(String repId, String name, int partition, Instant at) {
		SalesRep rep = new SalesRep(repId, name, repId + "@sales.example", "Central", List.of("central"), 1, 20,
				"America/Chicago", null, List.of(), null, true);
		return new BackupFile.Entry(Topics.SALES_REPS.name(), partition, repId, at,
				LeadEventsJson.mapper().valueToTree(rep));
	}

}
