package io.handoff.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * How the console calls a service as the person signed in without sending their password:
 * a token good for a minute, naming the person and the one service it is for, signed with
 * Ed25519. Only the console holds the private key ({@code handoff.person-token-key}); the
 * services people call hold the public key ({@code handoff.person-token-public-key}, one
 * or more PEM blocks, so a new key can be added before the old one goes) and can check a
 * token but not make one: a service broken into cannot act as anyone at the others. It
 * names no roles: the service takes the person's roles and rep id from its own list of
 * people. Checking it re-runs no bcrypt and is no sign-in attempt; the console then keeps
 * no password in its sessions. Without the keys there are no such tokens: a service
 * refuses the header, and the console sends the person's name and password.
 * <p>
 * The token reads {@code <payload>.<signature>}, both Base64url: the payload is the
 * service, the name and the expiry in epoch seconds, one per line. The keys are PEM as
 * {@code openssl genpkey -algorithm ed25519} writes them (PKCS#8) and
 * {@code openssl pkey -pubout} derives the public one (X.509).
 */
public final class PersonTokens {

	/** The request header that carries the token. */
	public static final String HEADER = "X-Handoff-Person";

	/** How long a token is good for. */
	static final Duration LIFETIME = Duration.ofMinutes(1);

	private static final String ALGORITHM = "Ed25519";

	private static final Pattern PEM = Pattern
		.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

	private final @Nullable PrivateKey signing;

	private final List<PublicKey> checking;

	private final Clock clock;

	private PersonTokens(@Nullable PrivateKey signing, List<PublicKey> checking, Clock clock) {
		this.signing = signing;
		this.checking = List.copyOf(checking);
		this.clock = clock;
	}

	/**
	 * Tokens issued with {@code privateKey} (the console's) and checked against
	 * {@code publicKeys} (the services'), each PEM; either may be absent.
	 * @throws IllegalStateException for a key that is not Ed25519 PEM, naming the setting
	 */
	public static PersonTokens of(@Nullable String privateKey, @Nullable String publicKeys, Clock clock) {
		PrivateKey signing = null;
		if (privateKey != null && !privateKey.isBlank()) {
			List<byte[]> blocks = blocks(privateKey, "PRIVATE KEY", "handoff.person-token-key");
			if (blocks.size() != 1) {
				throw new IllegalStateException("handoff.person-token-key holds " + blocks.size()
						+ " private keys: give the console exactly one");
			}
			signing = key("handoff.person-token-key",
					(factory) -> factory.generatePrivate(new PKCS8EncodedKeySpec(blocks.get(0))));
		}
		List<PublicKey> checking = new ArrayList<>();
		if (publicKeys != null && !publicKeys.isBlank()) {
			for (byte[] block : blocks(publicKeys, "PUBLIC KEY", "handoff.person-token-public-key")) {
				checking.add(key("handoff.person-token-public-key",
						(factory) -> factory.generatePublic(new X509EncodedKeySpec(block))));
			}
		}
		return new PersonTokens(signing, checking, clock);
	}

	/**
	 * A new key pair, as PEM: the private key first, then the public key (for tests and
	 * first set-ups).
	 */
	public static List<String> newKeyPair() {
		try {
			KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
			return List.of(pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
					pem("PUBLIC KEY", pair.getPublic().getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Ed25519 is part of every Java platform from 15 on", ex);
		}
	}

	/** Whether this process can issue tokens (the console, with its private key). */
	public boolean canIssue() {
		return this.signing != null;
	}

	/**
	 * Whether this process can check tokens (a service, with the console's public key).
	 */
	public boolean canCheck() {
		return !this.checking.isEmpty();
	}

	/**
	 * A token for {@code service} (its {@code spring.application.name}) naming the person
	 * {@code name}.
	 * @throws IllegalStateException without a private key, or for a name with a line
	 * break
	 */
	public String issue(String service, String name) {
		if (this.signing == null) {
			throw new IllegalStateException("No handoff.person-token-key to sign person tokens with");
		}
		if (name.contains("\n")) {
			throw new IllegalStateException("A name that cannot be put in a token");
		}
		long expires = this.clock.instant().plus(LIFETIME).getEpochSecond();
		String payload = String.join("\n", service, name, Long.toString(expires));
		String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(payload));
		try {
			Signature signature = Signature.getInstance(ALGORITHM);
			signature.initSign(this.signing);
			signature.update(bytes(encoded));
			return encoded + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not sign a person token", ex);
		}
	}

	/**
	 * The name a token gives, when it is for {@code service}, signed with the console's
	 * key and unexpired.
	 */
	public Optional<String> verify(String service, String token) {
		int dot = token.indexOf('.');
		if (this.checking.isEmpty() || dot < 1) {
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
		if (!signedByTheConsole(encoded, signature) || lines.length != 3 || !lines[0].equals(service)) {
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

	private boolean signedByTheConsole(String encoded, byte[] signature) {
		for (PublicKey key : this.checking) {
			try {
				Signature check = Signature.getInstance(ALGORITHM);
				check.initVerify(key);
				check.update(bytes(encoded));
				if (check.verify(signature)) {
					return true;
				}
			}
			catch (GeneralSecurityException ex) {
				// A signature of the wrong length or form: not this key's.
			}
		}
		return false;
	}

	private static List<byte[]> blocks(String text, String type, String setting) {
		List<byte[]> blocks = new ArrayList<>();
		Matcher matcher = PEM.matcher(text);
		int end = 0;
		while (matcher.find()) {
			if (!text.substring(end, matcher.start()).isBlank()) {
				throw new IllegalStateException(setting + " holds text outside its PEM blocks");
			}
			if (!matcher.group(1).equals(type)) {
				throw new IllegalStateException(
						setting + " must hold \"" + type + "\" PEM, not \"" + matcher.group(1) + "\"");
			}
			try {
				blocks.add(Base64.getMimeDecoder().decode(matcher.group(2)));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(setting + " holds a PEM block that is not Base64", ex);
			}
			end = matcher.end();
		}
		if (blocks.isEmpty() || !text.substring(end).isBlank()) {
			throw new IllegalStateException(setting + " must be Ed25519 " + type + " PEM (-----BEGIN " + type
					+ "-----), as openssl genpkey -algorithm ed25519 writes it");
		}
		return blocks;
	}

	private static <K> K key(String setting, KeyMaker<K> maker) {
		try {
			return maker.make(KeyFactory.getInstance(ALGORITHM));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(setting + " is not an Ed25519 key (openssl genpkey -algorithm ed25519)",
					ex);
		}
	}

	private static String pem(String type, byte[] encoded) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(encoded)
				+ "\n-----END " + type + "-----\n";
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private interface KeyMaker<K> {

		K make(KeyFactory factory) throws GeneralSecurityException;

	}

}
