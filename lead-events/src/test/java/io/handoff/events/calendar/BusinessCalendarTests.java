package io.handoff.events.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BusinessCalendarTests {

	static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

	final BusinessCalendar central = new BusinessCalendar(CHICAGO, WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0),
			Set.of(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 25)));

	@Test
	void timeWithinOneWorkingDayIsPlainTime() {
		assertThat(this.central.plus(chicago(2026, 11, 23, 10, 0), Duration.ofHours(4)))
			.isEqualTo(chicago(2026, 11, 23, 14, 0));
	}

	@Test
	void whatDoesNotFitTodayCarriesOverToTheNextWorkingMorning() {
		assertThat(this.central.plus(chicago(2026, 11, 23, 15, 0), Duration.ofHours(4)))
			.isEqualTo(chicago(2026, 11, 24, 11, 0));
	}

	@Test
	void aLeadAssignedOnFridayEveningIsDueOnMondayMorning() {
		assertThat(this.central.plus(chicago(2026, 11, 20, 18, 30), Duration.ofHours(2)))
			.isEqualTo(chicago(2026, 11, 23, 11, 0));
		assertThat(this.central.plus(chicago(2026, 11, 21, 12, 0), Duration.ofMinutes(30)))
			.isEqualTo(chicago(2026, 11, 23, 9, 30));
	}

	@Test
	void publicHolidaysAreSkipped() {
		// Wednesday afternoon before Thanksgiving: Thursday is a holiday, so the clock
		// resumes on Friday.
		assertThat(this.central.plus(chicago(2026, 11, 25, 16, 0), Duration.ofHours(2)))
			.isEqualTo(chicago(2026, 11, 27, 10, 0));
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
