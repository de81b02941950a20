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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

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

	/**
	 * The enum fields of events, each read by services other than its writer; a newer
	 * release may add values to any of them while older instances still run.
	 */
	static Stream<Arguments> enumFields() {
		return Stream.of(arguments(Topics.LEADS_SCORED, "stage"), arguments(Topics.LEADS_ASSIGNED, "method"),
				arguments(Topics.LEADS_OUTCOMES, "outcome"), arguments(Topics.SALES_ACTIVITIES, "type"),
				arguments(Topics.SLA_EVENTS, "type"), arguments(Topics.SLA_EVENTS, "clock"),
				arguments(Topics.SLA_NOTIFICATIONS, "channel"), arguments(Topics.ARBITRATION_RULINGS, "decision"),
				arguments(Topics.ARBITRATION_SUBMISSIONS, "decision"));
	}

	@ParameterizedTest(name = "{0}.{1}")
	@MethodSource("enumFields")
	void aValueOfANewerReleaseIsReadAsUnknownNotRefused(Topic<?> topic, String field) throws IOException {
		ObjectNode newer = (ObjectNode) LeadEventsJson.mapper().readTree(previous(topic));
		assertThat(newer.get(field).isString()).as(field).isTrue();
		newer.put(field, "A_VALUE_OF_A_NEWER_RELEASE");

		Object read = read(topic, LeadEventsJson.mapper().writeValueAsBytes(newer));

		assertThat(LeadEventsJson.mapper().readTree(write(topic, read)).get(field).asString()).isEqualTo("UNKNOWN");
	}

	@Test
	void theValueUnknownValuesReadAsIsNotOneAWriterMayWrite() {
		assertThat(LeadEventsJson.writable(Ruling.Decision.class)).containsExactly(Ruling.Decision.RETURN_TO_MARKETING,
				Ruling.Decision.FOLLOW_UP_REQUIRED, Ruling.Decision.REASSIGN);
		assertThat(LeadEventsJson.writable(SalesActivity.Type.class)).doesNotContain(SalesActivity.Type.UNKNOWN)
			.hasSize(SalesActivity.Type.values().length - 1);
		assertThat(LeadEventsJson.writable(LeadAgreement.Party.class)).containsExactly(LeadAgreement.Party.values());
	}

	/**
	 * An agreement is a document every service applies, not a fact: a rule this release
	 * cannot evaluate is refused (to the dead letters), not read as something else.
	 */
	@Test
	void anAgreementWithAnOperatorThisReleaseDoesNotKnowIsRefused() throws IOException {
		String json = new String(previous(Topics.AGREEMENTS), StandardCharsets.UTF_8);
		assertThat(json).contains("\"operator\" : \"IN\"");

		assertThatThrownBy(() -> read(Topics.AGREEMENTS,
				json.replace("\"operator\" : \"IN\"", "\"operator\" : \"A_NEWER_OPERATOR\"")
					.getBytes(StandardCharsets.UTF_8)))
			.rootCause()
			.hasMessageContaining("A_NEWER_OPERATOR");
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
