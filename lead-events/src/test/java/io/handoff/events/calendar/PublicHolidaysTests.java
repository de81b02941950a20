package io.handoff.events.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Public holidays come from Jollyday's calendars by country and region, for any year. */
class PublicHolidaysTests {

	@Test
	void theUnitedStatesFederalHolidaysAreDaysOffInAnyYearOnTheDayTheyAreObserved() {
		PublicHolidays us = new PublicHolidays("US", null);

		assertThat(us.on(LocalDate.of(2026, 11, 26)))
			.hasValueSatisfying((name) -> assertThat(name).contains("Thanksgiving"));
		assertThat(us.on(LocalDate.of(2026, 12, 25))).isPresent();
		// Independence Day 2026 is a Saturday: it is observed on Friday, 3 July.
		assertThat(us.on(LocalDate.of(2026, 7, 3))).isPresent();
		assertThat(us.on(LocalDate.of(2031, 11, 27)))
			.hasValueSatisfying((name) -> assertThat(name).contains("Thanksgiving"));
		assertThat(us.on(LocalDate.of(2026, 12, 1))).isEmpty();
		// New Year's Day 2028 is a Saturday: it is observed on Friday, 31 December 2027.
		assertThat(us.on(LocalDate.of(2027, 12, 31)))
			.hasValueSatisfying((name) -> assertThat(name).contains("New Year"));
	}

	@Test
	void aRegionAddsItsOwnHolidays() {
		// Epiphany is a public holiday in Bavaria, not in Berlin.
		assertThat(new PublicHolidays("de", "BY").on(LocalDate.of(2026, 1, 6))).isPresent();
		assertThat(new PublicHolidays("DE", "be").on(LocalDate.of(2026, 1, 6))).isEmpty();
		assertThat(new PublicHolidays("DE", null).on(LocalDate.of(2026, 10, 3))).isPresent();
	}

	@Test
	void anUnknownCountryIsRefusedNamingWhatToGive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PublicHolidays("Atlantis", null))
			.withMessageContaining("'ATLANTIS'")
			.withMessageContaining("ISO 3166");
	}

	@Test
	void aCalendarWithACountryIsClosedOnItsHolidaysAndSaysWhy() {
		BusinessCalendar chicago = new CalendarSettings(ZoneId.of("America/Chicago"), null, LocalTime.of(9, 0),
				LocalTime.of(17, 0), Set.of(LocalDate.of(2026, 12, 24)), "US", "il")
			.toCalendar();

		assertThat(chicago.closedAt(Instant.parse("2026-11-26T16:00:00Z"))).startsWith("a day off: ")
			.contains("Thanksgiving");
		assertThat(chicago.closedAt(Instant.parse("2026-12-24T16:00:00Z")))
			.isEqualTo("a day off: a company holiday (2026-12-24, America/Chicago)");
		assertThat(chicago.closedAt(Instant.parse("2026-12-01T16:00:00Z"))).isNull();
		assertThat(chicago.closedAt(Instant.parse("2026-12-01T02:00:00Z"))).startsWith("outside working hours");
		assertThat(chicago.days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
				DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
		// Thanksgiving counts no working time: a lead assigned the evening before is due
		// the day after.
		assertThat(chicago.plus(Instant.parse("2026-11-25T22:59:00Z"), Duration.ofMinutes(2)))
			.isEqualTo(Instant.parse("2026-11-27T15:01:00Z"));
	}

}
