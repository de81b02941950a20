package io.handoff.instances;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.springframework.cloud.stream.binder.kafka.streams.KafkaStreamsRegistry;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

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

	private final LocalStores local;

	private final OwnerReads reads;

	private final Map<String, ClusterStore<?>> known = new ConcurrentHashMap<>();

	private final Map<String, StoreFigure<?, ?>> figures = new ConcurrentHashMap<>();

	ClusterStores(KafkaStreamsRegistry registry, InteractiveQueryService queries, InstanceTokens tokens,
			Duration readTimeout) {
		this.local = new LocalStores(registry);
		this.reads = new OwnerReads(queries, tokens, readTimeout, this.local);
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
		return OwnerReads.available(store, owner).partition();
	}

	/** How many partitions {@code store} has. */
	int partitionCount(String store) {
		AtomicInteger count = new AtomicInteger();
		OwnerReads.available(store, streams().queryMetadataForKey(store, "", (topic, key, value, partitions) -> {
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
		return this.reads.gather(store, partitions, (host, owned, stale) -> {
			if (host == null) {
				return local(store, type, owned, key, stale);
			}
			Map<String, Object> variables = OwnerReads.uriVariables(host, store, owned, stale);
			String query = "";
			if (key != null) {
				variables.put("key", key);
				query = "&key={key}";
			}
			return this.reads.fetch(host, "v1/stores/{store}/values?partitions={partitions}&stale={stale}" + query,
					variables, listOfValues);
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
		return this.reads.gather(figure.store(), every, (host, owned, stale) -> {
			if (host == null) {
				return List.of(partialHere(figure, owned, stale, parameters));
			}
			Map<String, Object> variables = OwnerReads.uriVariables(host, figure.store(), owned, stale);
			variables.put("figure", figure.name());
			StringBuilder query = new StringBuilder();
			parameters.forEach((name, value) -> {
				variables.put("p-" + name, value);
				query.append("&p.").append(name).append("={p-").append(name).append('}');
			});
			return this.reads.fetch(host,
					"v1/stores/{store}/figures/{figure}?partitions={partitions}&stale={stale}" + query, variables,
					listOfPartials);
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

	<V> List<ClusterStore.Entry<V>> local(String store, Class<V> type, Collection<Integer> partitions,
			@Nullable String key, boolean stale) {
		return this.local.values(store, type, partitions, key, stale);
	}

	<V> List<V> activeHere(String store, Class<V> type) {
		return this.local.activeHere(store, type);
	}

	private KafkaStreams streams() {
		return this.local.streams();
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
