package io.handoff.events;

import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Who a lead is, in brief, for the people an assignment and its SLA steps reach: a rep,
 * their manager, the executives and a sales tool can tell which lead is meant without
 * looking it up. It travels with the assignment, so it holds no more than a name, a
 * company and the scores.
 *
 * @param name the person's name, as known
 * @param company their company's name, as known
 * @param grade the fit grade
 * @param fitScore the fit points when the lead was handed to sales
 * @param engagementScore the engagement points then
 */
public record LeadSummary(@Nullable String name, @Nullable String company, String grade, int fitScore,
		int engagementScore) {

	/** The summary of a lead as scored. */
	public static LeadSummary of(LeadScored scored) {
		LeadReceived lead = scored.lead();
		String name = String.join(" ",
				Stream.of(lead.firstName(), lead.lastName())
					.filter((part) -> part != null && !part.isBlank())
					.toList());
		return new LeadSummary(name.isEmpty() ? null : name, lead.company().name(), scored.grade(), scored.fitScore(),
				scored.engagementScore());
	}

	/** The summary without the person's name: what an erased lead keeps. */
	public LeadSummary anonymous() {
		return new LeadSummary(null, this.company, this.grade, this.fitScore, this.engagementScore);
	}

	/**
	 * Without the name and company: a summary in a log line or an exception names no
	 * person.
	 */
	@Override
	public String toString() {
		return "LeadSummary[grade=" + this.grade + ", fitScore=" + this.fitScore + ", engagementScore="
				+ this.engagementScore + "]";
	}

	/**
	 * The lead in words: {@code Dana Reyes of Northwind}, or as much of it as is known.
	 */
	public String describe() {
		if (this.name != null && this.company != null) {
			return this.name + " of " + this.company;
		}
		return (this.name != null) ? this.name : (this.company != null) ? "someone at " + this.company : "a lead";
	}

}
