package io.handoff.instances;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.kafka.streams.InteractiveQueryService;
import org.springframework.cloud.stream.binder.kafka.streams.KafkaStreamsRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

import io.handoff.access.InstanceTokens;

/**
 * Reads that are right with any number of instances: import it ({@code @Import(Instances.class)}) in a service that
 * runs Kafka Streams and read its stores through {@link ClusterStores}. Each instance must set
 * {@code application.server} to the address the others reach it at (the shared Kafka settings do, from
 * {@code handoff.instance.address}), and every instance of a deployment the same {@code handoff.instance-secret}.
 */
@Configuration(proxyBeanMethods = false)
@Import(StoreValuesController.class)
public class Instances {

	@Bean
	ClusterStores clusterStores(KafkaStreamsRegistry registry, InteractiveQueryService queries, InstanceTokens tokens,
			@Value("${handoff.instance.read-timeout:PT10S}") Duration readTimeout) {
		return new ClusterStores(registry, queries, tokens, readTimeout);
	}

	/**
	 * An instance that stops leaves the group at once, so the others take its partitions in a rebalance instead of
	 * after the session timeout (Kafka Streams stays in the group on close by default).
	 */
	@Bean
	StreamsBuilderFactoryBeanConfigurer leaveGroupOnClose() {
		return (factory) -> factory.setLeaveGroupOnClose(true);
	}

}
