package io.handoff.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.Uuid;

import io.handoff.test.ChildJvm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A single KRaft node in a process of its own, as the end-to-end suites run it:
 * configured, formatted, not started.
 */
final class KraftBroker {

	private KraftBroker() {
	}

	/**
	 * A broker in {@code dir} taking clients on {@code port}, its storage formatted.
	 * @param listeners its listener settings ({@code listeners=...},
	 * {@code advertised.listeners=...}, protocols)
	 * @param format more arguments of Kafka's storage format (SCRAM users to make, say)
	 */
	static ChildJvm formatted(Path home, Path dir, int port, List<String> listeners, String... format)
			throws IOException, InterruptedException {
		Files.createDirectories(dir);
		Path properties = dir.resolve("server.properties");
		List<String> lines = new ArrayList<>(List.of("process.roles=broker,controller", "node.id=1",
				"controller.listener.names=CONTROLLER", "log.dirs=" + dir.resolve("logs"), "num.partitions=12",
				"offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
				"transaction.state.log.min.isr=1", "group.initial.rebalance.delay.ms=0"));
		lines.addAll(listeners);
		lines.add("");
		Files.writeString(properties, String.join("\n", lines));
		List<String> arguments = new ArrayList<>(
				List.of("format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString()));
		arguments.addAll(List.of(format));
		assertThat(ChildJvm.run(dir.resolve("format.log"), Duration.ofSeconds(60), "kafka.tools.StorageTool",
				arguments.toArray(String[]::new)))
			.as("kafka storage format, see " + dir.resolve("format.log"))
			.isTrue();
		return ChildJvm.broker("broker", home, port, properties);
	}

}
