package io.handoff.console.services;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services answer and how long the console waits for them
 * ({@code handoff.console.*}).
 *
 * @param services each service's base URL by name: {@code scoring}, {@code routing},
 * {@code sla}, {@code arbitration}; several, comma-separated, when it runs as several
 * instances (the console spreads its calls over them)
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer; a slower service shows as
 * unavailable on its panel only
 */
@ConfigurationProperties("handoff.console")
public record ConsoleSettings(Map<String, List<URI>> services, @DefaultValue("PT1S") Duration connectTimeout,
		@DefaultValue("PT3S") Duration readTimeout) {

	public ConsoleSettings {
		services = (services != null) ? Map.copyOf(services) : Map.of();
	}

	List<URI> urls(String service) {
		List<URI> urls = this.services.get(service);
		if (urls == null || urls.isEmpty()) {
			throw new IllegalStateException("handoff.console.services." + service
					+ " is not set: the console needs the " + service + " service's base URL");
		}
		return urls;
	}

}
