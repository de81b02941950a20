package io.handoff.arbitration.rulings;

import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
import io.handoff.events.Topics;

/**
 * {@code POST /api/v1/cases/{caseId}/ruling}: the judge rules, with a written reason, once per case. The ruling is
 * answered only after the broker has it on {@code arbitration.rulings}, from where the case is closed and the other
 * services carry it out.
 */
@RestController
class RulingController {

	private static final int MAX_REASON = 4000;

	/** The roles of the parties: a judge must hold none of them. */
	private static final java.util.Set<String> PARTIES = java.util.Set.of("MARKETING_OPS", "SALES_OPS", "SALES_MANAGER",
			"SALES_REP", "SALES_TOOL", "LEAD_SOURCE");

	private final CaseFiles files;

	private final KafkaTemplate<String, String> rulings;

	private final Clock clock;

	/** Rulings made here and not yet seen back from the topic, so a second ruling is refused at once. */
	private final Map<UUID, Ruling> ruledHere = new ConcurrentHashMap<>();

	RulingController(CaseFiles files, KafkaTemplate<String, String> kafka, Clock clock) {
		this.files = files;
		this.rulings = kafka;
		this.clock = clock;
	}

	@PostMapping("/api/v1/cases/{caseId}/ruling")
	synchronized ResponseEntity<Ruling> rule(@PathVariable UUID caseId, @RequestBody Map<String, @Nullable Object> body,
			Authentication judge) throws Exception {
		Caller caller = Caller.of(judge);
		if (caller.roles().stream().anyMatch(PARTIES::contains)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, caller.name()
					+ " also holds a marketing or sales role; the judge must be neutral, never a party to the case");
		}
		Ruling.Decision decision = decision(body.get("decision"));
		Object reason = body.get("reason");
		if (!(reason instanceof String text) || text.isBlank() || text.length() > MAX_REASON) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"reason: write why you rule as you do (1 to " + MAX_REASON + " characters); both sides will read it");
		}
		Case found = this.files.get(caseId);
		if (found == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId + "; GET /api/v1/cases lists them");
		}
		Ruling earlier = (found.ruling() != null) ? found.ruling() : this.ruledHere.get(caseId);
		if (earlier != null) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Case " + caseId + " was ruled "
					+ earlier.decision() + " by " + earlier.judge() + " at " + earlier.occurredAt()
					+ "; a case is ruled once");
		}
		Ruling ruling = new Ruling(UUID.randomUUID(), this.clock.instant(), found.leadId(), caseId, decision,
				text.strip(), caller.name());
		this.rulings
			.send(Topics.ARBITRATION_RULINGS.name(), found.leadId().toString(),
					LeadEventsJson.mapper().writeValueAsString(ruling))
			.get(30, TimeUnit.SECONDS);
		this.ruledHere.put(caseId, ruling);
		return ResponseEntity.created(URI.create("/api/v1/cases/" + caseId)).body(ruling);
	}

	private static Ruling.Decision decision(@Nullable Object value) {
		return Arrays.stream(Ruling.Decision.values())
			.filter((decision) -> decision.name().equals(value))
			.findFirst()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "decision: one of "
					+ Arrays.toString(Ruling.Decision.values()) + "; got " + value));
	}

	@Configuration(proxyBeanMethods = false)
	static class RulingPublishing {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

	}

}
