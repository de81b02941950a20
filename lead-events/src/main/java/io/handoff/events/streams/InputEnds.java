package io.handoff.events.streams;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * Where a Streams application's inputs ended at moments in time, so that it can tell
 * whether it has read everything written to a topic before a moment: sla-monitor takes a
 * step that fell due only once it has read the touches, returns and outcomes written
 * before it (a touch in time still waiting in its topic raises no breach), and an event
 * read before the assignment it follows waits until the application has read
 * {@code leads.assigned} as far as it ended then ({@link EarlyEvents}).
 */
public interface InputEnds {

	/**
	 * Inputs that never hold anything back: every partition empty, as far as anyone
	 * knows.
	 */
	InputEnds NOTHING_WRITTEN = (topic, partition, at) -> OptionalLong.of(0);

	/**
	 * The end offset of {@code topic}'s {@code partition} at a moment no earlier than
	 * {@code at} (the earliest such moment known), or empty when it has not been seen
	 * since {@code at}: everything written to it before {@code at} lies below that
	 * offset.
	 */
	OptionalLong endSince(String topic, int partition, Instant at);

	/**
	 * How far the application itself has committed its reading of {@code topic}'s
	 * {@code partition} (everything below it has been taken), or empty when unknown: a
	 * floor under what a task notes itself, which holds after an upgrade (nothing noted
	 * yet) and for records the task could not read.
	 */
	default OptionalLong committed(String topic, int partition) {
		return OptionalLong.empty();
	}

}
