package io.handoff.events.backup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * What a backup asks of the cluster's admin: which of its topics exist and how they are
 * cleaned up, and the missing ones created; every answer waited for, and a refusal or a
 * time-out said plainly.
 */
final class BackupAdmin {

	private BackupAdmin() {
	}

	static Map<String, TopicDescription> describe(Admin admin, Set<String> names) {
		Set<String> existing = get(admin.listTopics().names());
		Set<String> wanted = names.stream().filter(existing::contains).collect(Collectors.toSet());
		return wanted.isEmpty() ? Map.of() : get(admin.describeTopics(wanted).allTopicNames());
	}

	/**
	 * Whether a topic of {@code cleanupPolicy} keeps each key's latest value for good
	 * ("compact,delete" does not).
	 */
	static boolean compactedOnly(String cleanupPolicy) {
		return Arrays.stream(cleanupPolicy.split(","))
			.map(String::trim)
			.collect(Collectors.toSet())
			.equals(Set.of(TopicConfig.CLEANUP_POLICY_COMPACT));
	}

	static Map<String, String> cleanupPolicies(Admin admin, Set<String> topics) {
		if (topics.isEmpty()) {
			return Map.of();
		}
		List<ConfigResource> resources = topics.stream()
			.map((topic) -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
			.toList();
		Map<String, String> policies = new HashMap<>();
		get(admin.describeConfigs(resources).all()).forEach((resource, config) -> {
			ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
			policies.put(resource.name(), (policy != null) ? policy.value() : "");
		});
		return policies;
	}

	static void create(Admin admin, List<NewTopic> topics) {
		if (topics.isEmpty()) {
			return;
		}
		try {
			admin.createTopics(topics).all().get();
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException("Could not create " + topics.stream().map(NewTopic::name).toList()
						+ ": " + ex.getCause().getMessage(), ex.getCause());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating the topics", ex);
		}
	}

	static <T> T get(KafkaFuture<T> future) {
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof TimeoutException) {
				throw new IllegalStateException(
						"Kafka did not answer within " + Backup.TIMEOUT.toSeconds() + " s (is the "
								+ "--bootstrap-server right, and the cluster up?): " + ex.getCause().getMessage(),
						ex.getCause());
			}
			throw new IllegalStateException("Kafka refused: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
