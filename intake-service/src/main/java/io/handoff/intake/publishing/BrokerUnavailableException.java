package io.handoff.intake.publishing;

import org.jspecify.annotations.Nullable;

import io.handoff.events.Topic;

/**
 * The broker did not acknowledge a write: the event was not accepted and the client must
 * retry.
 */
public class BrokerUnavailableException extends RuntimeException {

	public BrokerUnavailableException(Topic<?> topic, @Nullable Throwable cause) {
		super("Kafka did not acknowledge the write to " + topic.name(), cause);
	}

}
