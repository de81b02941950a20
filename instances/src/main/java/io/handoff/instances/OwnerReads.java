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
import java.util.stream.Collectors;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JavaType;

import io.handoff.access.HandoffSecurity;
import io.handoff.access.InstanceTokens;
import io.handoff.events.LeadEventsJson;

/**
 * A read of a store's partitions across the instances: each partition's active instance
 * answers (this one from its own copy, another over HTTP with this instance's token), and
 * when it cannot, one of the partition's standbys does.
 */
final class OwnerReads {

	private static final Logger log = LoggerFactory.getLogger(OwnerReads.class);

	private final InteractiveQueryService queries;

	private final InstanceTokens tokens;

	private final RestClient instances;

	private final LocalStores local;

	OwnerReads(InteractiveQueryService queries, InstanceTokens tokens, Duration readTimeout, LocalStores local) {
		this.queries = queries;
		this.tokens = tokens;
		this.local = local;
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build());
		requests.setReadTimeout(readTimeout);
		this.instances = RestClient.builder().requestFactory(requests).build();
	}

	/**
	 * How one read is answered: by this instance ({@code host} null) or by {@code host},
	 * for its partitions.
	 */
	interface Fetch<T> {

		List<T> from(@Nullable HostInfo host, List<Integer> partitions, boolean stale);

	}

	/**
	 * Asks each of {@code partitions}' active instance, then its standbys, through
	 * {@code fetch}; what none answered for is named in
	 * {@link ClusterStores.Read#missing()}, and a partition whose owner answered but not
	 * with it (restoring, moving, refusing) makes the read fail as not ready.
	 */
	<T> ClusterStores.Read<T> gather(String store, Collection<Integer> partitions, Fetch<T> fetch) {
		KafkaStreams streams = this.local.streams();
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
		return new ClusterStores.Read<>(answers, missing);
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

	<T> List<T> fetch(HostInfo host, String path, Map<String, Object> variables, JavaType listOf) {
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

	static Map<String, Object> uriVariables(HostInfo host, String store, List<Integer> partitions, boolean stale) {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("host", host.host());
		variables.put("port", host.port());
		variables.put("store", store);
		variables.put("partitions", partitions.stream().map(String::valueOf).collect(Collectors.joining(",")));
		variables.put("stale", stale);
		return variables;
	}

	static KeyQueryMetadata available(String store, @Nullable KeyQueryMetadata owner) {
		if (owner == null) {
			throw new IllegalArgumentException("No state store " + store + " in this service's topology");
		}
		if (owner == KeyQueryMetadata.NOT_AVAILABLE || owner.activeHost().port() < 0) {
			throw new InvalidStateStoreException(
					"The owner of " + store + " is not known yet: the instances are " + "starting or rebalancing");
		}
		return owner;
	}

}
