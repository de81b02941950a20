package io.handoff.events;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerde;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How events are written as JSON: ISO-8601 instants, unknown fields ignored so readers
 * survive new fields, a value of an enum that a newer release added read as the enum's
 * {@link JsonEnumDefaultValue} ({@code UNKNOWN}), and no Java type headers, so any
 * language can read the topics.
 */
public final class LeadEventsJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
		.build();

	private LeadEventsJson() {
	}

	/** The mapper every serde uses. */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * The values of {@code type} a writer may write: all but the one that values from a
	 * newer release read as ({@code UNKNOWN}, marked {@link JsonEnumDefaultValue}). An
	 * API that takes one of them refuses that one.
	 */
	@SuppressWarnings("unchecked")
	public static <E extends Enum<E>> List<E> writable(Class<E> type) {
		return (List<E>) WRITABLE.get(type);
	}

	/** Each enum's writable values, found once (an API asks on every request). */
	private static final ClassValue<List<?>> WRITABLE = new ClassValue<>() {

		@Override
		protected List<?> computeValue(Class<?> type) {
			return Arrays.stream(type.getEnumConstants())
				.filter((value) -> !readsUnknown(type, (Enum<?>) value))
				.toList();
		}

	};

	private static boolean readsUnknown(Class<?> type, Enum<?> value) {
		try {
			return type.getField(value.name()).isAnnotationPresent(JsonEnumDefaultValue.class);
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The largest value written to a topic or store: below the 1 MiB a broker and a
	 * producer take by default, with room for the key, the headers and the batch. A
	 * larger one fails as it is serialized, before the producer sees it: the record it
	 * came from goes to its dead letters, and the exactly-once transaction stays good (a
	 * record the producer itself refuses leaves the transaction unable to commit).
	 */
	public static final int MAX_RECORD_BYTES = 1_000_000;

	/**
	 * A serde for one event type that neither writes nor trusts type headers, and writes
	 * at most 1 MB.
	 */
	public static <V> Serde<V> serde(Class<V> type) {
		JacksonJsonSerde<V> serde = new JacksonJsonSerde<>(type, MAPPER);
		serde.noTypeInfo().ignoreTypeHeaders();
		return bounded(serde);
	}

	/** {@code serde}, refusing to write a value over {@link #MAX_RECORD_BYTES}. */
	public static <V> Serde<V> bounded(Serde<V> serde) {
		Serializer<V> inner = serde.serializer();
		Serializer<V> bounded = new Serializer<>() {

			@Override
			public byte[] serialize(String topic, V data) {
				return checked(topic, data, inner.serialize(topic, data));
			}

			@Override
			public byte[] serialize(String topic, Headers headers, V data) {
				return checked(topic, data, inner.serialize(topic, headers, data));
			}

			@Override
			public void close() {
				inner.close();
			}

		};
		return Serdes.serdeFrom(bounded, serde.deserializer());
	}

	private static byte[] checked(String topic, Object data, byte[] bytes) {
		if (bytes != null && bytes.length > MAX_RECORD_BYTES) {
			throw new SerializationException("A " + data.getClass().getSimpleName() + " of " + bytes.length
					+ " bytes for " + topic + " is over the limit of " + MAX_RECORD_BYTES + " bytes");
		}
		return bytes;
	}

}
