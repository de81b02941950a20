package io.handoff.intake.idempotency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import io.handoff.events.LeadEventsJson;
import io.handoff.intake.events.EventIds;

/**
 * Makes client retries safe: the first successful answer to an {@code Idempotency-Key} is
 * the answer to every retry with that key for a day, and the event is written once. A
 * retry that arrives while the first request is still running waits for its answer.
 * Refusals and failures are not remembered: the client may correct and retry. Keys are
 * each client's own (two platforms that both send key {@code 1} do not share it); a key
 * reused for a different request (told apart by the SHA-256 of the request) is refused
 * with 422. Keys are kept per instance, in at most {@value #MAX_BYTES} bytes, the least
 * recently used given up first.
 */
@Component
public class Idempotency {

	/** The request header that carries the key. */
	public static final String HEADER = "Idempotency-Key";

	/** What the remembered keys may take of the heap, as estimated by {@link #bytes}. */
	static final long MAX_BYTES = 32L * 1024 * 1024;

	private static final Duration KEPT_FOR = Duration.ofHours(24);

	private final Clock clock;

	private final LinkedHashMap<String, Entry> answers = new LinkedHashMap<>(1024, 0.75f, true);

	private long bytes;

	public Idempotency(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Answers {@code request} once per {@code key} within {@code scope} (the endpoint).
	 * @param request the request body, to tell a retry from a different request under the
	 * same key
	 */
	public ResponseEntity<?> once(String scope, @Nullable String key, Object request,
			Supplier<ResponseEntity<?>> handler) {
		return once(scope, key, request, handler, (answer) -> true);
	}

	/**
	 * As {@link #once(String, String, Object, Supplier)}, remembering the answer only
	 * when {@code settled} says it is final (a batch with leads the broker did not take
	 * is not: its retry must try them again).
	 */
	public ResponseEntity<?> once(String scope, @Nullable String key, Object request,
			Supplier<ResponseEntity<?>> handler, Predicate<ResponseEntity<?>> settled) {
		if (key == null || key.isBlank()) {
			return handler.get();
		}
		if (key.length() > 255) {
			throw new KeyMisusedException("The Idempotency-Key must be at most 255 characters long");
		}
		String id = client() + "\n" + scope + "\n" + key;
		byte[] fingerprint = fingerprint(request);
		CompletableFuture<ResponseEntity<?>> answer = new CompletableFuture<>();
		Entry existing;
		synchronized (this.answers) {
			existing = this.answers.get(id);
			if (existing != null && existing.storedAt().plus(KEPT_FOR).isBefore(this.clock.instant())) {
				forget(id);
				existing = null;
			}
			if (existing == null) {
				this.answers.put(id, new Entry(answer, fingerprint, this.clock.instant()));
				this.bytes += bytes(id);
				evict();
			}
		}
		if (existing != null) {
			if (!MessageDigest.isEqual(existing.fingerprint(), fingerprint)) {
				throw new KeyMisusedException("The Idempotency-Key '" + key
						+ "' was already used for a different request; use a new key for a new request");
			}
			return await(existing.answer(), scope, key, request, handler, settled);
		}
		try {
			// Its events named after the request, so a retry that reaches another
			// instance writes the same events.
			ResponseEntity<?> response = EventIds.within(id + "\n" + HexFormat.of().formatHex(fingerprint), handler);
			synchronized (this.answers) {
				if (!settled.test(response)) {
					forget(id);
				}
				else if (this.answers.get(id) != null) {
					// What the answer itself takes: a batch's answer can be far bigger
					// than its key.
					long size = bytes(response);
					this.answers.get(id).size = size;
					this.bytes += size;
					evict();
				}
			}
			answer.complete(response);
			return response;
		}
		catch (RuntimeException ex) {
			synchronized (this.answers) {
				forget(id);
			}
			answer.completeExceptionally(ex);
			throw ex;
		}
	}

	private ResponseEntity<?> await(CompletableFuture<ResponseEntity<?>> first, String scope, String key,
			Object request, Supplier<ResponseEntity<?>> handler, Predicate<ResponseEntity<?>> settled) {
		try {
			return first.get();
		}
		catch (ExecutionException ex) {
			// The first attempt failed and was forgotten: this retry is a first attempt
			// of its own.
			return once(scope, key, request, handler, settled);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the first request with this key", ex);
		}
	}

	/**
	 * Gives up the least recently used keys until the rest fit; called holding the lock.
	 */
	private void evict() {
		while (this.bytes > MAX_BYTES && !this.answers.isEmpty()) {
			forget(this.answers.keySet().iterator().next());
		}
	}

	/** Forgets a key; called holding the lock. */
	private void forget(String id) {
		Entry forgotten = this.answers.remove(id);
		if (forgotten != null) {
			this.bytes -= bytes(id) + forgotten.size;
		}
	}

	/**
	 * About what an answer takes in memory: twice its JSON (the objects behind it are
	 * bigger than their text).
	 */
	private static long bytes(ResponseEntity<?> answer) {
		return (answer.getBody() != null) ? 2L * LeadEventsJson.mapper().writeValueAsBytes(answer.getBody()).length : 0;
	}

	/**
	 * About what a remembered key takes: its text, the request's hash, the answer and the
	 * map's own entry.
	 */
	static long bytes(String id) {
		return 2L * id.length() + 32 + 400;
	}

	/** Who is asking: keys are each client's own. */
	private static String client() {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		return (caller != null) ? caller.getName() : "";
	}

	/**
	 * The SHA-256 of the request as JSON: a retry sends the same request, field for
	 * field.
	 */
	private static byte[] fingerprint(Object request) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(LeadEventsJson.mapper().writeValueAsBytes(request));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	private static final class Entry {

		final CompletableFuture<ResponseEntity<?>> answer;

		final byte[] fingerprint;

		final Instant storedAt;

		/** What the answer takes, once it is known. */
		long size;

		Entry(CompletableFuture<ResponseEntity<?>> answer, byte[] fingerprint, Instant storedAt) {
			this.answer = answer;
			this.fingerprint = fingerprint;
			this.storedAt = storedAt;
		}

		CompletableFuture<ResponseEntity<?>> answer() {
			return this.answer;
		}

		byte[] fingerprint() {
			return this.fingerprint;
		}

		Instant storedAt() {
			return this.storedAt;
		}

	}

	/** An Idempotency-Key used wrongly; answered with 422. */
	public static class KeyMisusedException extends RuntimeException {

		public KeyMisusedException(String message) {
			super(message);
		}

	}

}
