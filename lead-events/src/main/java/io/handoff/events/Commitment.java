package io.handoff.events;

import java.util.List;

/**
 * Marketing's side of the SLA: how many sales-ready leads it hands to sales each week
 * (Monday to Sunday in the company's time zone), in total and, optionally, within
 * segments it promises in particular.
 *
 * @param salesReadyPerWeek sales-ready leads per week, in total
 * @param segments sales-ready leads per week within a segment (a source, a country, a
 * grade, an industry)
 */
public record Commitment(int salesReadyPerWeek, List<SegmentCommitment> segments) {

	/** The attributes a segment commitment may name. */
	public static final List<String> DIMENSIONS = List.of("source", "country", "grade", "industry");

	public Commitment {
		segments = Lists.copyOf(segments);
	}

	/**
	 * Sales-ready leads per week promised within one segment.
	 *
	 * @param dimension one of {@link Commitment#DIMENSIONS}
	 * @param value the segment's value ({@code Google}, {@code US}, {@code A})
	 * @param salesReadyPerWeek sales-ready leads per week within it
	 */
	public record SegmentCommitment(String dimension, String value, int salesReadyPerWeek) {
	}

}
