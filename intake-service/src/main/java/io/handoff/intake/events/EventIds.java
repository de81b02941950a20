package io.handoff.intake.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The ids of the events a request writes. A request with an {@code Idempotency-Key} names
 * its events after its client, endpoint, key and body, in the order it writes them: its
 * retry, at whichever instance and however long after a restart, writes events with the
 * very same ids, which scoring recognises and takes once. Any other request's events get
 * random ids.
 */
public final class EventIds {

	private static final ThreadLocal<@Nullable Request> current = new ThreadLocal<>();

	private EventIds() {
	}

	/** The id of the next event this request writes. */
	public static UUID next() {
		Request request = current.get();
		return (request != null) ? request.next() : UUID.randomUUID();
	}

	/**
	 * Runs {@code work} naming its events after {@code request} (client, endpoint, key
	 * and the body's digest).
	 */
	public static <T> T within(String request, Supplier<T> work) {
		Request previous = current.get();
		current.set(new Request(request));
		try {
			return work.get();
		}
		finally {
			current.set(previous);
		}
	}

	private static final class Request {

		private final String seed;

		private int written;

		Request(String seed) {
			this.seed = seed;
		}

		UUID next() {
			return UUID.nameUUIDFromBytes((this.seed + "\n" + this.written++).getBytes(StandardCharsets.UTF_8));
		}

	}

}
