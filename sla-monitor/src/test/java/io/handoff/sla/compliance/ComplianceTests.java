package io.handoff.sla.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.handoff.events.SlaEvent;
import io.handoff.sla.clock.SlaClock;

import static org.assertj.core.api.Assertions.assertThat;

class ComplianceTests {

	static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");

	@Test
	void figuresPerRepAndTeamOverTheLeadsAssignedInThePeriod() {
		List<SlaClock> clocks = List.of(clock("anna", "Central", Duration.ofHours(1), List.of()),
				clock("anna", "Central", Duration.ofHours(3), List.of()),
				clock("anna", "Central", Duration.ofHours(6), List.of(SlaEvent.Type.BREACH)),
				clock("cecily", "Central", null, List.of(SlaEvent.Type.BREACH, SlaEvent.Type.IGNORED)),
				clock("darcel", "East", null, List.of()));
		SlaClock lastWeek = clock("anna", "Central", null, List.of(SlaEvent.Type.BREACH));
		SlaClock old = new SlaClock(lastWeek.leadId(), "anna", "Central", "B", MONDAY.minus(Duration.ofDays(7)),
				lastWeek.firstTouchDue(), lastWeek.ignoredAt(), 5, lastWeek.followUpDue(), lastWeek.state(), null, null,
				0, null, List.of(), lastWeek.history());

		Compliance compliance = Compliance.of(Stream.concat(clocks.stream(), Stream.of(old)).toList(),
				MONDAY.minus(Duration.ofHours(1)), MONDAY.plus(Duration.ofDays(1)));

		Compliance.Figures anna = compliance.reps().get("anna");
		assertThat(anna.assigned()).isEqualTo(3);
		assertThat(anna.touchedInTime()).isEqualTo(2);
		assertThat(anna.shareTouchedInTime()).isEqualTo(2.0 / 3);
		assertThat(anna.medianTimeToFirstTouch()).isEqualTo(Duration.ofHours(3));
		assertThat(anna.breached()).isEqualTo(1);
		assertThat(anna.attempts()).isEqualTo(3);
		assertThat(anna.attemptsPerLead()).isEqualTo(1.0);
		Compliance.Figures central = compliance.teams().get("Central");
		assertThat(central.assigned()).isEqualTo(4);
		assertThat(central.ignored()).isEqualTo(1);
		assertThat(central.attemptsPerLead()).isEqualTo(3.0 / 4);
		assertThat(central.shareTouchedInTime()).isEqualTo(2.0 / 4);
		// A lead still within its time counts as assigned, not yet as in time or late.
		assertThat(compliance.teams().get("East").shareTouchedInTime()).isNull();
	}

	private static SlaClock clock(String rep, String team, @Nullable Duration touchedAfter,
			List<SlaEvent.Type> events) {
		UUID leadId = UUID.randomUUID();
		Instant due = MONDAY.plus(Duration.ofHours(4));
		List<SlaEvent> history = events.stream()
			.map((type) -> new SlaEvent(UUID.randomUUID(), due, leadId, rep, type, SlaEvent.Clock.FIRST_TOUCH, due))
			.toList();
		Instant touchedAt = (touchedAfter != null) ? MONDAY.plus(touchedAfter) : null;
		return new SlaClock(leadId, rep, team, "B", MONDAY, due, due.plus(Duration.ofHours(20)), 5,
				MONDAY.plus(Duration.ofDays(10)), (touchedAt != null) ? SlaClock.State.TOUCHED : SlaClock.State.RUNNING,
				touchedAt, touchedAfter, (touchedAt != null) ? 1 : 0, null, List.of(), history);
	}

}
