package io.handoff.intake.leads;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.events.LeadReceived;
import io.handoff.events.Topics;
import io.handoff.intake.events.EventIntake;
import io.handoff.intake.events.EventKind;
import io.handoff.intake.idempotency.Idempotency;
import io.handoff.intake.problems.FieldProblem;
import io.handoff.intake.problems.InvalidRequestException;
import io.handoff.intake.publishing.EventPublisher;

/**
 * Where marketing platforms send leads, one at a time or in batches.
 */
@RestController
@RequestMapping(path = "/api/v1/leads", consumes = MediaType.APPLICATION_JSON_VALUE)
class LeadController {

	/** The most leads one batch may carry. */
	static final int MAX_BATCH = 1000;

	private final EventIntake intake;

	private final EventPublisher publisher;

	private final Idempotency idempotency;

	private final Clock clock;

	LeadController(EventIntake intake, EventPublisher publisher, Idempotency idempotency, Clock clock) {
		this.intake = intake;
		this.publisher = publisher;
		this.idempotency = idempotency;
		this.clock = clock;
	}

	/** Accepts one lead: {@code 202} with its id once Kafka has it. */
	@PostMapping
	@RolesAllowed("LEAD_SOURCE")
	ResponseEntity<?> submit(@RequestBody Map<String, @Nullable Object> body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
		return this.idempotency.once(EventKind.LEAD.name(), key, body,
				() -> ResponseEntity.accepted().body(this.intake.accept(EventKind.LEAD, body)));
	}

	/**
	 * Accepts up to 1,000 leads as a JSON array, with a result per lead in the order
	 * sent: the good ones are written (and answered {@code 202}) even when others are
	 * refused ({@code 400}, with their problems).
	 */
	@PostMapping("/batch")
	@RolesAllowed("LEAD_SOURCE")
	ResponseEntity<?> submitBatch(@RequestBody List<@Nullable Object> body,
			@RequestHeader(name = Idempotency.HEADER, required = false) @Nullable String key) {
		if (body.size() > MAX_BATCH) {
			throw new InvalidRequestException(List.of(new FieldProblem("[]",
					"a batch holds at most " + MAX_BATCH + " leads, not " + body.size() + "; split it")));
		}
		return this.idempotency.once("leads/batch", key, body, () -> {
			List<Item> results = new ArrayList<>();
			List<LeadReceived> valid = new ArrayList<>();
			for (int i = 0; i < body.size(); i++) {
				results.add(read(i, body.get(i), valid));
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
	private Item read(int index, @Nullable Object element, List<LeadReceived> valid) {
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

	/**
	 * The answer to a batch.
	 *
	 * @param accepted how many leads were written
	 * @param refused how many were not
	 * @param results a result per lead, in the order sent
	 */
	record BatchResult(long accepted, long refused, List<Item> results) {
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
	record Item(int index, int status, @Nullable UUID leadId, @Nullable UUID eventId, List<FieldProblem> errors) {
	}

}
