package io.handoff.routing.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing per the Standard Webhooks scheme (standardwebhooks.com): the secret is
 * {@code whsec_} and base64 of random bytes; the signature is {@code v1,} and base64 of
 * HMAC-SHA256, keyed with the decoded secret, over
 * {@code <webhook-id>.<webhook-timestamp>.<body>}.
 */
public final class StandardWebhooks {

	/** The prefix of every secret. */
	public static final String SECRET_PREFIX = "whsec_";

	private static final SecureRandom random = new SecureRandom();

	private StandardWebhooks() {
	}

	/** A new secret of 32 random bytes. */
	public static String newSecret() {
		byte[] key = new byte[32];
		random.nextBytes(key);
		return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
	}

	/**
	 * Whether {@code secret} is a secret this scheme can sign with (at least 24 bytes).
	 */
	public static boolean valid(String secret) {
		try {
			return secret.startsWith(SECRET_PREFIX) && key(secret).length >= 24;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * The {@code webhook-signature} header value.
	 * @param secret the subscription's secret
	 * @param id the {@code webhook-id}
	 * @param timestamp the {@code webhook-timestamp}, seconds since the epoch
	 * @param body the request body, exactly as sent
	 */
	public static String sign(String secret, String id, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
			byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(signature);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	private static byte[] key(String secret) {
		return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
	}

}
