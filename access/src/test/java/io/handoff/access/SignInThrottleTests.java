package io.handoff.access;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.handoff.test.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repeated failures hold back a name at an address first, then an address, then a name
 * from anywhere.
 */
class SignInThrottleTests {

	final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T12:00:00Z"));

	final SignInThrottle throttle = new SignInThrottle(this.clock);

	@Test
	void fiveFailuresHoldANameBackAtThatAddressForAMinuteOnly() {
		for (int i = 0; i < 4; i++) {
			this.throttle.failed("judge", "203.0.113.7");
		}
		assertThat(this.throttle.heldBack("judge", "203.0.113.7")).isEmpty();
		this.throttle.failed("judge", "203.0.113.7");

		assertThat(this.throttle.heldBack("judge", "203.0.113.7")).hasValue(Duration.ofMinutes(1));
		assertThat(this.throttle.heldBack("judge", "198.51.100.2")).isEmpty();
		assertThat(this.throttle.heldBack("admin", "203.0.113.7")).isEmpty();
		this.clock.move(Duration.ofSeconds(61));
		assertThat(this.throttle.heldBack("judge", "203.0.113.7")).isEmpty();
	}

	@Test
	void failuresSpreadOverTimeOrForgottenBySuccessDoNotAddUp() {
		for (int i = 0; i < 4; i++) {
			this.throttle.failed("judge", "203.0.113.7");
		}
		this.throttle.succeeded("judge", "203.0.113.7");
		this.throttle.failed("judge", "203.0.113.7");
		assertThat(this.throttle.heldBack("judge", "203.0.113.7")).isEmpty();
		for (int i = 0; i < 3; i++) {
			this.throttle.failed("judge", "203.0.113.7");
		}
		this.clock.move(Duration.ofMinutes(6));
		this.throttle.failed("judge", "203.0.113.7");
		assertThat(this.throttle.heldBack("judge", "203.0.113.7")).isEmpty();
	}

	@Test
	void anAddressTryingManyNamesAndANameTriedFromManyAddressesAreHeldBack() {
		for (int i = 0; i < 20; i++) {
			this.throttle.failed("person-" + i, "203.0.113.7");
		}
		assertThat(this.throttle.heldBack("someone-else", "203.0.113.7")).hasValue(Duration.ofMinutes(5));
		for (int i = 0; i < 50; i++) {
			this.throttle.failed("judge", "198.51.100." + i);
		}
		assertThat(this.throttle.heldBack("judge", "192.0.2.1")).hasValue(Duration.ofMinutes(1));
		assertThat(this.throttle.heldBack("admin", "192.0.2.1")).isEmpty();
	}

	@Test
	void whatIsRememberedIsBounded() {
		for (int i = 0; i < SignInThrottle.REMEMBERED * 2; i++) {
			this.throttle.failed("person-" + i, "address-" + i);
		}
		assertThat(this.throttle.remembered()).isLessThanOrEqualTo(SignInThrottle.REMEMBERED);
	}

}
