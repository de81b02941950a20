package io.handoff.access;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import io.handoff.test.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password that matched is not checked again for a minute; one that did not is checked
 * every time.
 */
class CachedPasswordChecksTests {

	final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T12:00:00Z"));

	final AtomicInteger checks = new AtomicInteger();

	final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	final CachedPasswordChecks cached = new CachedPasswordChecks(new PasswordEncoder() {

		@Override
		public String encode(CharSequence raw) {
			return CachedPasswordChecksTests.this.bcrypt.encode(raw);
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			CachedPasswordChecksTests.this.checks.incrementAndGet();
			return CachedPasswordChecksTests.this.bcrypt.matches(raw, encoded);
		}

	}, this.clock);

	@Test
	void aMatchIsRememberedForAMinuteAndAMismatchNever() {
		String hash = this.bcrypt.encode("the-judges-password");

		assertTwice("the-judges-password", hash, true);
		assertThat(this.checks).hasValue(1);
		assertTwice("a-guess", hash, false);
		assertThat(this.checks).hasValue(3);
		// Another hash for the same password (it was changed) is checked on its own.
		assertThat(this.cached.matches("the-judges-password", this.bcrypt.encode("something else"))).isFalse();
		this.clock.move(Duration.ofSeconds(61));
		assertThat(this.cached.matches("the-judges-password", hash)).isTrue();
		assertThat(this.checks).hasValue(5);
	}

	@Test
	void aMatchAgainstAStandInHashMadeHereIsNeverRememberedSoAnUnknownNameTakesAsLongAsAKnownOne() {
		// Spring Security checks an unknown name's password against a hash of its own,
		// encoded with this encoder.
		String standIn = this.cached.encode("userNotFoundPassword");

		assertTwice("userNotFoundPassword", standIn, true);
		assertThat(this.checks).hasValue(2);
	}

	private void assertTwice(String password, String hash, boolean matches) {
		assertThat(this.cached.matches(password, hash)).isEqualTo(matches);
		assertThat(this.cached.matches(password, hash)).isEqualTo(matches);
	}

}
