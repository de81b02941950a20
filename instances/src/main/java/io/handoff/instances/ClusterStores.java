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
import java.util.stream.IntStream;

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
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

import io.handoff.access.HandoffSecurity;
import io.handoff.access.InstanceTokens;
import io.handoff.events.LeadEventsJson;

/**
 * The state stores of this service's Kafka Streams application, read as one however many
 * instances share it. Each partition of a store is read where Kafka Streams placed it
 * (its active instance, found from the metadata every instance has through
 * {@code application.server}); when that instance does not answer (killed, and the group
 * has not noticed yet), from a standby copy; a partition whose owner cannot be reached is
 * named, never silently left out, and one being restored makes the read 503. Reads
 * between instances go to {@code /internal/v1/stores} with an {@link InstanceTokens
 * instance token}.
 */
public final class ClusterStores {

	private static final Logger log = LoggerFactory.getLogger(ClusterStores.class);

	private final KafkaStreamsRegistry registry;

	private final InteractiveQueryService queries;

	private final InstanceTokens tokens;

	private final RestClient instances;

	private final Map<String, ClusterStore<?>> known = new ConcurrentHashMap<>();

	private final Map<String, StoreFigure<?, ?>> figures = new ConcurrentHashMap<>();

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

	/**
	 * The store {@code name}, whose values are {@code type}s, read across every instance.
	 */
	@SuppressWarnings("unchecked")
	public <V> ClusterStore<V> store(String name, Class<V> type) {
		return (ClusterStore<V>) this.known.computeIfAbsent(name, (store) -> new ClusterStore<>(this, store, type));
	}

	@Nullable ClusterStore<?> known(String name) {
		return this.known.get(name);
	}

	/**
	 * The partition of {@code store} that holds what is keyed (or partitioned) by
	 * {@code partitionKey}.
	 */
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
	 * What {@code partitions} of {@code store} hold: the value of {@code key}, or every
	 * value when it is null. Asks each partition's active instance, then its standbys;
	 * what none answered for is in {@link Read#missing()}.
	 */
	<V> Read<ClusterStore.Entry<V>> read(String store, Class<V> type, Collection<Integer> partitions,
			@Nullable String key) {
		TypeFactory types = LeadEventsJson.mapper().getTypeFactory();
		JavaType listOfValues = types.constructCollectionType(List.class,
				types.constructParametricType(ClusterStore.Entry.class, type));
		return gather(store, partitions, (host, owned, stale) -> {
			if (host == null) {
				return local(store, type, owned, key, stale);
			}
			Map<String, Object> variables = uriVariables(host, store, owned, stale);
			String query = "";
			if (key != null) {
				variables.put("key", key);
				query = "&key={key}";
			}
			return fetch(host, "v1/stores/{store}/values?partitions={partitions}&stale={stale}" + query, variables,
					listOfValues);
		});
	}

	/**
	 * {@code figure} over every value of its store, however many instances share it: each
	 * partition's owner computes its share from the values it holds, and only the shares
	 * travel, merged here. A partition whose owner cannot be reached, with no standby
	 * that answers, is left out and named in the {@value ClusterStore#INCOMPLETE_HEADER}
	 * header of the response being written; one being restored or moved makes the figure
	 * fail as not ready (503).
	 */
	public <V, P> P figure(StoreFigure<V, P> figure, Map<String, String> parameters) {
		if (this.figures.get(figure.name()) != figure) {
			throw new IllegalStateException("Figure " + figure.name() + " is not registered: register it at start, so "
					+ "that every instance can compute its share");
		}
		Read<P> shares = shares(figure, parameters);
		ClusterStore.nameMissing(shares.missing());
		return shares.entries().stream().reduce(figure::merge).orElseGet(() -> figure.partial(List.of(), parameters));
	}

	/**
	 * {@code figure} over every partition of its store under {@code parameters}: each
	 * partition's owner (or, when it does not answer, a standby) computes its share, and
	 * the shares are merged here; what no instance answered for is in
	 * {@link Read#missing()}.
	 */
	<V, P> Read<P> shares(StoreFigure<V, P> figure, Map<String, String> parameters) {
		JavaType listOfPartials = LeadEventsJson.mapper()
			.getTypeFactory()
			.constructCollectionType(List.class, figure.shareType());
		List<Integer> every = IntStream.range(0, partitionCount(figure.store())).boxed().toList();
		return gather(figure.store(), every, (host, owned, stale) -> {
			if (host == null) {
				return List.of(partialHere(figure, owned, stale, parameters));
			}
			Map<String, Object> variables = uriVariables(host, figure.store(), owned, stale);
			variables.put("figure", figure.name());
			StringBuilder query = new StringBuilder();
			parameters.forEach((name, value) -> {
				variables.put("p-" + name, value);
				query.append("&p.").append(name).append("={p-").append(name).append('}');
			});
			return fetch(host, "v1/stores/{store}/figures/{figure}?partitions={partitions}&stale={stale}" + query,
					variables, listOfPartials);
		});
	}

	/**
	 * Makes {@code figure} known here, so other instances may ask for this one's share;
	 * every instance registers the same figures when it starts.
	 */
	public <V, P> StoreFigure<V, P> register(StoreFigure<V, P> figure) {
		StoreFigure<?, ?> known = this.figures.putIfAbsent(figure.name(), figure);
		if (known != null && known != figure) {
			throw new IllegalStateException("Two figures are called " + figure.name());
		}
		store(figure.store(), figure.valueType());
		return figure;
	}

	/** {@code figure}'s share of {@code partitions} as this instance holds them. */
	<V, P> P partialHere(StoreFigure<V, P> figure, Collection<Integer> partitions, boolean stale,
			Map<String, String> parameters) {
		List<V> values = local(figure.store(), figure.valueType(), partitions, null, stale).stream()
			.map(ClusterStore.Entry::value)
			.toList();
		return figure.partial(values, parameters);
	}

	@Nullable StoreFigure<?, ?> knownFigure(String name) {
		return this.figures.get(name);
	}

	/**
	 * How one read is answered: by this instance ({@code host} null) or by {@code host},
	 * for its partitions.
	 */
	private interface Fetch<T> {

		List<T> from(@Nullable HostInfo host, List<Integer> partitions, boolean stale);

	}

	/**
	 * Asks each of {@code partitions}' active instance, then its standbys, through
	 * {@code fetch}; what none answered for is named in {@link Read#missing()}, and a
	 * partition whose owner answered but not with it (restoring, moving, refusing) makes
	 * the read fail as not ready.
	 */
	private <T> Read<T> gather(String store, Collection<Integer> partitions, Fetch<T> fetch) {
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
		List<T> answers = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		byOwner.forEach((host, owned) -> {
			try {
				answers.addAll(fetch.from(host.equals(self) ? null : host, owned, false));
			}
			catch (InvalidStateStoreException | RestClientException ex) {
				for (int partition : owned) {
					if (!fromStandby(owners.get(partition), self, store, partition, fetch, answers)) {
						if (ex instanceof HttpStatusCodeException refused && refused.getStatusCode().value() != 503) {
							// Not a restore: a secret that differs, clocks too far apart,
							// an instance of another version. Said loudly.
							log.error(
									"{} refused the read of partition {} of {} with {}: check handoff.instance-secret "
											+ "and the instances' clocks",
									host, partition, store, refused.getStatusCode());
						}
						if (!(ex instanceof ResourceAccessException)) {
							// Its owner answered, but not with the partition (restoring
							// or moving it, or refusing as logged): 503, not an answer
							// that looks whole or merely partial.
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
		return new Read<>(answers, missing);
	}

	/** Reads a partition from one of its standby copies; whether one answered. */
	private <T> boolean fromStandby(KeyQueryMetadata owner, HostInfo self, String store, int partition, Fetch<T> fetch,
			List<T> answers) {
		for (HostInfo standby : owner.standbyHosts()) {
			try {
				answers.addAll(fetch.from(standby.equals(self) ? null : standby, List.of(partition), true));
				return true;
			}
			catch (InvalidStateStoreException | RestClientException ex) {
				log.debug("Standby {} could not answer for partition {} of {}", standby, partition, store, ex);
			}
		}
		return false;
	}

	private <T> List<T> fetch(HostInfo host, String path, Map<String, Object> variables, JavaType listOf) {
		byte[] body = this.instances.get()
			.uri("http://{host}:{port}" + HandoffSecurity.INTERNAL + path, variables)
			.header(InstanceTokens.HEADER, this.tokens.issue())
			.retrieve()
			.body(byte[].class);
		try {
			return (body != null) ? LeadEventsJson.mapper().readValue(body, listOf) : List.of();
		}
		catch (RuntimeException ex) {
			throw new RestClientException("unreadable answer from " + host + ": " + ex.getMessage(), ex);
		}
	}

	private static Map<String, Object> uriVariables(HostInfo host, String store, List<Integer> partitions,
			boolean stale) {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("host", host.host());
		variables.put("port", host.port());
		variables.put("store", store);
		variables.put("partitions", partitions.stream().map(String::valueOf).collect(Collectors.joining(",")));
		variables.put("stale", stale);
		return variables;
	}

	/**
	 * What this instance holds of {@code partitions}: active copies, or standby copies
	 * too when {@code stale}.
	 */
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

	private static KeyQueryMetadata available(String store, @Nullable KeyQueryMetadata owner) {
		if (owner == null) {
			throw new IllegalArgumentException("No state store " + store + " in this service's topology");
		}
		if (owner == KeyQueryMetadata.NOT_AVAILABLE || owner.activeHost().port() < 0) {
			throw new InvalidStateStoreException(
					"The owner of " + store + " is not known yet: the instances are " + "starting or rebalancing");
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
	 * @param entries what the instances answered (keys and values, or a figure's shares),
	 * in no particular order
	 * @param missing each partition no instance answered for, and why
	 */
	record Read<T>(List<T> entries, List<String> missing) {
	}

}
