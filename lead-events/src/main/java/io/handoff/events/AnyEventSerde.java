package io.handoff.events;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Reads and writes the event of whichever Handoff topic a record belongs to, chosen by the topic's name: for a
 * stream that reads several topics as one (a lead's whole history, say).
 */
public final class AnyEventSerde implements Serde<Object> {

	@Override
	public Serializer<Object> serializer() {
		return (topic, event) -> (event != null) ? Topics.named(topic).orElseThrow(() -> unknown(topic))
			.untypedSerde()
			.serializer()
			.serialize(topic, event) : null;
	}

	@Override
	public Deserializer<Object> deserializer() {
		return (topic, data) -> (data != null) ? Topics.named(topic).orElseThrow(() -> unknown(topic))
			.untypedSerde()
			.deserializer()
			.deserialize(topic, data) : null;
	}

	private static IllegalArgumentException unknown(String topic) {
		return new IllegalArgumentException("'" + topic + "' is not a Handoff topic; its records cannot be read");
	}

}
