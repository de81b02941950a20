package io.handoff.test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import io.handoff.events.Topic;

/**
 * How many records a topic holds: the sum of its partitions' end offsets. Lets a test
 * show that nothing was written.
 */
public final class TopicOffsets {

	private TopicOffsets() {
	}

	public static long endOffsetSum(Topic<?> topic) {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (int partition = 0; partition < topic.partitions(); partition++) {
				latest.put(new TopicPartition(topic.name(), partition), OffsetSpec.latest());
			}
			return admin.listOffsets(latest).all().get().values().stream().mapToLong((info) -> info.offset()).sum();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read the end offsets of " + topic.name(), ex);
		}
	}

	/** The end offsets of several topics, summed. */
	public static long endOffsetSum(List<Topic<?>> topics) {
		return topics.stream().mapToLong(TopicOffsets::endOffsetSum).sum();
	}

}
