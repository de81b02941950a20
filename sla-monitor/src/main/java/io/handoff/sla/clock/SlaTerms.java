package io.handoff.sla.clock;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SLA terms sales signed, and how often the clocks are checked.
 *
 * @param firstTouch time from assignment to the first touch
 * @param ignoredAfter further time after a breach before the lead counts as ignored
 * @param tick how often due clocks are looked for
 * @param maxPerTick the most clocks fired in one tick, so one tick never stalls the stream
 */
@ConfigurationProperties("handoff.sla")
public record SlaTerms(Duration firstTouch, Duration ignoredAfter, Duration tick, int maxPerTick) {

	public SlaTerms {
		firstTouch = (firstTouch != null) ? firstTouch : Duration.ofHours(4);
		ignoredAfter = (ignoredAfter != null) ? ignoredAfter : Duration.ofHours(20);
		tick = (tick != null) ? tick : Duration.ofSeconds(1);
		maxPerTick = (maxPerTick > 0) ? maxPerTick : 10_000;
	}

}
