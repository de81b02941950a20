package io.handoff.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Slows down guessing passwords: after repeated failed sign-ins a name at an address, an
 * address, or a name from anywhere is refused for a while without its password being
 * checked ({@code 429} with {@code Retry-After}). A name at an address is held back first
 * and alone, so someone guessing a person's password from elsewhere does not lock that
 * person out at their own desk for long; many failures from one address, or for one name
 * from many addresses, hold back the rest. Successful sign-ins never count. Each instance
 * counts its own (an attacker spread over the instances gets as many guesses as there are
 * instances); what is remembered is bounded.
 */
public final class SignInThrottle {

	/**
	 * A name guessed at one address: five failures in five minutes hold it back for a
	 * minute.
	 */
	static final Limit NAME_AT_ADDRESS = new Limit(5, Duration.ofMinutes(5), Duration.ofMinutes(1));

	/**
	 * One address trying names: twenty failures in five minutes hold it back for five
	 * minutes.
	 */
	static final Limit ADDRESS = new Limit(20, Duration.ofMinutes(5), Duration.ofMinutes(5));

	/**
	 * One name guessed from many addresses: fifty failures in five minutes hold it back
	 * for a minute.
	 */
	static final Limit NAME = new Limit(50, Duration.ofMinutes(5), Duration.ofMinutes(1));

	/**
	 * The most names and addresses remembered; the least recently seen are forgotten
	 * first.
	 */
	static final int REMEMBERED = 10_000;

	private final Clock clock;

	private final Map<String, Failures> failures = new LinkedHashMap<>(256, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
			return size() > REMEMBERED;
		}

	};

	public SignInThrottle() {
		this(Clock.systemUTC());
	}

	SignInThrottle(Clock clock) {
		this.clock = clock;
	}

	/** How long {@code name} signing in from {@code address} is held back, if it is. */
	public synchronized Optional<Duration> heldBack(@Nullable String name, String address) {
		Instant now = this.clock.instant();
		Duration longest = Duration.ZERO;
		for (String key : keys(name, address)) {
			Failures entry = this.failures.get(key);
			if (entry != null && entry.lockedUntil != null && entry.lockedUntil.isAfter(now)) {
				Duration left = Duration.between(now, entry.lockedUntil);
				longest = (left.compareTo(longest) > 0) ? left : longest;
			}
		}
		return longest.isZero() ? Optional.empty() : Optional.of(longest);
	}

	/** A sign-in of {@code name} from {@code address} failed. */
	public synchronized void failed(@Nullable String name, String address) {
		Instant now = this.clock.instant();
		String[] keys = keys(name, address);
		Limit[] limits = { NAME_AT_ADDRESS, ADDRESS, NAME };
		for (int i = 0; i < keys.length; i++) {
			Limit limit = limits[i];
			Failures entry = this.failures.computeIfAbsent(keys[i], (key) -> new Failures());
			if (entry.since == null || Duration.between(entry.since, now).compareTo(limit.window()) > 0) {
				entry.since = now;
				entry.count = 0;
			}
			if (++entry.count >= limit.failures()) {
				entry.lockedUntil = now.plus(limit.lockout());
				entry.since = null;
			}
		}
	}

	/**
	 * {@code name} signed in from {@code address}: their failures there are forgotten.
	 */
	public synchronized void succeeded(@Nullable String name, String address) {
		this.failures.remove(keys(name, address)[0]);
	}

	/** How many names and addresses are remembered. */
	synchronized int remembered() {
		return this.failures.size();
	}

	private static String[] keys(@Nullable String name, String address) {
		// A name is at most a few hundred characters long: a longer one is held back by
		// its start.
		String person = (name == null) ? "" : (name.length() > 200) ? name.substring(0, 200) : name;
		return new String[] { "name-at:" + person + "\u0000" + address, "address:" + address, "name:" + person };
	}

	/** {@code failures} within {@code window} hold back for {@code lockout}. */
	record Limit(int failures, Duration window, Duration lockout) {
	}

	private static final class Failures {

		@Nullable Instant since;

		int count;

		@Nullable Instant lockedUntil;

	}

}
