package io.handoff.events.calendar;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The business calendars of the sales organisation, in one place
 * ({@code handoff.calendars}, in {@code handoff-calendars.yml}, which routing and
 * sla-monitor both import): routing gives no lead to a rep on a day off where the
 * agreement assigns in working hours only, and sla-monitor runs the rep's clocks on the
 * same calendar.
 *
 * @param teams the calendar of each team, by team name
 * @param reps the calendar of a rep who keeps other hours or holidays than their team, by
 * rep id
 * @param fallback the calendar of a team without one ({@code null}: round the clock)
 */
public record BusinessCalendars(Map<String, CalendarSettings> teams, Map<String, CalendarSettings> reps,
		@Nullable CalendarSettings fallback) {

	/** No calendars: every clock runs round the clock, and no day is off. */
	public static final BusinessCalendars NONE = new BusinessCalendars(null, null, null);

	public BusinessCalendars {
		teams = (teams != null) ? Map.copyOf(teams) : Map.of();
		reps = (reps != null) ? Map.copyOf(reps) : Map.of();
	}

	/**
	 * The calendars of {@code handoff.calendars} in {@code environment}, built: the one
	 * binding routing and sla-monitor share. The calendars sla-monitor kept alone before
	 * ({@code handoff.sla.calendars}, {@code handoff.sla.default-calendar}) are refused,
	 * so none is silently dropped.
	 */
	public static Built from(Environment environment) {
		Binder binder = Binder.get(environment);
		for (String old : List.of("handoff.sla.calendars", "handoff.sla.default-calendar")) {
			if (binder.bind(old, Bindable.mapOf(String.class, Object.class)).isBound()) {
				throw new IllegalStateException(old + " is no longer read: the business calendars are shared by "
						+ "routing and sla-monitor as handoff.calendars.teams.<team>, .reps.<repId> and .fallback "
						+ "(docs/sla.md)");
			}
		}
		return binder.bindOrCreate("handoff.calendars", BusinessCalendars.class).build();
	}

	/** The calendars, each built once. */
	public Built build() {
		return new Built(built(this.teams), built(this.reps),
				(this.fallback != null) ? this.fallback.toCalendar() : null);
	}

	private static Map<String, BusinessCalendar> built(Map<String, CalendarSettings> settings) {
		return settings.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, (entry) -> entry.getValue().toCalendar()));
	}

	/**
	 * The calendars, built.
	 *
	 * @param teams by team
	 * @param reps by rep id
	 * @param fallback for a team without one
	 */
	public record Built(Map<String, BusinessCalendar> teams, Map<String, BusinessCalendar> reps,
			@Nullable BusinessCalendar fallback) {

		/**
		 * The rep's own calendar if there is one, else the team's, else the fallback;
		 * none if nothing is set.
		 */
		public Optional<BusinessCalendar> of(String repId, String team) {
			BusinessCalendar own = this.reps.get(repId);
			if (own != null) {
				return Optional.of(own);
			}
			return Optional.ofNullable(this.teams.getOrDefault(team, this.fallback));
		}

	}

}
