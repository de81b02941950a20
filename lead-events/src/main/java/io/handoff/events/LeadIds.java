package io.handoff.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.UUID;

/**
 * The identity of a lead: a name-based (version 5) UUID of its normalized email, so the
 * same person sent twice is the same lead; without an email, of its source and the id the
 * source gave it.
 */
public final class LeadIds {

	/** The namespace of Handoff's lead ids (a fixed, random UUID: never change it). */
	public static final UUID NAMESPACE = UUID.fromString("6f1d8e0c-3c1b-4c4e-9f53-2a8d7c3f4b10");

	private LeadIds() {
	}

	/** The lead id of a person by email; the email is trimmed and lower-cased first. */
	public static UUID ofEmail(String email) {
		return nameBased("email:" + email.trim().toLowerCase(Locale.ROOT));
	}

	/**
	 * The lead id of a person without email, by the platform that sent it and its id
	 * there.
	 */
	public static UUID ofSource(String source, String externalId) {
		return nameBased("source:" + source.trim().toLowerCase(Locale.ROOT) + ":" + externalId.trim());
	}

	/** A version 5 UUID of {@code name} in Handoff's namespace (RFC 9562). */
	public static UUID nameBased(String name) {
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			sha1.update(toBytes(NAMESPACE));
			byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
			hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
			hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
			long msb = 0;
			long lsb = 0;
			for (int i = 0; i < 8; i++) {
				msb = (msb << 8) | (hash[i] & 0xff);
				lsb = (lsb << 8) | (hash[i + 8] & 0xff);
			}
			return new UUID(msb, lsb);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required by every Java platform", ex);
		}
	}

	private static byte[] toBytes(UUID uuid) {
		byte[] bytes = new byte[16];
		long msb = uuid.getMostSignificantBits();
		long lsb = uuid.getLeastSignificantBits();
		for (int i = 0; i < 8; i++) {
			bytes[i] = (byte) (msb >>> (56 - 8 * i));
			bytes[i + 8] = (byte) (lsb >>> (56 - 8 * i));
		}
		return bytes;
	}

}
