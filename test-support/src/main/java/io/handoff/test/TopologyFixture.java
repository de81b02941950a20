package io.handoff.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.handoff.events.AgreementSerde;
import io.handoff.events.AnyEventSerde;
import io.handoff.events.LeadAgreement;
import io.handoff.events.Topic;
import io.handoff.events.Topics;
import io.handoff.events.streams.TopologyWiring;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.assertj.core.api.Assertions;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * A service's topology under a {@code TopologyTestDriver}, built as the service builds
 * it: the agreements' global table, one stream of every input topic read as any event,
 * and the topology's result written to its output topic.
 */
public final class TopologyFixture implements AutoCloseable {

	private final TopologyTestDriver driver;

	private TopologyFixture(TopologyTestDriver driver) {
		this.driver = driver;
	}

	/**
	 * Starts the topology with the driver's wall clock at {@code at}.
	 * @param applicationId the Streams application id, which also names the state folder
	 * under {@code target/}
	 * @param at where the driver's wall clock starts
	 * @param inputs the names of the topics the topology reads
	 * @param topology the service's topology on the stream of its inputs
	 * @param output where the topology's result is written
	 */
	public static <V> TopologyFixture start(String applicationId, Instant at, List<String> inputs,
			Function<KStream<String, Object>, KStream<String, V>> topology, Topic<V> output) {
		StreamsBuilder builder = new StreamsBuilder();
		AgreementSerde.globalTable(builder);
		topology.apply(builder.stream(inputs, Consumed.with(Serdes.String(), new AnyEventSerde())))
			.to(output.name(), Produced.with(Serdes.String(), output.valueSerde()));
		return new TopologyFixture(new TopologyTestDriver(builder.build(), TopologyTests.config(applicationId), at));
	}

	/**
	 * Starts the topology of {@code wiring} with the driver's wall clock at {@code at}:
	 * its inputs and output are the ones the service's bindings name.
	 * @param applicationId the Streams application id, which also names the state folder
	 * under {@code target/}
	 */
	public static <V> TopologyFixture start(String applicationId, Instant at, TopologyWiring<V> wiring,
			Function<KStream<String, Object>, KStream<String, V>> topology) {
		return start(applicationId, at, wiring.inputNames(), topology, wiring.output());
	}

	/**
	 * Checks that the bindings of the service's configuration {@code yml} (on the class
	 * path) read and write what {@code wiring} says, and materialize the agreements where
	 * the topology reads them.
	 */
	public static void assertBound(TopologyWiring<?> wiring, String yml) {
		List<PropertySource<?>> sources;
		try {
			sources = new YamlPropertySourceLoader().load(yml, new ClassPathResource(yml));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + yml, ex);
		}
		Assertions.assertThat(sources).as("the documents of %s", yml).isNotEmpty();
		wiring.bindings()
			.forEach((name, value) -> Assertions
				.assertThat(
						sources.stream().map((source) -> source.getProperty(name)).filter(Objects::nonNull).findFirst())
				.as("%s in %s", name, yml)
				.hasValue(value));
	}

	public TopologyTestDriver driver() {
		return this.driver;
	}

	/** An input topic that takes any event, as the services' streams read them. */
	public TestInputTopic<String, Object> input(Topic<?> topic) {
		return this.driver.createInputTopic(topic.name(), Serdes.String().serializer(),
				new AnyEventSerde().serializer());
	}

	/** The agreements topic. */
	public TestInputTopic<String, LeadAgreement> agreements() {
		return this.driver.createInputTopic(Topics.AGREEMENTS.name(), Serdes.String().serializer(),
				Topics.AGREEMENTS.valueSerde().serializer());
	}

	/** Puts the agreement in force, as the agreement studio's activation does. */
	public void agreementInForce(LeadAgreement agreement) {
		agreements().pipeInput(LeadAgreement.ACTIVE_KEY, agreement);
	}

	public <V> TestOutputTopic<String, V> output(Topic<V> topic) {
		return this.driver.createOutputTopic(topic.name(), Serdes.String().deserializer(),
				topic.valueSerde().deserializer());
	}

	@Override
	public void close() {
		this.driver.close();
	}

}
