package io.handoff.access;

import io.prometheus.metrics.tracer.common.SpanContext;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * No exemplars in the Prometheus metrics unless {@code handoff.metrics.exemplars=true}.
 * With tracing on, Spring Boot adds the current trace id to counters and histograms in
 * the OpenMetrics format, and a Prometheus older than 2.43 (Debian 12's 2.42, some
 * managed ones) then refuses every scrape ("metric name ..._count does not support
 * exemplars"): each service would read as down. Handoff exports no traces unless a
 * collector is named, so the links would lead nowhere anyway; turn them on with a
 * Prometheus that stores exemplars and a trace backend.
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration")
@ConditionalOnClass(SpanContext.class)
@ConditionalOnProperty(name = "handoff.metrics.exemplars", havingValue = "false", matchIfMissing = true)
public class PrometheusExemplars {

	/**
	 * A span context that never names a sampled span, so the registry samples no
	 * exemplar.
	 */
	@Bean
	SpanContext noExemplars() {
		return new SpanContext() {

			@Override
			public @Nullable String getCurrentTraceId() {
				return null;
			}

			@Override
			public @Nullable String getCurrentSpanId() {
				return null;
			}

			@Override
			public boolean isCurrentSpanSampled() {
				return false;
			}

			@Override
			public void markCurrentSpanAsExemplar() {
			}

		};
	}

}
