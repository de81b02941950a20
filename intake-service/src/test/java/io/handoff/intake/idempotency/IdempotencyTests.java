package io.handoff.intake.idempotency;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Idempotency keys: each client's own, told apart by the request's SHA-256, bounded in
 * memory.
 */
class IdempotencyTests {

	final Idempotency idempotency = new Idempotency(Clock.systemUTC());

	final AtomicInteger handled = new AtomicInteger();

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aRetryOfTheSameRequestIsAnsweredOnceAndTwoClientsDoNotShareAKey() {
		as("hubspot");
		ResponseEntity<?> first = send("key-1", Map.of("email", "dana@northwind.com"));
		ResponseEntity<?> retry = send("key-1", Map.of("email", "dana@northwind.com"));
		assertThat(retry).isSameAs(first);
		assertThat(this.handled).hasValue(1);

		as("marketo");
		send("key-1", Map.of("email", "pat@contoso.com"));
		assertThat(this.handled).hasValue(2);
	}

	@Test
	void aKeyReusedForADifferentRequestIsRefused() {
		as("hubspot");
		send("key-2", Map.of("email", "dana@northwind.com", "title", "VP"));
		assertThatExceptionOfType(Idempotency.KeyMisusedException.class)
			.isThrownBy(() -> send("key-2", Map.of("email", "dana@northwind.com", "title", "CEO")))
			.withMessageContaining("already used for a different request");
		assertThat(this.handled).hasValue(1);
	}

	@Test
	void rememberedKeysStayWithinTheirBytesTheLeastRecentlyUsedGivenUpFirst() {
		as("hubspot");
		long perKey = Idempotency.bytes("hubspot\nlead\n" + "k".repeat(250));
		long fit = Idempotency.MAX_BYTES / perKey;
		for (long i = 0; i <= fit; i++) {
			send(String.format("%0250d", i), List.of(i));
		}
		int sent = this.handled.get();
		// The most recent key is remembered; the first was given up for the ones after
		// it.
		send(String.format("%0250d", fit), List.of(fit));
		assertThat(this.handled.get()).isEqualTo(sent);
		send(String.format("%0250d", 0), List.of(0L));
		assertThat(this.handled.get()).isEqualTo(sent + 1);
	}

	@Test
	void aBatchAnswerWithLeadsTheBrokerDidNotTakeIsNotRememberedSoItsRetryTriesThemAgain() {
		as("hubspot");
		for (int i = 0; i < 2; i++) {
			this.idempotency.once("leads/batch", "key-3", List.of(Map.of("email", "a@b.com")), () -> {
				this.handled.incrementAndGet();
				return ResponseEntity.ok(Map.of("unacknowledged", 1));
			}, (answer) -> false);
		}
		assertThat(this.handled).hasValue(2);
	}

	private ResponseEntity<?> send(String key, Object request) {
		return this.idempotency.once("lead", key, request, () -> {
			this.handled.incrementAndGet();
			return ResponseEntity.accepted().body(Map.of("n", this.handled.get()));
		});
	}

	private static void as(String client) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(client, null, List.of()));
	}

}
