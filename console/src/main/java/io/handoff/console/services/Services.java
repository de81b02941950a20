package io.handoff.console.services;

import java.util.Map;
import java.util.function.Consumer;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The console's clients of the services it shows, one per service with its own circuit
 * breaker.
 */
@Component
public class Services {

	private final Map<String, ServiceClient> clients;

	/**
	 * Each service by the console's name for it, with its own name
	 * ({@code spring.application.name}).
	 */
	static final Map<String, String> APPLICATIONS = Map.of("scoring", "scoring-service", "routing", "routing-service",
			"sla", "sla-monitor", "arbitration", "arbitration-service");

	Services(ConsoleSettings settings, CircuitBreakerRegistry breakers, SignedInCredentials credentials) {
		this.clients = Map.of("scoring", client("scoring", settings, breakers, credentials), "routing",
				client("routing", settings, breakers, credentials), "sla",
				client("sla", settings, breakers, credentials), "arbitration",
				client("arbitration", settings, breakers, credentials));
	}

	private static ServiceClient client(String name, ConsoleSettings settings, CircuitBreakerRegistry breakers,
			SignedInCredentials credentials) {
		String application = APPLICATIONS.get(name);
		Consumer<HttpHeaders> asThePerson = (headers) -> credentials.apply(application, headers);
		return new ServiceClient(name, settings, breakers.circuitBreaker(name), asThePerson);
	}

	public ServiceClient scoring() {
		return this.clients.get("scoring");
	}

	public ServiceClient routing() {
		return this.clients.get("routing");
	}

	public ServiceClient sla() {
		return this.clients.get("sla");
	}

	public ServiceClient arbitration() {
		return this.clients.get("arbitration");
	}

}
