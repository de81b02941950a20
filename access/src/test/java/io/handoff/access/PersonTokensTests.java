package io.handoff.access;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.handoff.test.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A person token names one person for one service for a minute; the console signs it with
 * its private key, and the services, holding only the public key, can check a token but
 * not make one.
 */
class PersonTokensTests {

	static final List<String> KEYS = PersonTokens.newKeyPair();

	final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T12:00:00Z"));

	final PersonTokens console = PersonTokens.of(KEYS.get(0), null, this.clock);

	final PersonTokens service = PersonTokens.of(null, KEYS.get(1), this.clock);

	@Test
	void aTokenNamesThePersonForTheOneServiceUntilItExpires() {
		String token = this.console.issue("sla-monitor", "anna");

		assertThat(this.service.verify("sla-monitor", token)).hasValue("anna");
		assertThat(this.service.verify("scoring-service", token)).isEmpty();
		this.clock.move(Duration.ofSeconds(59));
		assertThat(this.service.verify("sla-monitor", token)).hasValue("anna");
		this.clock.move(Duration.ofSeconds(2));
		assertThat(this.service.verify("sla-monitor", token)).isEmpty();
	}

	@Test
	void aServiceChecksTokensButCannotMakeThem() {
		assertThat(this.service.canCheck()).isTrue();
		assertThat(this.service.canIssue()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> this.service.issue("routing-service", "admin"))
			.withMessageContaining("handoff.person-token-key");
		assertThat(this.console.canIssue()).isTrue();
	}

	@Test
	void anotherKeyATamperedPayloadOrGarbageIsRefused() {
		String token = this.console.issue("sla-monitor", "judge");
		String payload = token.substring(0, token.indexOf('.'));
		String admin = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("sla-monitor\nadmin\n" + (this.clock.instant().getEpochSecond() + 60))
				.getBytes(StandardCharsets.UTF_8));
		PersonTokens another = PersonTokens.of(PersonTokens.newKeyPair().get(0), null, this.clock);

		assertThat(this.service.verify("sla-monitor", another.issue("sla-monitor", "judge"))).isEmpty();
		assertThat(this.service.verify("sla-monitor", admin + token.substring(token.indexOf('.')))).isEmpty();
		assertThat(this.service.verify("sla-monitor", payload + ".AAAA")).isEmpty();
		assertThat(this.service.verify("sla-monitor", payload + "." + "A".repeat(86))).isEmpty();
		assertThat(this.service.verify("sla-monitor", "")).isEmpty();
		assertThat(this.service.verify("sla-monitor", "!!!.???")).isEmpty();
		assertThat(this.service.verify("sla-monitor", token)).hasValue("judge");
	}

	@Test
	void aNewKeyIsAddedBeforeTheOldOneGoes() {
		List<String> next = PersonTokens.newKeyPair();
		PersonTokens both = PersonTokens.of(null, KEYS.get(1) + "\n" + next.get(1), this.clock);

		assertThat(both.verify("sla-monitor", this.console.issue("sla-monitor", "anna"))).hasValue("anna");
		assertThat(
				both.verify("sla-monitor", PersonTokens.of(next.get(0), null, this.clock).issue("sla-monitor", "anna")))
			.hasValue("anna");
	}

	@Test
	void aKeyThatIsNotEd25519PemIsRefusedNamingTheSetting() {
		assertThatIllegalStateException().isThrownBy(() -> PersonTokens.of("a-shared-secret", null, this.clock))
			.withMessageContaining("handoff.person-token-key");
		assertThatIllegalStateException().isThrownBy(() -> PersonTokens.of(KEYS.get(1), null, this.clock))
			.withMessageContaining("\"PRIVATE KEY\"");
		assertThatIllegalStateException().isThrownBy(() -> PersonTokens.of(null, KEYS.get(0), this.clock))
			.withMessageContaining("handoff.person-token-public-key");
		assertThatIllegalStateException().isThrownBy(
				() -> PersonTokens.of(null, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", this.clock))
			.withMessageContaining("not an Ed25519 key");
		assertThatIllegalStateException()
			.isThrownBy(() -> new AccessSettings(List.of(), List.of(), null, null, null, "the-old-shared-secret"))
			.withMessageContaining("handoff.person-token-public-key");
	}

	@Test
	void withoutKeysThereAreNoTokens() {
		PersonTokens none = PersonTokens.of(null, null, this.clock);

		assertThat(none.canIssue()).isFalse();
		assertThat(none.canCheck()).isFalse();
		assertThat(none.verify("sla-monitor", this.console.issue("sla-monitor", "anna"))).isEmpty();
		assertThatIllegalStateException().isThrownBy(() -> none.issue("sla-monitor", "anna"));
	}

}
