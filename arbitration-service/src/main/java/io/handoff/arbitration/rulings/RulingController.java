package io.handoff.arbitration.rulings;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.access.Caller;
import io.handoff.arbitration.cases.Case;
import io.handoff.arbitration.cases.CaseFiles;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.Ruling;
import io.handoff.events.RulingSubmitted;
import io.handoff.events.Topics;

/**
 * {@code POST /api/v1/cases/{caseId}/ruling}: the judge rules, with a written reason,
 * once per case. The ruling is submitted on {@code arbitration.submissions}; the case's
 * one owner among the instances takes the first submission and publishes it on
 * {@code arbitration.rulings}, from where the other services carry it out. The answer
 * waits for that decision: {@code 201} when this ruling is the case's, {@code 409} naming
 * the ruling taken instead (two judges, two instances, one case: one ruling), {@code 202}
 * when the case has not shown it within {@link #DECISION_WAIT} (the submission is kept
 * and decided in order; the case shows the ruling taken).
 */
@RestController
class RulingController {

	private static final int MAX_REASON = 4000;

	/**
	 * How long the answer waits for the case's owner to take the ruling: it takes about a
	 * commit interval (100 ms); short enough for the console's read timeout (3 s).
	 */
	static final Duration DECISION_WAIT = Duration.ofSeconds(2);

	/** The roles of the parties: a judge must hold none of them. */
	private static final Set<String> PARTIES = Set.of("MARKETING_OPS", "SALES_OPS", "SALES_MANAGER", "SALES_REP",
			"SALES_TOOL", "LEAD_SOURCE");

	private final CaseFiles files;

	private final KafkaTemplate<String, String> submissions;

	private final Clock clock;

	RulingController(CaseFiles files, KafkaTemplate<String, String> kafka, Clock clock) {
		this.files = files;
		this.submissions = kafka;
		this.clock = clock;
	}

	@PostMapping("/api/v1/cases/{caseId}/ruling")
	ResponseEntity<Ruling> rule(@PathVariable UUID caseId, @RequestBody Map<String, @Nullable Object> body,
			Authentication judge) throws Exception {
		Caller caller = Caller.of(judge);
		if (caller.roles().stream().anyMatch(PARTIES::contains)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, caller.name()
					+ " also holds a marketing or sales role; the judge must be neutral, never a party to the case");
		}
		Ruling.Decision decision = decision(body.get("decision"));
		Object reason = body.get("reason");
		if (!(reason instanceof String text) || text.isBlank() || text.length() > MAX_REASON) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "reason: write why you rule as you do (1 to "
					+ MAX_REASON + " characters); both sides will read it");
		}
		Case found = this.files.get(caseId);
		if (found == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No case " + caseId + "; GET /api/v1/cases lists them");
		}
		if (found.ruling() != null) {
			throw ruledBefore(found.ruling());
		}
		RulingSubmitted submitted = new RulingSubmitted(UUID.randomUUID(), this.clock.instant(), found.leadId(), caseId,
				decision, text.strip(), caller.name());
		try {
			this.submissions
				.send(Topics.ARBITRATION_SUBMISSIONS.name(), found.leadId().toString(),
						LeadEventsJson.mapper().writeValueAsString(submitted))
				.get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			// Not acknowledged: the judge is told to rule again, and a ruling that did
			// land is taken once anyway.
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"The broker did not acknowledge the ruling: rule again in a moment (a case is ruled once, so a "
							+ "ruling that did arrive is not taken twice)");
		}
		URI location = URI.create("/api/v1/cases/" + caseId);
		Ruling taken = awaitRuling(caseId, found.leadId());
		if (taken == null) {
			return ResponseEntity.accepted().location(location).body(submitted.ruling());
		}
		if (!taken.eventId().equals(submitted.eventId())) {
			throw ruledBefore(taken);
		}
		return ResponseEntity.created(location).body(taken);
	}

	/**
	 * The ruling the case shows once its owner has decided, or {@code null} if it does
	 * not within the wait: read in the lead's partition only; a store moving meanwhile (a
	 * failover) is waited out, not answered as a failure, since the submission is already
	 * kept.
	 */
	private @Nullable Ruling awaitRuling(UUID caseId, UUID leadId) {
		long deadline = System.nanoTime() + DECISION_WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				Case now = this.files.get(caseId, leadId);
				if (now != null && now.ruling() != null) {
					return now.ruling();
				}
				Thread.sleep(50);
			}
			catch (InvalidStateStoreException ex) {
				// restoring or moving: read again until the deadline
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
		return null;
	}

	private static ResponseStatusException ruledBefore(Ruling earlier) {
		return new ResponseStatusException(HttpStatus.CONFLICT,
				"Case " + earlier.caseId() + " was ruled " + earlier.decision() + " by " + earlier.judge() + " at "
						+ earlier.occurredAt() + "; a case is ruled once");
	}

	private static Ruling.Decision decision(@Nullable Object value) {
		List<Ruling.Decision> writable = LeadEventsJson.writable(Ruling.Decision.class);
		return writable.stream()
			.filter((decision) -> decision.name().equals(value))
			.findFirst()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"decision: one of " + writable + "; got " + value));
	}

}
