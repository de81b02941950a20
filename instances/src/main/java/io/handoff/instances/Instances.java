package io.handoff.instances;

import java.time.Duration;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.springframework.cloud.stream.binder.kafka.streams.KafkaStreamsRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

import io.handoff.access.AccessSettings;
import io.handoff.access.InstanceTokens;
import io.handoff.events.DeadLetters;

/**
 * Reads that are right with any number of instances: import it
 * ({@code @Import(Instances.class)}) in a service that runs Kafka Streams and read its
 * stores through {@link ClusterStores}. Each instance must set {@code application.server}
 * to the address the others reach it at (the shared Kafka settings do, from
 * {@code handoff.instance.address}), and every instance of a deployment the same
 * {@code handoff.instance-secret}.
 */
@Configuration(proxyBeanMethods = false)
@Import({ StoreValuesController.class, BookProblems.class })
public class Instances {

	/**
	 * The shortest instance secret taken: 32 characters, as
	 * {@code head -c 32 /dev/urandom | base64} gives 44.
	 */
	static final int SHORTEST_SECRET = 32;

	@Bean
	ClusterStores clusterStores(KafkaStreamsRegistry registry, InteractiveQueryService queries, InstanceTokens tokens,
			AccessSettings access, @Value("${handoff.instance.address:localhost}") String address,
			@Value("${handoff.instance.read-timeout:PT10S}") Duration readTimeout) {
		requireSecretWhereOthersMayBe(address, access.instanceSecret());
		return new ClusterStores(registry, queries, tokens, readTimeout);
	}

	/**
	 * An instance that others reach by a network address must share a real secret with
	 * them: without one each would sign with a key of its own and refuse the others'
	 * reads, and a placeholder would let anyone who read it in.
	 */
	static void requireSecretWhereOthersMayBe(String address, @Nullable String secret) {
		String host = address.contains(":") ? address.substring(0, address.lastIndexOf(':')) : address;
		boolean thisMachineOnly = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
		if (!thisMachineOnly && (secret == null || secret.strip().length() < SHORTEST_SECRET)) {
			throw new IllegalStateException("handoff.instance-secret (HANDOFF_INSTANCE_SECRET) must be set to at least "
					+ SHORTEST_SECRET + " characters, the same for every instance, when instances reach each other at "
					+ address + ": make one with head -c 32 /dev/urandom | base64");
		}
	}

	/**
	 * An instance that stops leaves the group at once (and closes its dead-letter
	 * producer), so the others take its partitions in a rebalance instead of after the
	 * session timeout (Kafka Streams stays in the group on close by default).
	 */
	@Bean
	StreamsBuilderFactoryBeanConfigurer stopCleanly() {
		return (factory) -> {
			factory.setLeaveGroupOnClose(true);
			// The application's dead-letter producer stops with it, not at the JVM's end.
			factory.addListener(new StreamsBuilderFactoryBean.Listener() {

				@Override
				public void streamsRemoved(String id, KafkaStreams streams) {
					Object application = factory.getStreamsConfiguration().get(StreamsConfig.APPLICATION_ID_CONFIG);
					if (application != null) {
						DeadLetters.closeFor(application.toString());
					}
				}

			});
		};
	}

}
