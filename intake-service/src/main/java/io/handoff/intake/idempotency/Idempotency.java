package io.handoff.intake.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Makes client retries safe: the first successful answer to an {@code Idempotency-Key} is the answer to every retry
 * with that key for a day, and the event is written once. A retry that arrives while the first request is still
 * running waits for its answer. Refusals and failures are not remembered: the client may correct and retry. A key
 * reused for a different request is refused with 422. Keys are kept per instance, for the last 100,000 requests.
 */
@Component
public class Idempotency {

	/** The request header that carries the key. */
	public static final String HEADER = "Idempotency-Key";

	private static final int MAX_KEYS = 100_000;

	private static final Duration KEPT_FOR = Duration.ofHours(24);

	private final Clock clock;

	private final Map<String, Entry> answers = new LinkedHashMap<>(1024, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
			return size() > MAX_KEYS;
		}

	};

	public Idempotency(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Answers {@code request} once per {@code key} within {@code scope} (the endpoint).
	 * @param request the request body, to tell a retry from a different request under the same key
	 */
	public ResponseEntity<?> once(String scope, @Nullable String key, Object request,
			Supplier<ResponseEntity<?>> handler) {
		if (key == null || key.isBlank()) {
			return handler.get();
		}
		if (key.length() > 255) {
			throw new KeyMisusedException("The Idempotency-Key must be at most 255 characters long");
		}
		String id = scope + ":" + key;
		int fingerprint = Objects.hashCode(request);
		CompletableFuture<ResponseEntity<?>> answer = new CompletableFuture<>();
		Entry existing;
		synchronized (this.answers) {
			existing = this.answers.get(id);
			if (existing != null && existing.storedAt().plus(KEPT_FOR).isBefore(this.clock.instant())) {
				existing = null;
			}
			if (existing == null) {
				this.answers.put(id, new Entry(answer, fingerprint, this.clock.instant()));
			}
		}
		if (existing != null) {
			if (existing.fingerprint() != fingerprint) {
				throw new KeyMisusedException("The Idempotency-Key '" + key
						+ "' was already used for a different request; use a new key for a new request");
			}
			return await(existing.answer(), scope, key, request, handler);
		}
		try {
			ResponseEntity<?> response = handler.get();
			answer.complete(response);
			return response;
		}
		catch (RuntimeException ex) {
			synchronized (this.answers) {
				this.answers.remove(id);
			}
			answer.completeExceptionally(ex);
			throw ex;
		}
	}

	private ResponseEntity<?> await(CompletableFuture<ResponseEntity<?>> first, String scope, String key,
			Object request, Supplier<ResponseEntity<?>> handler) {
		try {
			return first.get();
		}
		catch (ExecutionException ex) {
			// The first attempt failed and was forgotten: this retry is a first attempt of its own.
			return once(scope, key, request, handler);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the first request with this key", ex);
		}
	}

	private record Entry(CompletableFuture<ResponseEntity<?>> answer, int fingerprint, Instant storedAt) {
	}

	/** An Idempotency-Key used wrongly; answered with 422. */
	public static class KeyMisusedException extends RuntimeException {

		public KeyMisusedException(String message) {
			super(message);
		}

	}

}
