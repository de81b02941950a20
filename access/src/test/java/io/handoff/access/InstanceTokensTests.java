package io.handoff.access;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instance tokens: good for a minute, with this deployment's secret only, and nothing
 * else passes for one.
 */
class InstanceTokensTests {

	static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	final InstanceTokens tokens = tokens("the-deployment-secret-of-32-chars!", NOW);

	@Test
	void aTokenIssuedWithTheSecretIsTakenUntilItExpires() {
		String token = this.tokens.issue();
		assertThat(this.tokens.verify(token)).isTrue();
		assertThat(tokens("the-deployment-secret-of-32-chars!", NOW.plusSeconds(59)).verify(token)).isTrue();
		assertThat(tokens("the-deployment-secret-of-32-chars!", NOW.plus(Duration.ofSeconds(61))).verify(token))
			.isFalse();
	}

	@Test
	void anotherSecretAForgedOrAMangledTokenIsRefused() {
		String token = this.tokens.issue();
		assertThat(tokens("another-deployment-secret-32-chars", NOW).verify(token)).isFalse();
		String expiry = token.substring(0, token.indexOf('.'));
		assertThat(this.tokens.verify(expiry + ".forged")).isFalse();
		assertThat(this.tokens.verify((Long.parseLong(expiry) + 30) + token.substring(token.indexOf('.')))).isFalse();
		assertThat(this.tokens.verify("")).isFalse();
		assertThat(this.tokens.verify("not-a-number.abc")).isFalse();
		assertThat(this.tokens.verify(".abc")).isFalse();
		// One that would stay good for a year is refused however it was signed.
		assertThat(this.tokens.verify((NOW.getEpochSecond() + 365 * 24 * 3600) + ".x")).isFalse();
	}

	@Test
	void withoutASecretEachProcessSignsWithAKeyOfItsOwn() {
		assertThat(InstanceTokens.of("", "sla-monitor").verify(InstanceTokens.of("", "sla-monitor").issue())).isFalse();
	}

	@Test
	void oneServicesTokenOpensNoOtherServicesStores() {
		String secret = "the-deployment-secret-of-32-chars!";
		String fromArbitration = InstanceTokens.of(secret, "arbitration-service").issue();
		assertThat(InstanceTokens.of(secret, "arbitration-service").verify(fromArbitration)).isTrue();
		assertThat(InstanceTokens.of(secret, "scoring-service").verify(fromArbitration)).isFalse();
	}

	private static InstanceTokens tokens(String secret, Instant now) {
		return new InstanceTokens(secret.getBytes(StandardCharsets.UTF_8), Clock.fixed(now, ZoneOffset.UTC));
	}

}
