package io.handoff.access;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Remembers for a minute that a password matched its hash, so a person whose every call
 * signs in (HTTP Basic, the console's panels) pays for bcrypt once a minute rather than
 * once a call. Only matches are remembered, under an HMAC of password and hash with a key
 * of this process's own (no password or plain digest of one is kept); a changed hash is a
 * different entry. Bounded in entries.
 */
final class CachedPasswordChecks implements PasswordEncoder {

	/** How long a match is remembered. */
	static final Duration REMEMBERED_FOR = Duration.ofMinutes(1);

	static final int MAX_ENTRIES = 10_000;

	private final PasswordEncoder encoder;

	private final Clock clock;

	private final byte[] key;

	private final Map<String, Instant> matches = new LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
			return size() > MAX_ENTRIES;
		}

	};

	CachedPasswordChecks(PasswordEncoder encoder, Clock clock) {
		this.encoder = encoder;
		this.clock = clock;
		this.key = new byte[32];
		new SecureRandom().nextBytes(this.key);
	}

	/**
	 * Hashes made here: a service encodes no one's password (they are configured
	 * encoded), so each is a stand-in, such as the one Spring Security checks an unknown
	 * name's password against to take as long as for a known one. A match against it is
	 * never remembered, or an unknown name would answer faster than a known one.
	 */
	private final Set<String> encodedHere = ConcurrentHashMap.newKeySet();

	@Override
	public @Nullable String encode(@Nullable CharSequence rawPassword) {
		String encoded = this.encoder.encode(rawPassword);
		if (encoded != null && this.encodedHere.size() < 100) {
			this.encodedHere.add(encoded);
		}
		return encoded;
	}

	@Override
	public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
		if (rawPassword == null || encodedPassword == null || this.encodedHere.contains(encodedPassword)) {
			return this.encoder.matches(rawPassword, encodedPassword);
		}
		String entry = entry(rawPassword, encodedPassword);
		Instant now = this.clock.instant();
		synchronized (this.matches) {
			Instant until = this.matches.get(entry);
			if (until != null && until.isAfter(now)) {
				return true;
			}
		}
		boolean matched = this.encoder.matches(rawPassword, encodedPassword);
		if (matched) {
			synchronized (this.matches) {
				this.matches.put(entry, now.plus(REMEMBERED_FOR));
			}
		}
		return matched;
	}

	@Override
	public boolean upgradeEncoding(@Nullable String encodedPassword) {
		return this.encoder.upgradeEncoding(encodedPassword);
	}

	private String entry(CharSequence rawPassword, String encodedPassword) {
		return Base64.getEncoder()
			.encodeToString(Hmacs.sha256(this.key, rawPassword.toString().getBytes(StandardCharsets.UTF_8),
					new byte[] { 0 }, encodedPassword.getBytes(StandardCharsets.UTF_8)));
	}

}
