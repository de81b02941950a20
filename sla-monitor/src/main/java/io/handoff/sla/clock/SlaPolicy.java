package io.handoff.sla.clock;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.handoff.events.SlaTerms;
import io.handoff.events.LeadAgreement;
import io.handoff.events.calendar.BusinessCalendar;
import io.handoff.events.calendar.BusinessCalendars;

/**
 * What sales owes one assigned lead: the agreement's terms for the lead's grade (or the
 * configured overrides), in the business calendar of the rep's team.
 */
final class SlaPolicy {

	/**
	 * Terms when no agreement is in force yet: the starter agreement's least demanding
	 * grade.
	 */
	static final Obligation FALLBACK = new Obligation(Duration.ofHours(24), Duration.ofHours(20), 3,
			Duration.ofDays(14), null);

	private final SlaSettings settings;

	private final BusinessCalendars.Built calendars;

	SlaPolicy(SlaSettings settings, BusinessCalendars.Built calendars) {
		this.settings = settings;
		this.calendars = calendars;
	}

	SlaSettings settings() {
		return this.settings;
	}

	Obligation obligation(@Nullable LeadAgreement agreement, String grade) {
		Obligation terms = FALLBACK;
		if (agreement != null && agreement.sla() != null && !agreement.sla().grades().isEmpty()) {
			SlaTerms.GradeTerms forGrade = agreement.sla().forGrade(grade);
			terms = new Obligation(forGrade.firstTouch(), agreement.sla().ignoredAfter(), forGrade.followUpAttempts(),
					forGrade.followUpWithin(), agreement.sla().reassignAfter());
		}
		return new Obligation((this.settings.firstTouch() != null) ? this.settings.firstTouch() : terms.firstTouch(),
				(this.settings.ignoredAfter() != null) ? this.settings.ignoredAfter() : terms.ignoredAfter(),
				terms.attempts(), terms.within(), terms.reassignAfter());
	}

	/**
	 * The rep's own calendar if one is configured (by rep id), else the team's, else the
	 * default.
	 */
	BusinessCalendar calendar(String repId, String team) {
		if (!this.settings.businessHours()) {
			return BusinessCalendar.ALWAYS;
		}
		return this.calendars.of(repId, team).orElse(BusinessCalendar.ALWAYS);
	}

	/**
	 * The terms of one clock.
	 *
	 * @param firstTouch business time from assignment to the first touch
	 * @param ignoredAfter business time after a missed first touch before the lead counts
	 * as ignored
	 * @param reassignAfter business time after a missed first touch before routing is
	 * asked for another rep, if ever
	 * @param attempts follow-up attempts owed ...
	 * @param within ... within this business time from assignment
	 */
	record Obligation(Duration firstTouch, Duration ignoredAfter, int attempts, Duration within,
			@Nullable Duration reassignAfter) {
	}

}
