package io.handoff.console.services;

import java.util.Map;
import java.util.function.Consumer;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/** The console's clients of the services it shows, one per service with its own circuit breaker. */
@Component
public class Services {

	private final Map<String, ServiceClient> clients;

	Services(ConsoleSettings settings, CircuitBreakerRegistry breakers, SignedInCredentials credentials) {
		Consumer<HttpHeaders> asThePerson = credentials::apply;
		this.clients = Map.of("scoring", client("scoring", settings, breakers, asThePerson), "routing",
				client("routing", settings, breakers, asThePerson), "sla", client("sla", settings, breakers, asThePerson),
				"arbitration", client("arbitration", settings, breakers, asThePerson));
	}

	private static ServiceClient client(String name, ConsoleSettings settings, CircuitBreakerRegistry breakers,
			Consumer<HttpHeaders> credentials) {
		return new ServiceClient(name, settings, breakers.circuitBreaker(name), credentials);
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
