package io.handoff.intake.events;

import java.time.Clock;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.handoff.events.LeadReturned;
import io.handoff.intake.events.EventKind.Submission;
import io.handoff.intake.publishing.Accepted;
import io.handoff.intake.publishing.EventPublisher;

/**
 * The one path every event takes, whichever door it came in by: read and normalized by
 * its kind, then written to Kafka and acknowledged before it counts as accepted.
 */
@Component
public class EventIntake {

	private final EventPublisher publisher;

	private final Clock clock;

	private final ReturnReasons returnReasons;

	public EventIntake(EventPublisher publisher, Clock clock, ReturnReasons returnReasons) {
		this.publisher = publisher;
		this.clock = clock;
		this.returnReasons = returnReasons;
	}

	/** Reads, holds to the agreement in force, writes and acknowledges one event. */
	public Accepted accept(EventKind kind, Map<String, @Nullable Object> body) {
		Submission<?> submission = kind.read(body, this.clock.instant());
		if (submission.event() instanceof LeadReturned returned) {
			this.returnReasons.check(returned);
		}
		publish(submission);
		return new Accepted(submission.leadId(), submission.eventId());
	}

	private <V> void publish(Submission<V> submission) {
		this.publisher.publish(submission.topic(), submission.leadId(), submission.event());
	}

}
