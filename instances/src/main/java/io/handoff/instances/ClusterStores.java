package io.handoff.instances;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.springframework.cloud.stream.binder.kafka.streams.KafkaStreamsRegistry;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

import io.handoff.access.HandoffSecurity;
import io.handoff.access.InstanceTokens;
import io.handoff.events.LeadEventsJson;

/**
 * The state stores of this service's Kafka Streams application, read as one however many instances share it. Each
 * partition of a store is read where Kafka Streams placed it (its active instance, found from the metadata every
 * instance has through {@code application.server}); when that instance does not answer (killed, and the group has not
 * noticed yet), from a standby copy; a partition whose owner cannot be reached is named, never silently left out,
 * and one being restored makes the read 503. Reads
 * between instances go to {@code /internal/v1/stores} with an {@link InstanceTokens instance token}.
 */
public final class ClusterStores {

	private static final Logger log = LoggerFactory.getLogger(ClusterStores.class);

	private final KafkaStreamsRegistry registry;

	private final InteractiveQueryService queries;

	private final InstanceTokens tokens;

	private final RestClient instances;

	private final Map<String, ClusterStore<?>> known = new ConcurrentHashMap<>();

	ClusterStores(KafkaStreamsRegistry registry, InteractiveQueryService queries, InstanceTokens tokens,
			Duration readTimeout) {
		this.registry = registry;
		this.queries = queries;
		this.tokens = tokens;
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build());
		requests.setReadTimeout(readTimeout);
		this.instances = RestClient.builder().requestFactory(requests).build();
	}

	/** The store {@code name}, whose values are {@code type}s, read across every instance. */
	@SuppressWarnings("unchecked")
	public <V> ClusterStore<V> store(String name, Class<V> type) {
		return (ClusterStore<V>) this.known.computeIfAbsent(name, (store) -> new ClusterStore<>(this, store, type));
	}

	@Nullable ClusterStore<?> known(String name) {
		return this.known.get(name);
	}

	/** The partition of {@code store} that holds what is keyed (or partitioned) by {@code partitionKey}. */
	int partitionOf(String store, String partitionKey) {
		KeyQueryMetadata owner = streams().queryMetadataForKey(store, partitionKey, Serdes.String().serializer());
		return available(store, owner).partition();
	}

	/** How many partitions {@code store} has. */
	int partitionCount(String store) {
		AtomicInteger count = new AtomicInteger();
		available(store, streams().queryMetadataForKey(store, "", (topic, key, value, partitions) -> {
			count.set(partitions);
			return Optional.of(Set.of(0));
		}));
		return count.get();
	}

	/**
	 * What {@code partitions} of {@code store} hold: the value of {@code key}, or every value when it is null. Asks
	 * each partition's active instance, then its standbys; what none answered for is in {@link Read#missing()}.
	 */
	<V> Read<V> read(String store, Class<V> type, Collection<Integer> partitions, @Nullable String key) {
		KafkaStreams streams = streams();
		HostInfo self = this.queries.getCurrentHostInfo();
		Map<HostInfo, List<Integer>> byOwner = new LinkedHashMap<>();
		Map<Integer, KeyQueryMetadata> owners = new LinkedHashMap<>();
		for (int partition : partitions) {
			KeyQueryMetadata owner = available(store,
					streams.queryMetadataForKey(store, "", (topic, k, value, count) -> Optional.of(Set.of(partition))));
			owners.put(partition, owner);
			byOwner.computeIfAbsent(owner.activeHost(), (host) -> new ArrayList<>()).add(partition);
		}
		List<ClusterStore.Entry<V>> values = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		byOwner.forEach((host, owned) -> {
			try {
				values.addAll(readAt(host, self, store, type, owned, key, false));
			}
			catch (InvalidStateStoreException | RestClientException ex) {
				for (int partition : owned) {
					if (!fromStandby(owners.get(partition), self, store, type, partition, key, values)) {
						if (ex instanceof HttpStatusCodeException refused && refused.getStatusCode().value() != 503) {
							// Not a restore: a secret that differs, clocks too far apart, an instance of another
							// version. Said loudly.
							log.error("{} refused the read of partition {} of {} with {}: check handoff.instance-secret "
									+ "and the instances' clocks", host, partition, store, refused.getStatusCode());
						}
						if (!(ex instanceof ResourceAccessException)) {
							// Its owner answered, but not with the partition (restoring or moving it, or refusing as
							// logged): 503, not an answer that looks whole or merely partial.
							throw new InvalidStateStoreException("Partition " + partition + " of " + store + " is not "
									+ "ready at " + host + ": " + ex.getMessage(), ex);
						}
						missing.add("partition " + partition + " of " + store + " (" + host + " did not answer)");
					}
				}
			}
		});
		if (!missing.isEmpty()) {
			log.warn("No instance answered for {}", missing);
		}
		return new Read<>(values, missing);
	}

	/** Reads a partition from one of its standby copies; whether one answered. */
	private <V> boolean fromStandby(KeyQueryMetadata owner, HostInfo self, String store, Class<V> type, int partition,
			@Nullable String key, List<ClusterStore.Entry<V>> values) {
		for (HostInfo standby : owner.standbyHosts()) {
			try {
				values.addAll(readAt(standby, self, store, type, List.of(partition), key, true));
				return true;
			}
			catch (InvalidStateStoreException | RestClientException ex) {
				log.debug("Standby {} could not answer for partition {} of {}", standby, partition, store, ex);
			}
		}
		return false;
	}

	private <V> List<ClusterStore.Entry<V>> readAt(HostInfo host, HostInfo self, String store, Class<V> type, List<Integer> partitions,
			@Nullable String key, boolean stale) {
		if (host.equals(self)) {
			return local(store, type, partitions, key, stale);
		}
		TypeFactory types = LeadEventsJson.mapper().getTypeFactory();
		JavaType listOfValues = types.constructCollectionType(List.class,
				types.constructParametricType(ClusterStore.Entry.class, type));
		byte[] body = this.instances.get()
			.uri("http://{host}:{port}" + HandoffSecurity.INTERNAL + "v1/stores/{store}/values?partitions={partitions}"
					+ "&stale={stale}" + ((key != null) ? "&key={key}" : ""), uriVariables(host, store, partitions, stale, key))
			.header(InstanceTokens.HEADER, this.tokens.issue())
			.retrieve()
			.body(byte[].class);
		try {
			return (body != null) ? LeadEventsJson.mapper().readValue(body, listOfValues) : List.of();
		}
		catch (RuntimeException ex) {
			throw new RestClientException("unreadable answer from " + host + ": " + ex.getMessage(), ex);
		}
	}

	private static Map<String, Object> uriVariables(HostInfo host, String store, List<Integer> partitions,
			boolean stale, @Nullable String key) {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("host", host.host());
		variables.put("port", host.port());
		variables.put("store", store);
		variables.put("partitions", partitions.stream().map(String::valueOf).collect(Collectors.joining(",")));
		variables.put("stale", stale);
		if (key != null) {
			variables.put("key", key);
		}
		return variables;
	}

	/** What this instance holds of {@code partitions}: active copies, or standby copies too when {@code stale}. */
	@SuppressWarnings("unchecked")
	<V> List<ClusterStore.Entry<V>> local(String store, Class<V> type, Collection<Integer> partitions,
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

	/** The values of every partition of {@code store} whose active copy is on this instance. */
	@SuppressWarnings("unchecked")
	<V> List<V> activeHere(String store, Class<V> type) {
		List<V> values = new ArrayList<>();
		ReadOnlyKeyValueStore<String, Object> active = streams()
			.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, Object>keyValueStore()));
		try (KeyValueIterator<String, Object> all = active.all()) {
			all.forEachRemaining((entry) -> values.add((V) entry.value));
		}
		return values;
	}

	private static KeyQueryMetadata available(String store, @Nullable KeyQueryMetadata owner) {
		if (owner == null) {
			throw new IllegalArgumentException("No state store " + store + " in this service's topology");
		}
		if (owner == KeyQueryMetadata.NOT_AVAILABLE || owner.activeHost().port() < 0) {
			throw new InvalidStateStoreException("The owner of " + store + " is not known yet: the instances are "
					+ "starting or rebalancing");
		}
		return owner;
	}

	private KafkaStreams streams() {
		List<StreamsBuilderFactoryBean> factories = this.registry.streamsBuilderFactoryBeans();
		KafkaStreams streams = factories.isEmpty() ? null : factories.get(0).getKafkaStreams();
		if (streams == null) {
			throw new InvalidStateStoreException("Kafka Streams has not started yet");
		}
		return streams;
	}

	/**
	 * What a read found.
	 *
	 * @param entries the keys and values, in no particular order
	 * @param missing each partition no instance answered for, and why
	 */
	record Read<V>(List<ClusterStore.Entry<V>> entries, List<String> missing) {
	}

}
