package io.handoff.console.review;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import io.handoff.access.PersonTokens;

import static org.assertj.core.api.Assertions.assertThat;

class ReviewMailerTests {

	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	/** Wednesday 2 December 2026, 14:00 in Berlin. */
	static final Instant STARTED = Instant.parse("2026-12-02T13:00:00Z");

	@Test
	void lastWeeksReviewIsDueFromMondaysHourInTheCompanysTimeZoneAndCaughtUpForTwoDays() {
		ReviewMailer mailer = mailer(false);

		assertThat(mailer.due(Instant.parse("2026-12-07T06:59:00Z"))).as("Monday 07:59 in Berlin").isEmpty();
		assertThat(mailer.due(Instant.parse("2026-12-07T07:00:00Z"))).as("Monday 08:00 in Berlin")
			.containsExactly(new ReviewMailer.Due("weekly:2026-11-30", LocalDate.parse("2026-11-30")));
		assertThat(mailer.due(Instant.parse("2026-12-09T06:59:00Z"))).as("Wednesday 07:59: still caught up").hasSize(1);
		assertThat(mailer.due(Instant.parse("2026-12-09T07:00:00Z"))).as("Wednesday 08:00: too late").isEmpty();
	}

	@Test
	void theReviewAtStartIsTheWeekTheInstanceStartedInOnlyAndOnlyAfterItsDelay() {
		ReviewMailer mailer = mailer(true);

		assertThat(mailer.due(STARTED.plusSeconds(30))).isEmpty();
		ReviewMailer.Due atStart = new ReviewMailer.Due("start:2026-11-30", LocalDate.parse("2026-11-30"));
		assertThat(mailer.due(STARTED.plusSeconds(61))).containsExactly(atStart);
		// The next Monday brings last week's review, not another "at start" one for the
		// new week.
		assertThat(mailer.due(Instant.parse("2026-12-07T09:00:00Z")))
			.containsExactly(new ReviewMailer.Due("weekly:2026-11-30", LocalDate.parse("2026-11-30")), atStart);
	}

	@Test
	void afterEachFailureInARowTheMailerWaitsTwiceAsLongUpToAnHour() {
		assertThat(ReviewMailer.retryAfter(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(ReviewMailer.retryAfter(2)).isEqualTo(Duration.ofMinutes(1));
		assertThat(ReviewMailer.retryAfter(3)).isEqualTo(Duration.ofMinutes(2));
		assertThat(ReviewMailer.retryAfter(7)).isEqualTo(Duration.ofMinutes(32));
		assertThat(ReviewMailer.retryAfter(8)).isEqualTo(Duration.ofHours(1));
		assertThat(ReviewMailer.retryAfter(1_000)).isEqualTo(Duration.ofHours(1));
	}

	private static ReviewMailer mailer(boolean sendOnStart) {
		ReviewSettings settings = new ReviewSettings(BERLIN, List.of("marketing@example.com"), "handoff@localhost",
				LocalTime.of(8, 0), sendOnStart, Duration.ofMinutes(1), "executive",
				URI.create("http://localhost:8080"), "ledger");
		MockEnvironment environment = new MockEnvironment();
		return new ReviewMailer(settings, null, null, null, environment,
				Optional.of(Clock.fixed(STARTED, ZoneOffset.UTC)), PersonTokens.of(null, null, Clock.systemUTC()));
	}

}
