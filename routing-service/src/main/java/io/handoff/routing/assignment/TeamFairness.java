package io.handoff.routing.assignment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;

import io.micrometer.core.instrument.Counter;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Each team's distribution of the day, kept in {@link TeamQueue#FAIRNESS_STORE} for
 * {@link FairnessDay#KEPT_DAYS} days, and its turns, fair shares and passes in the
 * metrics.
 */
final class TeamFairness {

	private final KeyValueStore<String, FairnessDay> days;

	private final Counters counters;

	TeamFairness(KeyValueStore<String, FairnessDay> days, Counters counters) {
		this.days = days;
		this.counters = counters;
	}

	/** A round-robin turn, taken or not. */
	void turn(String team, TeamPick.Pick pick, Instant now) {
		String winner = (pick.turn() != null) ? pick.turn().rep().repId() : null;
		change(team, now, (day) -> day.turn(pick, winner));
		pick.shares()
			.forEach((share) -> this.counters.counter("handoff.routing.fair-share", "team", team, "rep", share.repId())
				.increment(share.share()));
		if (winner != null) {
			this.counters.counter("handoff.routing.turns", "team", team, "rep", winner).increment();
		}
		pick.passes()
			.forEach((pass) -> this.counters
				.counter("handoff.routing.passes", "team", team, "rep", pass.repId(), "reason", pass.reason().name())
				.increment());
	}

	/**
	 * Changes the team's figures of the day of {@code now} (UTC); a new day drops the one
	 * beyond what is kept.
	 */
	void change(String team, Instant now, UnaryOperator<FairnessDay> change) {
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		String key = FairnessDay.key(team, today);
		@Nullable FairnessDay day = this.days.get(key);
		if (day == null) {
			this.days.delete(FairnessDay.key(team, today.minusDays(FairnessDay.KEPT_DAYS)));
		}
		this.days.put(key, change.apply((day != null) ? day : FairnessDay.empty(team, today)));
	}

	/** Where the counters come from: the processor's, looked up once per task. */
	@FunctionalInterface
	interface Counters {

		Counter counter(String name, String... tags);

	}

}
