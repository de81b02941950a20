package io.handoff.console.review;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.handoff.console.services.Services;

/**
 * Asks each service for its part of a week's review, as whoever is signed in (or as the
 * e-mail's reader): a service that does not answer, or refuses, fails the review with its
 * reason.
 */
@Component
class ReviewSources {

	private final Services services;

	private final ReviewSettings settings;

	ReviewSources(Services services, ReviewSettings settings) {
		this.services = services;
		this.settings = settings;
	}

	/** The Monday of the week {@code day} is in. */
	static LocalDate monday(LocalDate day) {
		return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
	}

	/** Today, where the review's weeks are counted. */
	LocalDate today() {
		return LocalDate.now(this.settings.timeZone());
	}

	/** The review of the week of {@code day}. */
	WeeklyReview review(LocalDate day) {
		LocalDate monday = monday(day);
		Instant from = monday.atStartOfDay(this.settings.timeZone()).toInstant();
		Instant to = monday.plusWeeks(1).atStartOfDay(this.settings.timeZone()).toInstant();
		Instant weekBefore = monday.minusWeeks(1).atStartOfDay(this.settings.timeZone()).toInstant();
		Map<String, Object> handoffs = this.services.scoring()
			.get("/api/v1/handoffs/weekly?week={week}&zone={zone}&weeks={weeks}", monday,
					this.settings.timeZone().getId(), WeeklyReview.WEEKS);
		Map<String, Object> agreement = this.services.scoring().get("/api/v1/agreements/active");
		Map<String, Object> compliance = this.services.sla().get("/api/v1/compliance?from={from}&to={to}", from, to);
		Map<String, Object> complianceBefore = this.services.sla()
			.get("/api/v1/compliance?from={from}&to={to}", weekBefore, from);
		Map<String, Object> scorecard = this.services.arbitration()
			.get("/api/v1/scorecard?from={from}&to={to}", from, to);
		Map<String, Object> segments = this.services.scoring()
			.get("/api/v1/segments?to={to}&minLeads=30&sort=CONVERSION&limit=1000", to);
		List<Map<String, Object>> teams = this.services.routing().list("/api/v1/teams");
		return WeeklyReview.of(monday, this.settings.timeZone(), new WeeklyReview.Answers(handoffs, agreement,
				compliance, complianceBefore, scorecard, segments, teams));
	}

}
