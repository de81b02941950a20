package io.handoff.events.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * When the SLA clock runs: working hours on working days in a time zone, except public
 * holidays. Durations the agreement gives in business hours are added and measured here,
 * so a lead assigned on Friday evening is due on Monday morning, and a daylight-saving
 * change neither adds nor removes working time.
 *
 * @param zone the time zone of the rep or team
 * @param days the working days
 * @param opens when the working day starts (local time)
 * @param closes when it ends (local time, after {@code opens})
 * @param holidays the company's own days off
 * @param publicHolidays the public holidays of a country (and region), on which nobody
 * works, if any
 */
public record BusinessCalendar(ZoneId zone, Set<DayOfWeek> days, LocalTime opens, LocalTime closes,
		Set<LocalDate> holidays, @Nullable PublicHolidays publicHolidays) {

	/**
	 * Every hour of every day: clocks run in plain elapsed time (demos, round-the-clock
	 * teams).
	 */
	public static final BusinessCalendar ALWAYS = new BusinessCalendar(ZoneId.of("UTC"), EnumSet.allOf(DayOfWeek.class),
			LocalTime.MIDNIGHT, LocalTime.MAX, Set.of(), null);

	/** A calendar with the company's own days off only. */
	public BusinessCalendar(ZoneId zone, Set<DayOfWeek> days, LocalTime opens, LocalTime closes,
			Set<LocalDate> holidays) {
		this(zone, days, opens, closes, holidays, null);
	}

	/**
	 * The most days searched for the next working day: a calendar with none in this span
	 * is refused.
	 */
	private static final int MAX_DAYS = 3660;

	public BusinessCalendar {
		days = Set.copyOf(days);
		holidays = Set.copyOf(holidays);
		if (days.isEmpty()) {
			throw new IllegalArgumentException("A business calendar needs at least one working day");
		}
		if (!opens.isBefore(closes)) {
			throw new IllegalArgumentException("A working day must close after it opens; got " + opens + "-" + closes);
		}
	}

	/** Whether this calendar counts every instant. */
	public boolean always() {
		return this.days.size() == 7 && this.opens.equals(LocalTime.MIDNIGHT) && this.closes.equals(LocalTime.MAX)
				&& this.holidays.isEmpty() && this.publicHolidays == null;
	}

	/**
	 * The instant when {@code businessTime} of working time has passed from
	 * {@code start}.
	 */
	public Instant plus(Instant start, Duration businessTime) {
		if (always()) {
			return start.plus(businessTime);
		}
		Duration left = businessTime;
		ZonedDateTime at = start.atZone(this.zone);
		for (int day = 0; day <= MAX_DAYS; day++) {
			LocalDate date = at.toLocalDate();
			if (working(date)) {
				ZonedDateTime open = date.atTime(this.opens).atZone(this.zone);
				ZonedDateTime close = closing(date);
				ZonedDateTime from = at.isAfter(open) ? at : open;
				if (from.isBefore(close)) {
					Duration today = Duration.between(from, close);
					if (left.compareTo(today) <= 0) {
						return from.plus(left).toInstant();
					}
					left = left.minus(today);
				}
			}
			at = date.plusDays(1).atStartOfDay(this.zone);
		}
		throw new IllegalStateException("No working time within " + MAX_DAYS + " days of " + start);
	}

	/**
	 * The working time between {@code from} and {@code to} (zero when {@code to} is not
	 * after {@code from}).
	 */
	public Duration between(Instant from, Instant to) {
		if (!to.isAfter(from)) {
			return Duration.ZERO;
		}
		if (always()) {
			return Duration.between(from, to);
		}
		Duration total = Duration.ZERO;
		ZonedDateTime end = to.atZone(this.zone);
		for (LocalDate date = from.atZone(this.zone).toLocalDate(); !date.isAfter(end.toLocalDate()); date = date
			.plusDays(1)) {
			if (!working(date)) {
				continue;
			}
			Instant open = date.atTime(this.opens).atZone(this.zone).toInstant();
			Instant close = closing(date).toInstant();
			Instant start = from.isAfter(open) ? from : open;
			Instant stop = to.isBefore(close) ? to : close;
			if (stop.isAfter(start)) {
				total = total.plus(Duration.between(start, stop));
			}
		}
		return total;
	}

	private boolean working(LocalDate date) {
		return this.days.contains(date.getDayOfWeek()) && dayOff(date).isEmpty();
	}

	/**
	 * Why {@code date} is a day off though a working day of the week: a holiday of the
	 * company's, or a public one.
	 */
	public Optional<String> dayOff(LocalDate date) {
		if (this.holidays.contains(date)) {
			return Optional.of("a company holiday");
		}
		return (this.publicHolidays != null) ? this.publicHolidays.on(date) : Optional.empty();
	}

	/**
	 * Why nobody works at {@code at} by this calendar (a day off or outside the hours),
	 * or {@code null} when it is working time.
	 */
	public @Nullable String closedAt(Instant at) {
		if (always()) {
			return null;
		}
		ZonedDateTime local = at.atZone(this.zone);
		Optional<String> off = dayOff(local.toLocalDate());
		if (off.isPresent()) {
			return "a day off: " + off.get() + " (" + local.toLocalDate() + ", " + this.zone + ")";
		}
		if (!this.days.contains(local.getDayOfWeek()) || local.toLocalTime().isBefore(this.opens)
				|| !local.isBefore(closing(local.toLocalDate()))) {
			return "outside working hours (" + this.opens + "-" + this.closes + " " + this.zone + ")";
		}
		return null;
	}

	private ZonedDateTime closing(LocalDate date) {
		// LocalTime.MAX means the end of the day: the next midnight.
		return this.closes.equals(LocalTime.MAX) ? date.plusDays(1).atStartOfDay(this.zone)
				: date.atTime(this.closes).atZone(this.zone);
	}

}
