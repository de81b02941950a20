package io.handoff.events.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BusinessCalendarTests {

	static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

	final BusinessCalendar central = new BusinessCalendar(CHICAGO, WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0),
			Set.of(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 25)));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					time within one working day is plain time                        | 2026-11-23T10:00 | PT4H  | 2026-11-23T14:00
					what does not fit today carries over to the next working morning | 2026-11-23T15:00 | PT4H  | 2026-11-24T11:00
					a lead assigned on Friday evening is due on Monday morning       | 2026-11-20T18:30 | PT2H  | 2026-11-23T11:00
					a lead assigned on Saturday is due on Monday morning             | 2026-11-21T12:00 | PT30M | 2026-11-23T09:30
					public holidays are skipped: Thanksgiving Thursday resumes Friday | 2026-11-25T16:00 | PT2H  | 2026-11-27T10:00
					""")
	void workingTimeCountsOnlyTheWorkingHoursOfWorkingDays(String what, LocalDateTime from, Duration time,
			LocalDateTime due) {
		assertThat(this.central.plus(from.atZone(CHICAGO).toInstant(), time))
			.isEqualTo(due.atZone(CHICAGO).toInstant());
	}

	@Test
	void theRepsTimeZoneDecidesWhenTheDayStarts() {
		BusinessCalendar berlin = new BusinessCalendar(ZoneId.of("Europe/Berlin"), WEEKDAYS, LocalTime.of(9, 0),
				LocalTime.of(17, 0), Set.of());
		Instant noonUtc = Instant.parse("2026-11-23T12:00:00Z");

		// 13:00 in Berlin, 06:00 in Chicago.
		assertThat(berlin.plus(noonUtc, Duration.ofHours(1))).isEqualTo(Instant.parse("2026-11-23T13:00:00Z"));
		assertThat(this.central.plus(noonUtc, Duration.ofHours(1))).isEqualTo(chicago(2026, 11, 23, 10, 0));
	}

	@Test
	void aDaylightSavingChangeNeitherAddsNorRemovesWorkingTime() {
		BusinessCalendar roundTheClock = new BusinessCalendar(CHICAGO, EnumSet.allOf(DayOfWeek.class),
				LocalTime.MIDNIGHT, LocalTime.MAX, Set.of(LocalDate.of(2027, 1, 1)));
		// Clocks went back one hour in Chicago on 2026-11-01 at 02:00: that night had 25
		// hours.
		Instant saturdayNoon = chicago(2026, 10, 31, 12, 0);
		assertThat(roundTheClock.plus(saturdayNoon, Duration.ofHours(24)))
			.isEqualTo(saturdayNoon.plus(Duration.ofHours(24)));
		assertThat(Duration.between(saturdayNoon, chicago(2026, 11, 1, 12, 0))).isEqualTo(Duration.ofHours(25));
		// On working hours the change falls outside the day: Friday 16:00 + 2 h is Monday
		// 10:00, local time.
		assertThat(this.central.plus(chicago(2026, 10, 30, 16, 0), Duration.ofHours(2)))
			.isEqualTo(chicago(2026, 11, 2, 10, 0));
	}

	@Test
	void workingTimeBetweenTwoInstantsCountsOnlyOpenHours() {
		assertThat(this.central.between(chicago(2026, 11, 20, 16, 0), chicago(2026, 11, 23, 10, 0)))
			.isEqualTo(Duration.ofHours(2));
		assertThat(this.central.between(chicago(2026, 11, 25, 16, 0), chicago(2026, 11, 27, 10, 0)))
			.isEqualTo(Duration.ofHours(2));
		assertThat(this.central.between(chicago(2026, 11, 23, 10, 0), chicago(2026, 11, 23, 9, 0))).isZero();
	}

	@Test
	void alwaysIsPlainElapsedTime() {
		Instant start = Instant.parse("2026-11-21T23:59:00Z");
		assertThat(BusinessCalendar.ALWAYS.plus(start, Duration.ofSeconds(90))).isEqualTo(start.plusSeconds(90));
		assertThat(BusinessCalendar.ALWAYS.between(start, start.plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void aCalendarWithoutWorkingTimeIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new BusinessCalendar(CHICAGO, Set.of(), LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of()));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new BusinessCalendar(CHICAGO, WEEKDAYS, LocalTime.of(17, 0), LocalTime.of(9, 0), Set.of()));
	}

	private static Instant chicago(int year, int month, int day, int hour, int minute) {
		return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, CHICAGO).toInstant();
	}

}
