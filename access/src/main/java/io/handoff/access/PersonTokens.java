package io.handoff.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * How the console calls a service as the person signed in without sending their password: a token good for a
 * minute, naming the person and the one service it is for, signed with HMAC-SHA256 under a key derived from
 * {@code handoff.person-token-secret}. It names no roles: the service takes the person's roles and rep id from its own
 * list of people. Checking it re-runs no bcrypt and is no sign-in attempt; the console then keeps no password in its
 * sessions. Without the secret there are no such tokens: a service refuses the header, and the console sends the
 * person's name and password as before.
 * <p>
 * The token reads {@code <payload>.<signature>}, both Base64url: the payload is the service, the name and the expiry
 * in epoch seconds, one per line.
 */
public final class PersonTokens {

	/** The request header that carries the token. */
	public static final String HEADER = "X-Handoff-Person";

	/** How long a token is good for. */
	static final Duration LIFETIME = Duration.ofMinutes(1);

	private final byte @Nullable [] key;

	private final Clock clock;

	PersonTokens(byte @Nullable [] key, Clock clock) {
		this.key = key;
		this.clock = clock;
	}

	/** Tokens signed with a key derived from {@code secret}; none without one. */
	public static PersonTokens of(@Nullable String secret, Clock clock) {
		return new PersonTokens((secret == null || secret.isBlank()) ? null
				: Hmacs.sha256(secret.getBytes(StandardCharsets.UTF_8), bytes("handoff-person")), clock);
	}

	/** Whether this deployment has a secret to sign tokens with. */
	public boolean enabled() {
		return this.key != null;
	}

	/**
	 * A token for {@code service} (its {@code spring.application.name}) naming the person {@code name}.
	 *
	 * @throws IllegalStateException without a secret, or for a name with a line break
	 */
	public String issue(String service, String name) {
		if (this.key == null) {
			throw new IllegalStateException("No handoff.person-token-secret to sign person tokens with");
		}
		if (name.contains("\n")) {
			throw new IllegalStateException("A name that cannot be put in a token");
		}
		long expires = this.clock.instant().plus(LIFETIME).getEpochSecond();
		String payload = String.join("\n", service, name, Long.toString(expires));
		String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(payload));
		return encoded + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sign(encoded));
	}

	/** The name a token gives, when it is for {@code service}, signed with this deployment's key and unexpired. */
	public Optional<String> verify(String service, String token) {
		int dot = token.indexOf('.');
		if (this.key == null || dot < 1) {
			return Optional.empty();
		}
		String encoded = token.substring(0, dot);
		byte[] signature;
		String[] lines;
		try {
			signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
			lines = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\n", -1);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (!MessageDigest.isEqual(sign(encoded), signature) || lines.length != 3 || !lines[0].equals(service)) {
			return Optional.empty();
		}
		long expires;
		try {
			expires = Long.parseLong(lines[2]);
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		long now = this.clock.instant().getEpochSecond();
		if (expires < now || expires > now + LIFETIME.toSeconds() + 5) {
			return Optional.empty();
		}
		return Optional.of(lines[1]);
	}

	private byte[] sign(String encoded) {
		return Hmacs.sha256(Objects.requireNonNull(this.key), bytes(encoded));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
