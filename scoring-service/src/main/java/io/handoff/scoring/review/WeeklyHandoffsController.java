package io.handoff.scoring.review;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
 * {@code GET /api/v1/handoffs/weekly?week=&zone=&weeks=}: what marketing handed to sales
 * in a week (Monday to Sunday in the company's time zone) and the weeks before it, and
 * what became of those leads; gathered from every instance.
 */
@RestController
class WeeklyHandoffsController {

	/** The most weeks one request counts. */
	static final int MAX_WEEKS = 26;

	private final ClusterStores stores;

	private final Clock clock;

	private final StoreFigure<LeadProfile, WeeklyHandoffs> handoffs;

	WeeklyHandoffsController(ClusterStores stores, Clock clock) {
		this.stores = stores;
		this.clock = clock;
		this.handoffs = stores.register(StoreFigure.of("weekly-handoffs", ScoringTopology.PROFILES_STORE,
				LeadProfile.class, WeeklyHandoffs.class,
				(profiles, asked) -> WeeklyHandoffs.of(profiles,
						Arrays.stream(asked.get("starts").split(",")).map(Instant::parse).toList(),
						Instant.parse(asked.get("end"))),
				WeeklyHandoffs::plus));
	}

	@GetMapping("/api/v1/handoffs/weekly")
	WeeklyHandoffs weekly(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate week,
			@RequestParam(defaultValue = "UTC") String zone, @RequestParam(defaultValue = "6") int weeks,
			Authentication authentication) {
		ZoneId timeZone;
		try {
			timeZone = ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"zone: a time zone such as Europe/Berlin or UTC; got '" + zone + "'");
		}
		if (weeks < 1 || weeks > MAX_WEEKS) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"weeks: between 1 and " + MAX_WEEKS + "; got " + weeks);
		}
		LocalDate monday = ((week != null) ? week : LocalDate.now(this.clock.withZone(timeZone)))
			.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		List<Instant> starts = new ArrayList<>();
		for (int back = weeks - 1; back >= 0; back--) {
			starts.add(monday.minusWeeks(back).atStartOfDay(timeZone).toInstant());
		}
		Instant end = monday.plusWeeks(1).atStartOfDay(timeZone).toInstant();
		WeeklyHandoffs counted = this.stores.figure(this.handoffs, Map.of("starts",
				starts.stream().map(Instant::toString).collect(Collectors.joining(",")), "end", end.toString()));
		Caller caller = Caller.of(authentication);
		// A sales rep sees marketing's totals and their own figures, not each
		// colleague's.
		return caller.readsEveryLead() ? counted : counted.onlyRep(caller.repId());
	}

}
