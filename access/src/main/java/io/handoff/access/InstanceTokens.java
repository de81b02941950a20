package io.handoff.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.spec.SecretKeySpec;

/**
 * Proof that a call comes from another instance of a Handoff service, for the internal
 * reads by which instances gather what each owns ({@code /internal/**}): a short-lived
 * token, {@code <expiry>.<HMAC-SHA256>}, signed with a key of the service's own derived
 * from the secret every instance of the deployment shares ({@code
 * handoff.instance-secret}), so one service's token opens no other service's stores. It
 * re-runs no password check and is no sign-in attempt; it carries no person, so it opens
 * no {@code /api} door. It is a bearer token for a minute: the network between instances
 * should be encrypted (a service mesh) where others can read it.
 */
public final class InstanceTokens {

	/** The request header that carries the token. */
	public static final String HEADER = "X-Handoff-Instance";

	/**
	 * How long a token is good for: long enough for clocks a little apart, short enough
	 * not to be worth stealing.
	 */
	static final Duration LIFETIME = Duration.ofMinutes(1);

	private final SecretKeySpec key;

	private final Clock clock;

	InstanceTokens(byte[] secret, Clock clock) {
		this.key = new SecretKeySpec(secret, "HmacSHA256");
		this.clock = clock;
	}

	/**
	 * Tokens of {@code service}, signed with a key derived from {@code secret}; without
	 * one, with a random key good for this process only.
	 */
	static InstanceTokens of(@org.jspecify.annotations.Nullable String secret, String service) {
		if (secret == null || secret.isBlank()) {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			return new InstanceTokens(random, Clock.systemUTC());
		}
		return new InstanceTokens(hmac(secret.getBytes(StandardCharsets.UTF_8), "handoff-service:" + service),
				Clock.systemUTC());
	}

	/** A token good for the next minute. */
	public String issue() {
		long expires = this.clock.instant().plus(LIFETIME).getEpochSecond();
		return expires + "." + sign(expires);
	}

	/**
	 * Whether {@code token} was issued with this deployment's secret and has not expired.
	 */
	public boolean verify(String token) {
		int dot = token.indexOf('.');
		if (dot < 1 || dot > 19) {
			return false;
		}
		long expires;
		try {
			expires = Long.parseLong(token.substring(0, dot));
		}
		catch (NumberFormatException ex) {
			return false;
		}
		long now = this.clock.instant().getEpochSecond();
		// A little clock difference between instances is allowed for; a token good for
		// longer than one is not.
		if (expires < now || expires > now + LIFETIME.toSeconds() + 5) {
			return false;
		}
		return MessageDigest.isEqual(sign(expires).getBytes(StandardCharsets.US_ASCII),
				token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
	}

	private String sign(long expires) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(hmac(this.key.getEncoded(), "handoff-instance:" + expires));
	}

	private static byte[] hmac(byte[] key, String text) {
		return Hmacs.sha256(key, text.getBytes(StandardCharsets.UTF_8));
	}

}
