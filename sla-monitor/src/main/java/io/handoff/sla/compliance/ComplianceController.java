package io.handoff.sla.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.access.Caller;
import io.handoff.sla.clock.SlaClock;
import io.handoff.sla.clock.SlaClocks;

/**
 * {@code GET /api/v1/compliance?from=&to=}: SLA compliance per rep and team for the leads
 * assigned in the period (the last 30 days unless given).
 */
@RestController
class ComplianceController {

	private final SlaClocks clocks;

	ComplianceController(SlaClocks clocks) {
		this.clocks = clocks;
	}

	@GetMapping("/api/v1/compliance")
	Compliance compliance(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
			Authentication authentication) {
		Instant end = (to != null) ? to : Instant.now();
		Instant start = (from != null) ? from : end.minus(Duration.ofDays(30));
		if (!start.isBefore(end)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"'from' (" + start + ") must be before 'to' (" + end + ")");
		}
		Caller caller = Caller.of(authentication);
		List<SlaClock> all = new ArrayList<>();
		this.clocks.forEach((clock) -> {
			if (caller.mayReadLeadOf(clock.repId())) {
				all.add(clock);
			}
		});
		Compliance figures = Compliance.of(all, start, end);
		// A sales rep sees their own figures; their team's would count only their own
		// leads, so they are left out.
		return !caller.readsEveryLead() ? new Compliance(figures.from(), figures.to(), figures.reps(), Map.of())
				: figures;
	}

}
