package io.handoff.test;

import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;

/**
 * The configuration of a {@code TopologyTestDriver}: state under {@code target/}, never
 * in the system temp folder.
 */
public final class TopologyTests {

	private TopologyTests() {
	}

	public static Properties config(String applicationId) {
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		config.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "kafka-streams").toAbsolutePath().toString());
		return config;
	}

}
