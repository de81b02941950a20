package io.handoff.sla.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A business calendar as configured ({@code handoff.sla.calendars.<team>} or {@code handoff.sla.default-calendar}).
 *
 * @param zone the time zone (default UTC)
 * @param days the working days (default Monday to Friday)
 * @param opens when the day opens (default 09:00)
 * @param closes when it closes (default 17:00)
 * @param holidays the public holidays
 */
public record CalendarSettings(@Nullable ZoneId zone, @Nullable Set<DayOfWeek> days, @Nullable LocalTime opens,
		@Nullable LocalTime closes, @Nullable Set<LocalDate> holidays) {

	public BusinessCalendar toCalendar() {
		return new BusinessCalendar((this.zone != null) ? this.zone : ZoneId.of("UTC"),
				(this.days != null && !this.days.isEmpty()) ? this.days : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
				(this.opens != null) ? this.opens : LocalTime.of(9, 0),
				(this.closes != null) ? this.closes : LocalTime.of(17, 0),
				(this.holidays != null) ? this.holidays : Set.of());
	}

}
