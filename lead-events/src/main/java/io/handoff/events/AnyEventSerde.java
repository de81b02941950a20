package io.handoff.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Reads and writes the event of whichever Handoff topic a record belongs to, chosen by
 * the topic's name: for a stream that reads several topics as one (a lead's whole
 * history, say). Each topic's serde is built once, on its first record, not per record.
 */
public final class AnyEventSerde implements Serde<Object> {

	private final Map<String, Serde<Object>> serdes = new ConcurrentHashMap<>();

	@Override
	public Serializer<Object> serializer() {
		return (topic, event) -> (event != null) ? serde(topic).serializer().serialize(topic, event) : null;
	}

	@Override
	public Deserializer<Object> deserializer() {
		return (topic, data) -> (data != null) ? serde(topic).deserializer().deserialize(topic, data) : null;
	}

	private Serde<Object> serde(String topic) {
		return this.serdes.computeIfAbsent(topic,
				(name) -> Topics.named(name).orElseThrow(() -> unknown(name)).untypedSerde());
	}

	private static IllegalArgumentException unknown(String topic) {
		return new IllegalArgumentException("'" + topic + "' is not a Handoff topic; its records cannot be read");
	}

}
