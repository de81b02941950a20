package io.handoff.intake.access;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

import io.handoff.events.Lists;

/**
 * The machine clients allowed to send events, from {@code handoff.intake.clients}. Keys
 * are configured only as SHA-256 hashes ({@code HandoffSecurity.sha256}), so the
 * configuration holds no secret.
 *
 * @param clients every client
 * @param hubspotBaseUrl the public base URL HubSpot apps call intake at
 * ({@code https://intake.example.com}): part of what HubSpot signs
 */
@ConfigurationProperties("handoff.intake")
public record Clients(List<Client> clients, @Nullable String hubspotBaseUrl) {

	public Clients {
		clients = Lists.copyOf(clients);
	}

	/** Every client with a key by the hex SHA-256 of its key. */
	public Map<String, Client> byKeyHash() {
		return this.clients.stream()
			.filter((client) -> client.keySha256() != null)
			.collect(Collectors.toMap((client) -> client.keySha256().toLowerCase(Locale.ROOT), Function.identity()));
	}

	/**
	 * One machine client.
	 *
	 * @param name the client's name, in metrics and logs
	 * @param keySha256 the hex SHA-256 of its API key, if it sends one
	 * @param hubspotClientSecret for a HubSpot app, its client secret, with which HubSpot
	 * signs its deliveries ({@link HubSpotSignature}); a secret, not a hash, so it comes
	 * from the environment or a Secret
	 * @param roles what it may send
	 * @param requests its rate limit: this many requests ...
	 * @param per ... per this period
	 */
	public record Client(String name, @Nullable String keySha256, @Nullable String hubspotClientSecret, Set<Role> roles,
			int requests, Duration per) {

		public Client {
			roles = (roles != null) ? Set.copyOf(roles) : Set.of();
			requests = (requests > 0) ? requests : 100;
			per = (per != null) ? per : Duration.ofSeconds(1);
		}

	}

	/** The roles of machine clients. */
	public enum Role {

		/** A marketing platform: may send leads and engagement. */
		LEAD_SOURCE,
		/** A sales tool: may send activities, returns and outcomes. */
		SALES_TOOL

	}

}
