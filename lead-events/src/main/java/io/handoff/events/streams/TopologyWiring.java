package io.handoff.events.streams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.handoff.events.AgreementSerde;
import io.handoff.events.Topic;
import io.handoff.events.Topics;

/**
 * What a Streams service's function reads and writes, from the topic registry: its events
 * (every input keyed by lead id, read as any event), the agreements as a global table
 * materialized as {@link AgreementSerde#STORE}, and the topic its result goes to. The
 * service's bindings in its yml must say the same ({@link #bindings()}: a test in each
 * service holds them against it), and its topology tests read these inputs, so no
 * topology test stays green while production stops reading a topic.
 *
 * @param function the function bean the binder binds
 * @param inputs the topics of its first input
 * @param output the topic of its output
 * @param <V> what the output carries
 */
public record TopologyWiring<V>(String function, List<Topic<?>> inputs, Topic<V> output) {

	public TopologyWiring {
		inputs = List.copyOf(inputs);
	}

	/** The input topics' names. */
	public List<String> inputNames() {
		return this.inputs.stream().map(Topic::name).toList();
	}

	/**
	 * The Spring Cloud Stream properties this wiring stands for, as the service's yml
	 * sets them.
	 */
	public Map<String, String> bindings() {
		Map<String, String> bindings = new LinkedHashMap<>();
		String binding = "spring.cloud.stream.bindings." + this.function;
		bindings.put(binding + "-in-0.destination", String.join(",", inputNames()));
		bindings.put(binding + "-in-1.destination", Topics.AGREEMENTS.name());
		bindings.put(binding + "-out-0.destination", this.output.name());
		bindings.put("spring.cloud.stream.kafka.streams.bindings." + this.function + "-in-1.consumer.materialized-as",
				AgreementSerde.STORE);
		return bindings;
	}

}
