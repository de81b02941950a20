package io.handoff.instances;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.binder.kafka.streams.KafkaStreamsRegistry;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * This instance's copies of a service's stores, as Kafka Streams holds them: the active
 * ones, or standby copies too when a stale read is allowed.
 */
final class LocalStores {

	private final KafkaStreamsRegistry registry;

	LocalStores(KafkaStreamsRegistry registry) {
		this.registry = registry;
	}

	/**
	 * What this instance holds of {@code partitions}: active copies, or standby copies
	 * too when {@code stale}.
	 */
	@SuppressWarnings("unchecked")
	<V> List<ClusterStore.Entry<V>> values(String store, Class<V> type, Collection<Integer> partitions,
			@Nullable String key, boolean stale) {
		List<ClusterStore.Entry<V>> values = new ArrayList<>();
		for (int partition : new TreeSet<>(partitions)) {
			StoreQueryParameters<ReadOnlyKeyValueStore<String, Object>> parameters = StoreQueryParameters
				.fromNameAndType(store, QueryableStoreTypes.<String, Object>keyValueStore())
				.withPartition(partition);
			ReadOnlyKeyValueStore<String, Object> copy = streams()
				.store(stale ? parameters.enableStaleStores() : parameters);
			if (key != null) {
				Object value = copy.get(key);
				if (value != null) {
					values.add(new ClusterStore.Entry<>(key, (V) value));
				}
			}
			else {
				try (KeyValueIterator<String, Object> all = copy.all()) {
					all.forEachRemaining((entry) -> values.add(new ClusterStore.Entry<>(entry.key, (V) entry.value)));
				}
			}
		}
		return values;
	}

	/**
	 * The values of every partition of {@code store} whose active copy is on this
	 * instance: none while it runs no active task of the store (standbys only, or warming
	 * up).
	 */
	@SuppressWarnings("unchecked")
	<V> List<V> activeHere(String store, Class<V> type) {
		List<V> values = new ArrayList<>();
		KafkaStreams streams = streams();
		boolean activeHere = streams.metadataForLocalThreads()
			.stream()
			.flatMap((thread) -> thread.activeTasks().stream())
			.anyMatch((task) -> !task.topicPartitions().isEmpty());
		if (streams.state() == KafkaStreams.State.RUNNING && !activeHere) {
			return values;
		}
		ReadOnlyKeyValueStore<String, Object> active = streams
			.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, Object>keyValueStore()));
		try (KeyValueIterator<String, Object> all = active.all()) {
			all.forEachRemaining((entry) -> values.add((V) entry.value));
		}
		return values;
	}

	KafkaStreams streams() {
		List<StreamsBuilderFactoryBean> factories = this.registry.streamsBuilderFactoryBeans();
		KafkaStreams streams = factories.isEmpty() ? null : factories.get(0).getKafkaStreams();
		if (streams == null) {
			throw new InvalidStateStoreException("Kafka Streams has not started yet");
		}
		return streams;
	}

}
