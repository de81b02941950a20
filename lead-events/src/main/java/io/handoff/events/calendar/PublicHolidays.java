package io.handoff.events.calendar;

import java.time.LocalDate;
import java.time.Year;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import org.jspecify.annotations.Nullable;

/**
 * The public holidays of a country, and of one of its regions, from Jollyday's maintained
 * calendars: any year, no list to keep up to date. A holiday that falls on a weekend
 * counts on the day it is observed, where the country moves it.
 *
 * @param country the ISO 3166 country code ({@code US}, {@code DE})
 * @param region the region's code within it, as Jollyday names it ({@code ca} for
 * California, {@code by} for Bavaria), or {@code null} for the holidays of the whole
 * country
 */
public record PublicHolidays(String country, @Nullable String region) {

	/** Every year's holidays, looked up once per calendar and year. */
	private static final Map<String, Map<LocalDate, String>> YEARS = new ConcurrentHashMap<>();

	public PublicHolidays {
		country = country.strip().toUpperCase(Locale.ROOT);
		region = (region == null || region.isBlank()) ? null : region.strip().toLowerCase(Locale.ROOT);
		if (!HolidayManager.getSupportedCalendarCodes().contains(country)) {
			throw new IllegalArgumentException("No public holidays are known for the country '" + country
					+ "'; use an ISO 3166 code such as US, GB or DE");
		}
	}

	/**
	 * The holiday on {@code date}, by name, if it is one (a next year's holiday observed
	 * on 31 December too).
	 */
	public Optional<String> on(LocalDate date) {
		String holiday = year(date.getYear()).get(date);
		if (holiday == null && date.getMonthValue() == 12) {
			holiday = year(date.getYear() + 1).get(date);
		}
		return Optional.ofNullable(holiday);
	}

	private Map<LocalDate, String> year(int year) {
		return YEARS.computeIfAbsent(this.country + '|' + this.region + '|' + year, (key) -> {
			HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(this.country));
			String[] regions = (this.region != null) ? new String[] { this.region } : new String[0];
			Map<LocalDate, String> days = new HashMap<>();
			for (Holiday holiday : manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, regions)) {
				days.put(holiday.getDate(), holiday.getDescription(Locale.ENGLISH));
			}
			return Map.copyOf(days);
		});
	}

}
