package io.handoff.arbitration.scorecard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.arbitration.cases.Case;
import io.handoff.arbitration.cases.CaseFiles;

/**
 * {@code GET /api/v1/scorecard?from=&to=} (the last 30 days unless given), and the open
 * cases as a metric.
 */
@RestController
class ScorecardController {

	private final CaseFiles files;

	private final Clock clock;

	ScorecardController(CaseFiles files, Clock clock, MeterRegistry meters) {
		this.files = files;
		this.clock = clock;
		Gauge.builder("handoff.cases.open", this, ScorecardController::openCases)
			.description("Cases waiting for the judge, in the partitions this instance runs")
			.register(meters);
	}

	@GetMapping("/api/v1/scorecard")
	Scorecard scorecard(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to) {
		Instant now = this.clock.instant();
		Instant end = (to != null) ? to : now;
		Instant start = (from != null) ? from : end.minus(Duration.ofDays(30));
		if (!start.isBefore(end)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"'from' (" + start + ") must be before 'to' (" + end + ")");
		}
		return Scorecard.of(this.files.cases(), this.files::evidence, this.files.refusedReturns(), start, end, now);
	}

	private double openCases() {
		try {
			// This instance's share: the cases of the partitions it runs (the sum over
			// instances counts each once).
			return this.files.casesHere().stream().filter((found) -> found.status() == Case.Status.OPEN).count();
		}
		catch (RuntimeException ex) {
			// The stores are not queryable while Kafka Streams starts or rebalances.
			return Double.NaN;
		}
	}

}
