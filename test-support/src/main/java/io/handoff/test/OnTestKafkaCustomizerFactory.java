package io.handoff.test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points the context of a test marked {@link OnTestKafka} at the shared test broker.
 * Registered in {@code META-INF/spring.factories}.
 */
public class OnTestKafkaCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		OnTestKafka kafka = TestContextAnnotationUtils.findMergedAnnotation(testClass, OnTestKafka.class);
		return (kafka != null) ? new Customizer(kafka.value()) : null;
	}

	/**
	 * The broker's address and, for a named test, Streams ids and state of its own run.
	 */
	record Customizer(String name) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			Map<String, Object> properties = new HashMap<>();
			properties.put("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
			if (!this.name.isEmpty()) {
				String run = this.name + "-" + UUID.randomUUID();
				properties.put("handoff.streams.application-id-prefix", run);
				properties.put("handoff.data-dir", "target/" + run);
			}
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("onTestKafka", properties));
		}

	}

}
