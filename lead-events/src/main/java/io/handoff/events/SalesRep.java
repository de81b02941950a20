package io.handoff.events;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.handoff.events.calendar.BusinessCalendar;

/**
 * A sales rep who can be given leads. On the compacted {@code sales.reps} topic, keyed by
 * rep id.
 *
 * @param repId stable id
 * @param name full name
 * @param email work email
 * @param team the team (regional office) the rep sells in
 * @param territories territories the rep covers
 * @param weight share of round robin relative to peers (1 is normal)
 * @param maxOpenLeads most leads the rep may hold open at once
 * @param timeZone IANA time zone
 * @param workingHours when the rep works, in their time zone; {@code null} for round the
 * clock
 * @param outOfOffice periods the rep is away
 * @param manager the rep's manager
 * @param active whether the rep takes leads
 */
public record SalesRep(String repId, String name, @Nullable String email, String team, List<String> territories,
		int weight, int maxOpenLeads, String timeZone, @Nullable WorkingHours workingHours, List<Absence> outOfOffice,
		@Nullable String manager, boolean active) {

	public SalesRep {
		territories = Lists.copyOf(territories);
		outOfOffice = Lists.copyOf(outOfOffice);
	}

	/** A rep who works round the clock and is never away. */
	public SalesRep(String repId, String name, @Nullable String email, String team, List<String> territories,
			int weight, int maxOpenLeads, String timeZone, @Nullable String manager, boolean active) {
		this(repId, name, email, team, territories, weight, maxOpenLeads, timeZone, null, List.of(), manager, active);
	}

	/**
	 * Why the rep cannot take a lead at {@code now}, or {@code null} when they can.
	 * Capacity is the router's to judge, since only it knows the open leads.
	 * @param now the moment of assignment
	 * @param workingHoursOnly whether the agreement gives leads only inside working hours
	 */
	public @Nullable String unavailableAt(Instant now, boolean workingHoursOnly) {
		return unavailableAt(now, workingHoursOnly, null);
	}

	/**
	 * Why the rep cannot take a lead at {@code now}, or {@code null} when they can, by
	 * their business calendar too: where working hours apply, nobody takes a lead on a
	 * day off of the calendar (a public holiday of its country, a company holiday), nor
	 * outside its hours when the rep has no working hours of their own.
	 * @param now the moment of assignment
	 * @param workingHoursOnly whether the agreement gives leads only inside working hours
	 * @param calendar the rep's business calendar (their own, else their team's), if
	 * there is one
	 */
	public @Nullable String unavailableAt(Instant now, boolean workingHoursOnly, @Nullable BusinessCalendar calendar) {
		Unavailable unavailable = unavailability(now, workingHoursOnly, calendar);
		return (unavailable != null) ? unavailable.text() : null;
	}

	/**
	 * Why the rep cannot take a lead at {@code now}, as a kind and in words, or
	 * {@code null} when they can: what
	 * {@link #unavailableAt(Instant, boolean, io.handoff.events.calendar.BusinessCalendar)}
	 * says, with the kind a fairness report counts passes by.
	 */
	public @Nullable Unavailable unavailability(Instant now, boolean workingHoursOnly,
			@Nullable BusinessCalendar calendar) {
		if (!this.active) {
			return new Unavailable(Unavailable.Kind.INACTIVE, this.name + " is not taking leads (inactive)");
		}
		for (Absence absence : this.outOfOffice) {
			if (absence.covers(now)) {
				return new Unavailable(Unavailable.Kind.AWAY, this.name + " is out of office until " + absence.until()
						+ ((absence.note() != null) ? " (" + absence.note() + ")" : ""));
			}
		}
		if (workingHoursOnly && this.workingHours != null
				&& !this.workingHours.includes(now.atZone(ZoneId.of(this.timeZone)))) {
			return new Unavailable(Unavailable.Kind.OUTSIDE_HOURS,
					this.name + " is outside working hours (" + this.workingHours.text() + " " + this.timeZone + ")");
		}
		if (workingHoursOnly && calendar != null) {
			Optional<String> dayOff = calendar.dayOff(now.atZone(calendar.zone()).toLocalDate());
			if (dayOff.isPresent()) {
				return new Unavailable(Unavailable.Kind.HOLIDAY, this.name + " is off: " + dayOff.get() + " ("
						+ now.atZone(calendar.zone()).toLocalDate() + ")");
			}
			String closed = (this.workingHours == null) ? calendar.closedAt(now) : null;
			if (closed != null) {
				return new Unavailable(Unavailable.Kind.OUTSIDE_HOURS, this.name + " is " + closed);
			}
		}
		return null;
	}

	/**
	 * Why a rep cannot take a lead now.
	 *
	 * @param kind which kind of reason
	 * @param text the reason in words
	 */
	public record Unavailable(Kind kind, String text) {

		/** The kinds of reason a rep is passed over for before capacity is looked at. */
		public enum Kind {

			/** The rep does not take leads. */
			INACTIVE,
			/** Out of office. */
			AWAY,
			/** Outside the rep's working hours, or their calendar's. */
			OUTSIDE_HOURS,
			/** A day off of the rep's business calendar. */
			HOLIDAY

		}

	}

	/**
	 * Working days and hours, for example {@code Mon-Fri 09:00-17:00}.
	 *
	 * @param days the working days
	 * @param start when work starts, local time
	 * @param end when work ends, local time
	 */
	public record WorkingHours(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

		public WorkingHours {
			// In week order, the same in every process (an immutable copy of Java's own
			// would iterate in any).
			days = (days == null || days.isEmpty()) ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(days));
			if (!end.isAfter(start)) {
				throw new IllegalArgumentException("Working hours must end after they start: " + start + "-" + end);
			}
		}

		/** Whether {@code at} falls inside these hours. */
		public boolean includes(ZonedDateTime at) {
			LocalTime time = at.toLocalTime();
			return this.days.contains(at.getDayOfWeek()) && !time.isBefore(this.start) && time.isBefore(this.end);
		}

		/**
		 * The hours as people write them: {@code Mon-Fri 09:00-17:00} or
		 * {@code Mon,Wed,Fri 08:00-12:00}.
		 */
		public String text() {
			List<DayOfWeek> sorted = this.days.stream().sorted().toList();
			boolean run = !sorted.isEmpty()
					&& sorted.get(sorted.size() - 1).getValue() - sorted.get(0).getValue() == sorted.size() - 1;
			String dayText = (run && sorted.size() > 2)
					? name(sorted.get(0)) + "-" + name(sorted.get(sorted.size() - 1))
					: sorted.stream().map(WorkingHours::name).collect(Collectors.joining(","));
			return dayText + " " + this.start + "-" + this.end;
		}

		/**
		 * Reads {@code Mon-Fri 09:00-17:00}: days as a range or a comma-separated list of
		 * three-letter names, then the hours.
		 * @throws IllegalArgumentException saying what is wrong
		 */
		public static WorkingHours parse(String text) {
			String[] parts = text.strip().split("\\s+");
			if (parts.length != 2) {
				throw new IllegalArgumentException(
						"working hours '" + text + "' should read like 'Mon-Fri 09:00-17:00'");
			}
			Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
			for (String item : parts[0].split(",")) {
				String[] range = item.split("-");
				DayOfWeek first = day(range[0], text);
				DayOfWeek last = (range.length > 1) ? day(range[1], text) : first;
				for (DayOfWeek day = first;; day = day.plus(1)) {
					days.add(day);
					if (day == last) {
						break;
					}
				}
			}
			String[] hours = parts[1].split("-");
			try {
				return new WorkingHours(days, LocalTime.parse(hours[0]), LocalTime.parse(hours[1]));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException(
						"working hours '" + text + "' should give hours like 09:00-17:00 (end after start)", ex);
			}
		}

		private static DayOfWeek day(String name, String text) {
			for (DayOfWeek day : DayOfWeek.values()) {
				if (name(day).equalsIgnoreCase(name)) {
					return day;
				}
			}
			throw new IllegalArgumentException(
					"working hours '" + text + "': '" + name + "' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
		}

		private static String name(DayOfWeek day) {
			return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
		}

	}

	/**
	 * A period the rep is away.
	 *
	 * @param from first moment away
	 * @param until the moment they are back
	 * @param note what people should know, such as "parental leave"
	 */
	public record Absence(Instant from, Instant until, @Nullable String note) {

		public Absence {
			if (!until.isAfter(from)) {
				throw new IllegalArgumentException("An absence must end after it starts: " + from + "/" + until);
			}
		}

		/** Whether the rep is away at {@code at}. */
		public boolean covers(Instant at) {
			return !at.isBefore(this.from) && at.isBefore(this.until);
		}

	}

}
