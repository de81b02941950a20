package io.handoff.intake.events;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.handoff.events.LeadReceived;
import io.handoff.events.LeadReturned;
import io.handoff.events.Topics;
import io.handoff.intake.events.EventKind.Submission;
import io.handoff.intake.idempotency.Idempotency;
import io.handoff.intake.leads.LeadForm;
import io.handoff.intake.problems.FieldProblem;
import io.handoff.intake.problems.InvalidRequestException;
import io.handoff.intake.publishing.Accepted;
import io.handoff.intake.publishing.EventPublisher;

/**
 * The one path every event takes, whichever door it came in by: read and normalized by
 * its kind, then written to Kafka and acknowledged before it counts as accepted.
 */
@Component
public class EventIntake {

	/** The most leads one batch may carry. */
	public static final int MAX_BATCH = 1000;

	private final EventPublisher publisher;

	private final Clock clock;

	private final ReturnReasons returnReasons;

	private final Idempotency idempotency;

	public EventIntake(EventPublisher publisher, Clock clock, ReturnReasons returnReasons, Idempotency idempotency) {
		this.publisher = publisher;
		this.clock = clock;
		this.returnReasons = returnReasons;
		this.idempotency = idempotency;
	}

	/**
	 * One event sent over HTTP, answered {@code 202} with what was accepted: once per
	 * idempotency {@code key} within {@code scope}, so a retry gets the first answer and
	 * writes nothing again.
	 */
	public ResponseEntity<?> acceptOnce(String scope, @Nullable String key, EventKind kind,
			Map<String, @Nullable Object> body) {
		return this.idempotency.once(scope, key, body, () -> ResponseEntity.accepted().body(accept(kind, body)));
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

	/**
	 * Up to {@link #MAX_BATCH} leads, answered with a result per lead in the order sent:
	 * the good ones are written even when others are refused; once per idempotency
	 * {@code key}, unless Kafka did not take some of them (their retry must try them
	 * again).
	 */
	public ResponseEntity<?> acceptBatchOnce(@Nullable String key, List<@Nullable Object> body) {
		if (body.size() > MAX_BATCH) {
			throw new InvalidRequestException(List.of(new FieldProblem("[]",
					"a batch holds at most " + MAX_BATCH + " leads, not " + body.size() + "; split it")));
		}
		return this.idempotency.once("leads/batch", key, body, () -> {
			List<Item> results = new ArrayList<>();
			List<LeadReceived> valid = new ArrayList<>();
			for (int i = 0; i < body.size(); i++) {
				results.add(readLead(i, body.get(i), valid));
			}
			List<Boolean> written = this.publisher.publishAll(Topics.LEADS_RECEIVED, valid, LeadReceived::leadId);
			int next = 0;
			for (int i = 0; i < results.size(); i++) {
				if (results.get(i).status() == 202 && !written.get(next++)) {
					results.set(i, new Item(i, 503, results.get(i).leadId(), null, List
						.of(new FieldProblem("[" + i + "]", "Kafka did not acknowledge this lead; send it again"))));
				}
			}
			long accepted = results.stream().filter((item) -> item.status() == 202).count();
			return ResponseEntity.ok(new BatchResult(accepted, results.size() - accepted, results));
		}, (answer) -> answer.getBody() instanceof BatchResult batch
				&& batch.results().stream().noneMatch((item) -> item.status() == 503));
	}

	@SuppressWarnings("unchecked")
	private Item readLead(int index, @Nullable Object element, List<LeadReceived> valid) {
		if (!(element instanceof Map<?, ?> map)) {
			return new Item(index, 400, null, null,
					List.of(new FieldProblem("[" + index + "]", "must be a lead (a JSON object)")));
		}
		try {
			LeadReceived lead = LeadForm.read((Map<String, @Nullable Object>) map, this.clock.instant());
			valid.add(lead);
			return new Item(index, 202, lead.leadId(), lead.eventId(), List.of());
		}
		catch (InvalidRequestException ex) {
			List<FieldProblem> problems = ex.problems()
				.stream()
				.map((problem) -> new FieldProblem("[" + index + "]." + problem.field(), problem.message()))
				.toList();
			return new Item(index, 400, null, null, problems);
		}
	}

	private <V> void publish(Submission<V> submission) {
		this.publisher.publish(submission.topic(), submission.leadId(), submission.event());
	}

	/**
	 * The answer to a batch.
	 *
	 * @param accepted how many leads were written
	 * @param refused how many were not
	 * @param results a result per lead, in the order sent
	 */
	public record BatchResult(long accepted, long refused, List<Item> results) {
	}

	/**
	 * The result for one lead of a batch.
	 *
	 * @param index its position in the batch
	 * @param status 202 written, 400 refused for its content, 503 not acknowledged by
	 * Kafka
	 * @param leadId its lead id, when it could be read
	 * @param eventId the event written
	 * @param errors what was wrong
	 */
	public record Item(int index, int status, @Nullable UUID leadId, @Nullable UUID eventId,
			List<FieldProblem> errors) {
	}

}
