package io.handoff.events.backup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.handoff.events.LeadEventsJson;
import io.handoff.events.Topic;

/**
 * A backup of Handoff's compacted topics as one file of JSON lines, readable with any
 * JSON tool: a first line saying what it is and what each topic held, a line per live
 * entry (topic, partition, key, timestamp and the value as JSON), and a last line
 * counting the entries with a SHA-256 of every line before it, so that a file cut short
 * or changed by hand is refused whole rather than restored in part.
 *
 * <pre>
 * {"handoffBackup":1,"exportedAt":"2026-12-01T10:00:00Z","topics":{"agreements":{"partitions":12,"entries":3},...}}
 * {"topic":"agreements","partition":4,"key":"...","timestamp":"2026-11-30T09:12:44.120Z","value":{...}}
 * {"end":{"entries":3,"sha256":"..."}}
 * </pre>
 */
public final class BackupFile {

	/** The version of the format this code writes and reads. */
	static final int VERSION = 1;

	private BackupFile() {
	}

	/**
	 * One entry: the latest value of a key on a topic, as it was written.
	 *
	 * @param topic the topic's name
	 * @param partition the partition it was on
	 * @param key the key
	 * @param timestamp the record's timestamp
	 * @param value the value, as the JSON it was written as
	 */
	public record Entry(String topic, int partition, String key, Instant timestamp, JsonNode value) {
	}

	/**
	 * What a backup holds.
	 *
	 * @param exportedAt when it was taken
	 * @param partitions each topic's partition count then, in the order of the file
	 * @param entries every entry, in the order of the file
	 */
	public record Contents(Instant exportedAt, Map<String, Integer> partitions, List<Entry> entries) {

		/** How many entries each topic has, every topic of the backup named. */
		public Map<String, Integer> counts() {
			Map<String, Integer> counts = new LinkedHashMap<>();
			this.partitions.keySet().forEach((topic) -> counts.put(topic, 0));
			this.entries.forEach((entry) -> counts.merge(entry.topic(), 1, Integer::sum));
			return counts;
		}

	}

	/** A backup file that cannot be restored, saying where and why. */
	public static final class Unreadable extends IllegalArgumentException {

		Unreadable(String message) {
			super(message);
		}

	}

	/**
	 * Writes {@code contents} to {@code file}, readable by its owner only (it holds the
	 * sales organisation's people and the webhooks' sealed secrets): to a file beside it
	 * first, moved into place once complete.
	 */
	public static void write(Path file, Contents contents) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		Path partial = Files.createTempFile(parent, file.getFileName() + ".", ".partial");
		try {
			ownerOnly(partial);
			MessageDigest digest = sha256();
			try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE);
					BufferedWriter out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8))) {
				ObjectNode header = JsonNodeFactory.instance.objectNode();
				header.put("handoffBackup", VERSION);
				header.put("exportedAt", contents.exportedAt().toString());
				ObjectNode topics = header.putObject("topics");
				Map<String, Integer> counts = contents.counts();
				contents.partitions()
					.forEach((topic, partitions) -> topics.putObject(topic)
						.put("partitions", partitions)
						.put("entries", counts.get(topic)));
				line(out, digest, header);
				for (Entry entry : contents.entries()) {
					ObjectNode line = JsonNodeFactory.instance.objectNode();
					line.put("topic", entry.topic());
					line.put("partition", entry.partition());
					line.put("key", entry.key());
					line.put("timestamp", entry.timestamp().toString());
					line.set("value", entry.value());
					line(out, digest, line);
				}
				ObjectNode end = JsonNodeFactory.instance.objectNode();
				end.putObject("end")
					.put("entries", contents.entries().size())
					.put("sha256", HexFormat.of().formatHex(digest.digest()));
				out.write(LeadEventsJson.mapper().writeValueAsString(end));
				out.write('\n');
				out.flush();
				// On the disk before it takes the place of an earlier backup.
				channel.force(true);
			}
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

	private static void line(BufferedWriter out, MessageDigest digest, JsonNode line) throws IOException {
		String text = LeadEventsJson.mapper().writeValueAsString(line) + "\n";
		digest.update(text.getBytes(StandardCharsets.UTF_8));
		out.write(text);
	}

	/**
	 * Reads and checks the whole of {@code file}: its format and version, every line,
	 * every value as the event its topic carries, no key twice, and its last line's count
	 * and checksum.
	 * @param topics the topics a backup may hold, by name
	 * @throws Unreadable naming the line and what is wrong with it
	 */
	public static Contents read(Path file, Map<String, Topic<?>> topics) throws IOException {
		return BackupFileReader.read(file, topics);
	}

	private static void ownerOnly(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system: its own access rules apply.
		}
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
