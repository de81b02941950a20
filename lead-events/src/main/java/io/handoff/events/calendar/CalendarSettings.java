package io.handoff.events.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * A business calendar as configured ({@code handoff.calendars.teams.<team>},
 * {@code handoff.calendars.reps.<repId>} or {@code handoff.calendars.fallback}).
 *
 * @param zone the time zone (default UTC)
 * @param days the working days (default Monday to Friday)
 * @param opens when the day opens (default 09:00)
 * @param closes when it closes (default 17:00)
 * @param holidays the company's own days off, besides the public holidays
 * @param country the country whose public holidays are days off (ISO 3166: {@code US}),
 * if any
 * @param region the region within it whose holidays count too ({@code ca}), if any
 */
public record CalendarSettings(@Nullable ZoneId zone, @Nullable Set<DayOfWeek> days, @Nullable LocalTime opens,
		@Nullable LocalTime closes, @Nullable Set<LocalDate> holidays, @Nullable String country,
		@Nullable String region) {

	/**
	 * The settings as configured: bound through this constructor, the record's own, not
	 * the shorter one below.
	 */
	@ConstructorBinding
	public CalendarSettings {
	}

	/** A calendar without public holidays. */
	public CalendarSettings(@Nullable ZoneId zone, @Nullable Set<DayOfWeek> days, @Nullable LocalTime opens,
			@Nullable LocalTime closes, @Nullable Set<LocalDate> holidays) {
		this(zone, days, opens, closes, holidays, null, null);
	}

	public BusinessCalendar toCalendar() {
		return new BusinessCalendar((this.zone != null) ? this.zone : ZoneId.of("UTC"),
				(this.days != null && !this.days.isEmpty()) ? this.days
						: EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
				(this.opens != null) ? this.opens : LocalTime.of(9, 0),
				(this.closes != null) ? this.closes : LocalTime.of(17, 0),
				(this.holidays != null) ? this.holidays : Set.of(), (this.country != null && !this.country.isBlank())
						? new PublicHolidays(this.country, this.region) : null);
	}

}
