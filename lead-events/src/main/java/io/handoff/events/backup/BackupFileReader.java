package io.handoff.events.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import io.handoff.events.LeadEventsJson;
import io.handoff.events.Topic;
import io.handoff.events.backup.BackupFile.Contents;
import io.handoff.events.backup.BackupFile.Entry;
import io.handoff.events.backup.BackupFile.Unreadable;

/**
 * Reads a {@link BackupFile} back and checks the whole of it before anything is restored:
 * its format and version, every line, every value as the event its topic carries, no key
 * twice, and its last line's count and checksum.
 */
final class BackupFileReader {

	private BackupFileReader() {
	}

	static Contents read(Path file, Map<String, Topic<?>> topics) throws IOException {
		MessageDigest digest = BackupFile.sha256();
		List<String> lines = new ArrayList<>();
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				lines.add(line);
			}
		}
		catch (MalformedInputException ex) {
			throw new Unreadable(file + " is not a Handoff backup: it is not UTF-8 text");
		}
		while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
			lines.remove(lines.size() - 1);
		}
		if (lines.isEmpty()) {
			throw new Unreadable(file + " is empty: not a Handoff backup");
		}
		JsonNode header = json(lines.get(0), 1, file);
		if (!header.has("handoffBackup")) {
			throw new Unreadable(file + " is not a Handoff backup: its first line has no \"handoffBackup\" version");
		}
		if (header.get("handoffBackup").asInt(-1) != BackupFile.VERSION) {
			throw new Unreadable(file + " is a Handoff backup of format " + header.get("handoffBackup")
					+ "; this version of Handoff reads format " + BackupFile.VERSION);
		}
		Instant exportedAt = instant(header.path("exportedAt"), 1, "exportedAt");
		Map<String, Integer> partitions = new LinkedHashMap<>();
		JsonNode declared = header.path("topics");
		if (!declared.isObject() || declared.isEmpty()) {
			throw new Unreadable("line 1: \"topics\" must name each topic of the backup and its partitions");
		}
		for (Map.Entry<String, JsonNode> topic : declared.properties()) {
			if (!topics.containsKey(topic.getKey())) {
				throw new Unreadable("line 1: \"" + topic.getKey() + "\" is not one of the topics a backup holds "
						+ topics.keySet());
			}
			int count = topic.getValue().path("partitions").asInt(0);
			if (count < 1) {
				throw new Unreadable("line 1: topic " + topic.getKey() + " needs a positive \"partitions\"");
			}
			partitions.put(topic.getKey(), count);
		}
		digest.update((lines.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
		List<Entry> entries = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		for (int i = 1; i < lines.size(); i++) {
			int number = i + 1;
			JsonNode line = json(lines.get(i), number, file);
			if (line.has("end")) {
				if (number != lines.size()) {
					throw new Unreadable("line " + number + ": the end line comes before the last line");
				}
				int count = line.path("end").path("entries").asInt(-1);
				if (count != entries.size()) {
					throw new Unreadable("line " + number + ": the backup says it holds " + count + " entries but "
							+ entries.size() + " are in it");
				}
				if (!HexFormat.of().formatHex(digest.digest()).equals(line.path("end").path("sha256").asString(""))) {
					throw new Unreadable("line " + number
							+ ": the checksum does not match the lines before it: the file was changed after it was taken");
				}
				return new Contents(exportedAt, partitions, List.copyOf(entries));
			}
			Entry entry = entry(line, number, partitions, topics);
			if (!keys.add(entry.topic() + "\n" + entry.key())) {
				throw new Unreadable("line " + number + ": key " + entry.key() + " of " + entry.topic() + " is in the "
						+ "backup twice");
			}
			entries.add(entry);
			digest.update((lines.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
		}
		throw new Unreadable(file + " ends without its end line after line " + lines.size()
				+ ": it was cut short; take the backup again");
	}

	private static Entry entry(JsonNode line, int number, Map<String, Integer> partitions,
			Map<String, Topic<?>> topics) {
		String topic = line.path("topic").asString("");
		if (!partitions.containsKey(topic)) {
			throw new Unreadable("line " + number + ": topic \"" + topic
					+ "\" is not one the backup's first line names " + partitions.keySet());
		}
		JsonNode partition = line.path("partition");
		if (!partition.isInt() || partition.asInt() < 0 || partition.asInt() >= partitions.get(topic)) {
			throw new Unreadable("line " + number + ": partition " + partition + " is not one of " + topic + "'s "
					+ partitions.get(topic));
		}
		String key = line.path("key").asString("");
		if (key.isBlank()) {
			throw new Unreadable("line " + number + ": an entry needs its \"key\"");
		}
		JsonNode value = line.path("value");
		if (!value.isObject()) {
			throw new Unreadable(
					"line " + number + ": the \"value\" of " + topic + " key " + key + " must be an object");
		}
		Class<?> type = topics.get(topic).eventType();
		try {
			LeadEventsJson.mapper().treeToValue(value, type);
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw new Unreadable("line " + number + ": the value of " + topic + " key " + key + " is not a valid "
					+ type.getSimpleName() + ": " + ex.getMessage());
		}
		return new Entry(topic, partition.asInt(), key, instant(line.path("timestamp"), number, "timestamp"), value);
	}

	private static JsonNode json(String line, int number, Path file) {
		try {
			JsonNode json = LeadEventsJson.mapper().readTree(line);
			if (json == null || !json.isObject()) {
				throw new Unreadable("line " + number + " of " + file + " is not a JSON object");
			}
			return json;
		}
		catch (JacksonException ex) {
			throw new Unreadable("line " + number + " of " + file + " is not JSON: " + ex.getOriginalMessage());
		}
	}

	private static Instant instant(JsonNode value, int number, String field) {
		try {
			Instant instant = Instant.parse(value.asString(""));
			if (instant.isBefore(Instant.EPOCH) || instant.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
				throw new Unreadable(
						"line " + number + ": \"" + field + "\" " + instant + " is not a time Kafka keeps");
			}
			return instant;
		}
		catch (DateTimeParseException ex) {
			throw new Unreadable("line " + number + ": \"" + field + "\" must be an ISO-8601 instant, not " + value);
		}
	}

}
