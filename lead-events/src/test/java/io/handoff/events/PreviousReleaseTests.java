package io.handoff.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event as the previous release wrote it (one file per topic under
 * {@code src/test/resources/release-0.1/}) is still read, and nothing it said is lost:
 * each field it wrote comes back with the same value when this release writes the event
 * again. A release that renames or drops a field, or changes what a value means, fails
 * here and must read the old form too. To record the events of a release for the next one
 * to read, run this class with {@code -Dhandoff.events.record=<folder>}.
 */
class PreviousReleaseTests {

	static final String RELEASE = "release-0.1";

	static Stream<Topic<?>> topicsWithEvents() {
		return Topics.ALL.stream().filter((topic) -> topic != Topics.LEADS_INBOUND);
	}

	@ParameterizedTest
	@MethodSource("topicsWithEvents")
	void everyEventThePreviousReleaseWroteIsReadWithNothingLost(Topic<?> topic) throws IOException {
		byte[] written = previous(topic);

		Object read = read(topic, written);

		assertThat(read).isInstanceOf(topic.eventType());
		JsonNode before = LeadEventsJson.mapper().readTree(written);
		JsonNode after = LeadEventsJson.mapper().readTree(write(topic, read));
		assertKept(before, after, topic.name());
	}

	@Test
	void aStageThisReleaseDoesNotKnowIsReadAsUnknownNotRefused() throws IOException {
		String json = new String(previous(Topics.LEADS_SCORED), StandardCharsets.UTF_8).replace("\"SALES_READY\"",
				"\"SALES_QUALIFIED\"");

		LeadScored scored = (LeadScored) read(Topics.LEADS_SCORED, json.getBytes(StandardCharsets.UTF_8));

		assertThat(scored.stage()).isEqualTo(LeadScored.Stage.UNKNOWN);
	}

	/**
	 * Not a check: writes this release's events, one file a topic, for the next release
	 * to read; runs only when asked ({@code -Dhandoff.events.record=<folder>}).
	 */
	@Test
	@EnabledIfSystemProperty(named = "handoff.events.record", matches = ".+")
	void recordsThisReleasesEvents() throws IOException {
		Path into = Files.createDirectories(Path.of(System.getProperty("handoff.events.record")));
		for (Object event : LeadEventsRoundTripTests.oneOfEveryEvent().toList()) {
			Topic<Object> topic = LeadEventsRoundTripTests.topicOf(event);
			Files.write(into.resolve(topic.name() + ".json"),
					LeadEventsJson.mapper()
						.writerWithDefaultPrettyPrinter()
						.writeValueAsBytes(LeadEventsJson.mapper().readTree(write(topic, event))));
		}
		assertThat(topicsWithEvents())
			.allSatisfy((topic) -> assertThat(into.resolve(topic.name() + ".json")).isNotEmptyFile());
	}

	private static byte[] previous(Topic<?> topic) throws IOException {
		try (InputStream in = PreviousReleaseTests.class
			.getResourceAsStream("/" + RELEASE + "/" + topic.name() + ".json")) {
			assertThat(in).as("the %s event of %s", topic.name(), RELEASE).isNotNull();
			return in.readAllBytes();
		}
	}

	@SuppressWarnings("unchecked")
	private static Object read(Topic<?> topic, byte[] bytes) {
		try (Serde<Object> serde = (Serde<Object>) topic.valueSerde()) {
			return serde.deserializer().deserialize(topic.name(), bytes);
		}
	}

	@SuppressWarnings("unchecked")
	private static byte[] write(Topic<?> topic, Object event) {
		try (Serde<Object> serde = (Serde<Object>) topic.valueSerde()) {
			return serde.serializer().serialize(topic.name(), event);
		}
	}

	/**
	 * Every field of {@code before} is in {@code after} with the same value;
	 * {@code after} may have more.
	 */
	private static void assertKept(JsonNode before, JsonNode after, String path) {
		if (before.isObject()) {
			assertThat(after.isObject()).as(path).isTrue();
			for (Iterator<Map.Entry<String, JsonNode>> fields = before.properties().iterator(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				assertThat(after.has(field.getKey())).as("%s.%s", path, field.getKey()).isTrue();
				assertKept(field.getValue(), after.get(field.getKey()), path + "." + field.getKey());
			}
		}
		else if (before.isArray()) {
			assertThat(after.size()).as(path).isEqualTo(before.size());
			for (int i = 0; i < before.size(); i++) {
				assertKept(before.get(i), after.get(i), path + "[" + i + "]");
			}
		}
		else {
			assertThat(after).as(path).isEqualTo(before);
		}
	}

}
