package io.handoff.events;

import org.springframework.kafka.support.serializer.JacksonJsonSerde;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How events are written as JSON: ISO-8601 instants, unknown fields ignored so readers survive new fields, and no
 * Java type headers, so any language can read the topics.
 */
public final class LeadEventsJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private LeadEventsJson() {
	}

	/** The mapper every serde uses. */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/** A serde for one event type that neither writes nor trusts type headers. */
	public static <V> JacksonJsonSerde<V> serde(Class<V> type) {
		JacksonJsonSerde<V> serde = new JacksonJsonSerde<>(type, MAPPER);
		serde.noTypeInfo().ignoreTypeHeaders();
		return serde;
	}

}
