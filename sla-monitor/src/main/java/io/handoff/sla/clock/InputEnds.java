package io.handoff.sla.clock;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * Where sla-monitor's inputs ended at moments in time, so that a step falls due only once
 * sla-monitor has read what was written before it: a touch, a return or an outcome still
 * waiting in its topic (after a restart, or under lag) then counts before the breach it
 * would have prevented, and no breach is raised for a rep who was in time.
 */
public interface InputEnds {

	/**
	 * Inputs that never hold a step back: every partition empty, as far as anyone knows.
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
	 * How far sla-monitor's own Streams application has committed its reading of
	 * {@code topic}'s {@code partition} (everything below it has been taken into the
	 * clocks), or empty when unknown: a floor under what a task notes itself, which holds
	 * after an upgrade (nothing noted yet) and for records the task could not read.
	 */
	default OptionalLong committed(String topic, int partition) {
		return OptionalLong.empty();
	}

}
