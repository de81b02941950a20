package io.handoff.access;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.handoff.test.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** A person token names one person for one service for a minute, under this deployment's secret only. */
class PersonTokensTests {

	static final String SECRET = "the-deployment-secret-of-32-chars!";

	final MovableClock clock = new MovableClock(
			Instant.parse("2026-12-01T12:00:00Z"));

	final PersonTokens tokens = PersonTokens.of(SECRET, this.clock);


	@Test
	void aTokenNamesThePersonForTheOneServiceUntilItExpires() {
		String token = this.tokens.issue("sla-monitor", "anna");

		assertThat(this.tokens.verify("sla-monitor", token)).hasValue("anna");
		assertThat(this.tokens.verify("scoring-service", token)).isEmpty();
		this.clock.move(Duration.ofSeconds(59));
		assertThat(this.tokens.verify("sla-monitor", token)).hasValue("anna");
		this.clock.move(Duration.ofSeconds(2));
		assertThat(this.tokens.verify("sla-monitor", token)).isEmpty();
	}

	@Test
	void anotherSecretATamperedPayloadOrGarbageIsRefused() {
		String token = this.tokens.issue("sla-monitor", "judge");
		String payload = token.substring(0, token.indexOf('.'));
		String admin = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("sla-monitor\nadmin\n" + (this.clock.instant().getEpochSecond() + 60))
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));

		assertThat(PersonTokens.of("another-deployment-secret-32-chars", this.clock).verify("sla-monitor", token))
			.isEmpty();
		assertThat(this.tokens.verify("sla-monitor", admin + token.substring(token.indexOf('.')))).isEmpty();
		assertThat(this.tokens.verify("sla-monitor", payload + ".AAAA")).isEmpty();
		assertThat(this.tokens.verify("sla-monitor", "")).isEmpty();
		assertThat(this.tokens.verify("sla-monitor", "!!!.???")).isEmpty();
		assertThat(this.tokens.verify("sla-monitor", token)).hasValue("judge");
	}

	@Test
	void withoutASecretThereAreNoTokens() {
		PersonTokens none = PersonTokens.of(null, this.clock);

		assertThat(none.enabled()).isFalse();
		assertThat(none.verify("sla-monitor", this.tokens.issue("sla-monitor", "anna"))).isEmpty();
		assertThatIllegalStateException().isThrownBy(() -> none.issue("sla-monitor", "anna"));
	}

}
