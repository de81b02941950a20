package io.handoff.routing.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import io.handoff.access.Hmacs;

/**
 * Webhook signing secrets as they rest on {@code sales.webhooks}: sealed with AES-256-GCM
 * under a key from configuration ({@code handoff.webhooks.secret-key}, 32 bytes in
 * Base64, or else derived from the deployment's {@code handoff.instance-secret}), so
 * whoever reads the topic or its backups cannot sign deliveries as Handoff. Sealed text
 * reads {@code sealed:v1:<Base64 of nonce and ciphertext>}, bound to its subscription's
 * id; a secret stored before sealing existed is read as it is. Without any key (one
 * instance on one machine) secrets are stored as given, and the service says so at start.
 */
final class SealedSecrets {

	static final String PREFIX = "sealed:v1:";

	private static final int NONCE_BYTES = 12;

	private final @Nullable SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	private SealedSecrets(byte @Nullable [] key) {
		this.key = (key != null) ? new SecretKeySpec(key, "AES") : null;
	}

	/** The key configured, else one derived from the instance secret, else none. */
	static SealedSecrets of(@Nullable String secretKey, @Nullable String instanceSecret) {
		if (secretKey != null && !secretKey.isBlank()) {
			byte[] key;
			try {
				key = Base64.getDecoder().decode(secretKey.trim());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("handoff.webhooks.secret-key must be 32 bytes in Base64", ex);
			}
			if (key.length != 32) {
				throw new IllegalStateException(
						"handoff.webhooks.secret-key must be 32 bytes in Base64, not " + key.length + " bytes");
			}
			return new SealedSecrets(key);
		}
		if (instanceSecret != null && !instanceSecret.isBlank()) {
			return new SealedSecrets(Hmacs.sha256(instanceSecret.getBytes(StandardCharsets.UTF_8),
					"handoff-webhook-secrets".getBytes(StandardCharsets.UTF_8)));
		}
		return new SealedSecrets(null);
	}

	boolean sealing() {
		return this.key != null;
	}

	/** {@code secret} sealed for the subscription {@code subscriptionId}. */
	String seal(String secret, String subscriptionId) {
		if (this.key == null) {
			return secret;
		}
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			this.random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(128, nonce));
			cipher.updateAAD(subscriptionId.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
			byte[] stored = new byte[NONCE_BYTES + sealed.length];
			System.arraycopy(nonce, 0, stored, 0, NONCE_BYTES);
			System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
			return PREFIX + Base64.getEncoder().encodeToString(stored);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is required by every Java platform", ex);
		}
	}

	/**
	 * The secret of {@code stored}, as given to the subscriber.
	 * @throws IllegalStateException when it was sealed under another key (or altered)
	 */
	String open(String stored, String subscriptionId) {
		if (!stored.startsWith(PREFIX)) {
			return stored;
		}
		if (this.key == null) {
			throw new IllegalStateException("Webhook subscription " + subscriptionId
					+ "'s secret is sealed, and no handoff.webhooks.secret-key or handoff.instance-secret is set");
		}
		try {
			byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(128, sealed, 0, NONCE_BYTES));
			cipher.updateAAD(subscriptionId.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("Webhook subscription " + subscriptionId
					+ "'s secret was sealed under another key: set the handoff.webhooks.secret-key it was sealed with",
					ex);
		}
	}

}
