package io.handoff.access;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The people and machines a service knows ({@code handoff.people}, {@code handoff.api-keys}). Passwords and keys are
 * configured only as hashes, so the configuration holds no secret. People can also come with bearer tokens
 * ({@code spring.security.oauth2.resourceserver.jwt.*}) whose {@code roles} claim lists their roles.
 *
 * @param people people who sign in with a name and password (the local stack, small teams)
 * @param apiKeys machines that send an {@code X-API-Key}
 * @param instanceSecret the secret the instances of a deployment share to sign their calls to each other
 *     ({@link InstanceTokens}); without it each process signs with a random key, which serves one instance only
 * @param personTokenSecret the secret the console and the services people call share to sign the console's calls as
 *     a person ({@link PersonTokens}), at least 32 characters; given to those alone (not to intake, which faces the
 *     internet); without it the console calls with the person's name and password
 */
@ConfigurationProperties("handoff")
public record AccessSettings(List<Person> people, List<ApiKey> apiKeys, @Nullable String instanceSecret,
		@Nullable String personTokenSecret) {

	public AccessSettings {
		people = (people != null) ? List.copyOf(people) : List.of();
		apiKeys = (apiKeys != null) ? List.copyOf(apiKeys) : List.of();
		if (personTokenSecret != null && !personTokenSecret.isBlank() && personTokenSecret.length() < 32) {
			throw new IllegalStateException("handoff.person-token-secret must be at least 32 characters (head -c 32 "
					+ "/dev/urandom | base64), not " + personTokenSecret.length());
		}
	}

	/**
	 * One person.
	 *
	 * @param name the name they sign in with
	 * @param password the encoded password ({@code {bcrypt}...})
	 * @param roles their roles ({@code MARKETING_OPS}, {@code SALES_REP}, {@code JUDGE}, ...)
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
