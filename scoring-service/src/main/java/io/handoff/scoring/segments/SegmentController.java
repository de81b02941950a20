package io.handoff.scoring.segments;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import io.handoff.instances.ClusterStores;
import io.handoff.instances.StoreFigure;
import io.handoff.scoring.scores.LeadProfile;
import io.handoff.scoring.scores.ScoringTopology;

/**
 * {@code GET /api/v1/segments}: the segments of the leads of a period ranked by
 * conversion (with its interval), won amount per lead or cost per won lead, and a model
 * of conversion on their attributes. Counted where the leads live: each instance counts
 * its own, and only the counts travel.
 */
@RestController
class SegmentController {

	/**
	 * The fewest leads a segment shown to a caller who reads only their own leads may
	 * have.
	 */
	static final int PRIVATE_BELOW = 30;

	/** The period counted when none is asked for: outcomes come weeks after a lead. */
	static final Duration DEFAULT_PERIOD = Duration.ofDays(90);

	private final ClusterStores stores;

	private final SegmentCosts costs;

	private final Clock clock;

	private final StoreFigure<LeadProfile, SegmentOutcomes> outcomes;

	SegmentController(ClusterStores stores, SegmentCosts costs, Clock clock) {
		this.stores = stores;
		this.costs = costs;
		this.clock = clock;
		this.outcomes = stores.register(
				StoreFigure.of("segment-outcomes", ScoringTopology.PROFILES_STORE, LeadProfile.class,
						SegmentOutcomes.class, (profiles, asked) -> SegmentOutcomes.of(profiles,
								Instant.parse(asked.get("from")), Instant.parse(asked.get("to"))),
						SegmentOutcomes::plus));
	}

	@GetMapping("/api/v1/segments")
	Ranked segments(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
			@RequestParam(defaultValue = "30") int minLeads,
			@RequestParam(defaultValue = "CONVERSION") SegmentRanking.Sort sort,
			@RequestParam(defaultValue = "100") int limit, Authentication authentication) {
		Instant end = (to != null) ? to : this.clock.instant();
		Instant start = (from != null) ? from : end.minus(DEFAULT_PERIOD);
		if (!start.isBefore(end) || Duration.between(start, end).compareTo(Duration.ofDays(3660)) > 0) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"'from' (" + start + ") must be before 'to' (" + end + "), at most ten years apart");
		}
		if (minLeads < 1 || minLeads > 100_000) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"minLeads: between 1 and 100000; got " + minLeads);
		}
		if (!Caller.of(authentication).readsEveryLead() && minLeads < PRIVATE_BELOW) {
			// A segment of a handful of leads would tell a rep the outcome and amount of
			// another rep's lead.
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "minLeads: at least " + PRIVATE_BELOW
					+ " for a caller who reads only their own leads; got " + minLeads);
		}
		if (limit < 1 || limit > 1000) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit: between 1 and 1000; got " + limit);
		}
		SegmentOutcomes counted = this.stores.figure(this.outcomes,
				Map.of("from", start.toString(), "to", end.toString()));
		return new Ranked(SegmentRanking.of(counted, start, end, minLeads, this.costs.costPerLead(), sort, limit),
				this.costs.currency(), this.costs.costPerLead());
	}

	/**
	 * The ranking with what its money figures are in.
	 *
	 * @param ranking the ranking
	 * @param currency the currency of amounts and costs
	 * @param costPerLead the cost per lead per source it used
	 */
	record Ranked(SegmentRanking ranking, String currency, Map<String, BigDecimal> costPerLead) {
	}

}
