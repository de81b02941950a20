package io.handoff.sla.clock;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How sla-monitor runs the clocks: the terms come from the agreement in force, the
 * business calendars from {@code handoff.calendars} (shared with routing); these settings
 * say whether the calendars apply, when reps are warned, how often due clocks are fired,
 * and, for demos and trials, terms that override the agreement's.
 *
 * @param warnAt the shares of the allowed first-touch time at which the rep is warned
 * (default 50 % and 80 %)
 * @param businessHours whether clocks run in business hours ({@code false}: round the
 * clock for everyone)
 * @param firstTouch overrides the agreement's time to first touch for every grade
 * @param ignoredAfter overrides the agreement's grace period before a lead counts as
 * ignored
 * @param tick how often due clocks are looked for
 * @param maxPerTick the most clocks fired in one tick, so one tick never stalls the
 * stream
 * @param readWait how long a step that has fallen due waits for sla-monitor to have read
 * the touches, returns and outcomes written before it (default 10 minutes); past it, the
 * step is taken all the same and counted as unconfirmed, so a broker that cannot be read
 * stops no clock for good
 */
@ConfigurationProperties("handoff.sla")
public record SlaSettings(List<Double> warnAt, boolean businessHours, @Nullable Duration firstTouch,
		@Nullable Duration ignoredAfter, Duration tick, int maxPerTick, @Nullable Duration readWait) {

	public SlaSettings {
		warnAt = (warnAt != null) ? List.copyOf(warnAt) : List.of(0.5, 0.8);
		tick = (tick != null) ? tick : Duration.ofMillis(500);
		maxPerTick = (maxPerTick > 0) ? maxPerTick : 10_000;
		readWait = (readWait != null) ? readWait : Duration.ofMinutes(10);
		for (Double share : warnAt) {
			if (share == null || share <= 0 || share >= 1) {
				throw new IllegalArgumentException("handoff.sla.warn-at takes shares between 0 and 1; got " + warnAt);
			}
		}
	}

	/**
	 * Settings with the defaults: agreement terms, business hours per team, warnings at
	 * 50 % and 80 %.
	 */
	public static SlaSettings defaults() {
		return new SlaSettings(null, true, null, null, null, 0, null);
	}

}
