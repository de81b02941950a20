package io.handoff.access;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The people and machines a service knows ({@code handoff.people},
 * {@code handoff.api-keys}). Passwords and keys are configured only as hashes, so the
 * configuration holds no secret. People can also come with bearer tokens
 * ({@code spring.security.oauth2.resourceserver.jwt.*}) whose {@code roles} claim lists
 * their roles.
 *
 * @param people people who sign in with a name and password (the local stack, small
 * teams)
 * @param apiKeys machines that send an {@code X-API-Key}
 * @param instanceSecret the secret the instances of a deployment share to sign their
 * calls to each other ({@link InstanceTokens}); without it each process signs with a
 * random key, which serves one instance only
 * @param personTokenKey the console's Ed25519 private key (PEM) to sign its calls as a
 * person with ({@link PersonTokens}); given to the console alone
 * @param personTokenPublicKey the console's public key or keys (PEM), with which the
 * services people call check those calls (not intake, which faces the internet); without
 * the keys the console calls with the person's name and password
 * @param personTokenSecret the shared HMAC secret person tokens were signed with before:
 * refused, since every service that held it could make tokens
 */
@ConfigurationProperties("handoff")
public record AccessSettings(List<Person> people, List<ApiKey> apiKeys, @Nullable String instanceSecret,
		@Nullable String personTokenKey, @Nullable String personTokenPublicKey, @Nullable String personTokenSecret) {

	public AccessSettings {
		people = (people != null) ? List.copyOf(people) : List.of();
		apiKeys = (apiKeys != null) ? List.copyOf(apiKeys) : List.of();
		if (personTokenSecret != null && !personTokenSecret.isBlank()) {
			throw new IllegalStateException("handoff.person-token-secret is no longer read: with a shared secret every "
					+ "service could make person tokens. Give the console handoff.person-token-key (openssl genpkey "
					+ "-algorithm ed25519) and the services handoff.person-token-public-key (openssl pkey -pubout)");
		}
	}

	/**
	 * One person.
	 *
	 * @param name the name they sign in with
	 * @param password the encoded password ({@code {bcrypt}...})
	 * @param roles their roles ({@code MARKETING_OPS}, {@code SALES_REP}, {@code JUDGE},
	 * ...)
	 * @param repId for a sales rep, their rep id in the roster
	 */
	public record Person(String name, String password, Set<String> roles, @Nullable String repId) {

		public Person {
			roles = (roles != null) ? Set.copyOf(roles) : Set.of();
		}

	}

	/**
	 * One machine client.
	 *
	 * @param name the client's name
	 * @param keySha256 the hex SHA-256 of its key
	 * @param roles its roles ({@code SALES_TOOL}, ...)
	 */
	public record ApiKey(String name, String keySha256, Set<String> roles) {

		public ApiKey {
			roles = (roles != null) ? Set.copyOf(roles) : Set.of();
		}

	}

}
