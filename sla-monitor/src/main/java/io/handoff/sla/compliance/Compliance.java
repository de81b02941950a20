package io.handoff.sla.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.handoff.events.SlaEvent;
import io.handoff.sla.clock.SlaClock;

/**
 * SLA compliance per rep and per team over the leads assigned in a period: how many were
 * touched in time, the median business time to the first touch, how many breached, were
 * ignored, or missed their follow-up attempts.
 *
 * @param from the start of the period (inclusive)
 * @param to its end (exclusive)
 * @param reps the figures per rep
 * @param teams the figures per team
 */
public record Compliance(Instant from, Instant to, Map<String, Figures> reps, Map<String, Figures> teams) {

	/** The figures of the clocks assigned within {@code [from, to)}. */
	public static Compliance of(Collection<SlaClock> clocks, Instant from, Instant to) {
		List<SlaClock> inPeriod = clocks.stream()
			.filter((clock) -> !clock.assignedAt().isBefore(from) && clock.assignedAt().isBefore(to))
			.toList();
		return new Compliance(from, to, figures(inPeriod, SlaClock::repId), figures(inPeriod, SlaClock::team));
	}

	private static Map<String, Figures> figures(List<SlaClock> clocks, Function<SlaClock, String> by) {
		Map<String, List<SlaClock>> groups = new TreeMap<>();
		clocks.forEach((clock) -> groups.computeIfAbsent(by.apply(clock), (key) -> new ArrayList<>()).add(clock));
		Map<String, Figures> figures = new TreeMap<>();
		groups.forEach((key, group) -> figures.put(key, Figures.of(group)));
		return figures;
	}

	/**
	 * One rep's or team's figures.
	 *
	 * @param assigned leads assigned
	 * @param touchedInTime leads first touched by their deadline
	 * @param shareTouchedInTime that share of the leads whose deadline has passed or that
	 * were touched
	 * @param medianTimeToFirstTouch the median business time from assignment to first
	 * touch, of the touched leads
	 * @param breached leads whose first touch came late or never
	 * @param ignored leads never touched within the grace period
	 * @param followUpsMissed leads whose agreed follow-up attempts were not made in time
	 * @param attempts the attempts (calls, emails, meetings) made on the leads
	 * @param attemptsPerLead those per lead assigned
	 */
	public record Figures(int assigned, int touchedInTime, @Nullable Double shareTouchedInTime,
			@Nullable Duration medianTimeToFirstTouch, int breached, int ignored, int followUpsMissed, int attempts,
			@Nullable Double attemptsPerLead) {

		static Figures of(List<SlaClock> clocks) {
			int inTime = 0;
			int decided = 0;
			int breached = 0;
			int ignored = 0;
			int followUps = 0;
			int attempts = 0;
			List<Duration> times = new ArrayList<>();
			for (SlaClock clock : clocks) {
				boolean breach = clock.history()
					.stream()
					.anyMatch((event) -> event.type() == SlaEvent.Type.BREACH
							&& event.clock() == SlaEvent.Clock.FIRST_TOUCH);
				if (clock.touchedInTime()) {
					inTime++;
				}
				if (clock.touchedAt() != null || breach) {
					decided++;
				}
				breached += breach ? 1 : 0;
				ignored += clock.history().stream().anyMatch((event) -> event.type() == SlaEvent.Type.IGNORED) ? 1 : 0;
				followUps += clock.history().stream().anyMatch((event) -> event.clock() == SlaEvent.Clock.FOLLOW_UP) ? 1
						: 0;
				attempts += clock.attempts();
				if (clock.timeToFirstTouch() != null) {
					times.add(clock.timeToFirstTouch());
				}
			}
			times.sort(null);
			Duration median = times.isEmpty() ? null : (times.size() % 2 == 1) ? times.get(times.size() / 2)
					: times.get(times.size() / 2 - 1).plus(times.get(times.size() / 2)).dividedBy(2);
			return new Figures(clocks.size(), inTime, (decided > 0) ? (double) inTime / decided : null, median,
					breached, ignored, followUps, attempts,
					clocks.isEmpty() ? null : (double) attempts / clocks.size());
		}

	}

}
