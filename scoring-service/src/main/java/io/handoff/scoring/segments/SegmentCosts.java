package io.handoff.scoring.segments;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What marketing pays for a lead, per source
 * ({@code handoff.scoring.segments.cost-per-lead.Google: 12.50}): a segment of a source
 * with a cost is ranked by its cost per won lead too. Sources without one are ranked
 * without.
 *
 * @param costPerLead per source, the cost of one lead, in {@code currency}
 * @param currency the currency of the costs and of the deal amounts the sales tool
 * reports
 */
@ConfigurationProperties("handoff.scoring.segments")
public record SegmentCosts(Map<String, BigDecimal> costPerLead, String currency) {

	public SegmentCosts {
		costPerLead = (costPerLead != null) ? new TreeMap<>(costPerLead) : Map.of();
		costPerLead.forEach((source, cost) -> {
			if (cost.signum() < 0) {
				throw new IllegalArgumentException(
						"handoff.scoring.segments.cost-per-lead." + source + " must not be negative; got " + cost);
			}
		});
		currency = (currency != null && !currency.isBlank()) ? currency : "USD";
	}

}
