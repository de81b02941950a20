package io.handoff.events.calendar;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The business calendars as routing and sla-monitor bind them, from one place. */
class BusinessCalendarsTests {

	@Test
	void aRepsOwnCalendarComesBeforeTheTeamsAndTheTeamsBeforeTheFallback() {
		BusinessCalendars.Built calendars = BusinessCalendars
			.from(environment(Map.of("handoff.calendars.teams.Central.zone", "America/Chicago",
					"handoff.calendars.teams.Central.country", "US", "handoff.calendars.reps.remote-rep.zone",
					"Europe/Berlin", "handoff.calendars.fallback.zone", "UTC")));

		assertThat(calendars.of("anna", "Central").orElseThrow().zone()).isEqualTo(ZoneId.of("America/Chicago"));
		assertThat(calendars.of("anna", "Central").orElseThrow().closedAt(Instant.parse("2026-11-26T16:00:00Z")))
			.contains("Thanksgiving");
		assertThat(calendars.of("remote-rep", "Central").orElseThrow().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
		assertThat(calendars.of("zoe", "West").orElseThrow().zone()).isEqualTo(ZoneId.of("UTC"));
		assertThat(BusinessCalendars.from(environment(Map.of())).of("zoe", "West")).isEmpty();
	}

	@Test
	void theSharedFileGivesTheDemoTeamsTheirZonesAndTheUsPublicHolidays() throws Exception {
		StandardEnvironment environment = new StandardEnvironment();
		for (PropertySource<?> source : new YamlPropertySourceLoader().load("handoff-calendars.yml",
				new ClassPathResource("handoff-calendars.yml"))) {
			environment.getPropertySources().addLast(source);
		}

		BusinessCalendars.Built calendars = BusinessCalendars.from(environment);

		assertThat(calendars.of("anna-snelling", "Central").orElseThrow().zone())
			.isEqualTo(ZoneId.of("America/Chicago"));
		assertThat(calendars.of("x", "West").orElseThrow().closedAt(Instant.parse("2026-12-25T18:00:00Z")))
			.contains("Christmas");
	}

	@Test
	void theCalendarsSlaMonitorKeptAloneBeforeAreRefusedNamingWhatReplacesThem() {
		assertThatIllegalStateException()
			.isThrownBy(() -> BusinessCalendars
				.from(environment(Map.of("handoff.sla.calendars.Central.zone", "America/Chicago"))))
			.withMessageContaining("handoff.sla.calendars is no longer read")
			.withMessageContaining("handoff.calendars.teams.<team>");
	}

	private static StandardEnvironment environment(Map<String, Object> settings) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
		return environment;
	}

}
