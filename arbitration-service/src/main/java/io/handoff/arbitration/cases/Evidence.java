package io.handoff.arbitration.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadScored;
import io.handoff.events.Lists;
import io.handoff.events.SalesActivity;
import io.handoff.events.ScoreLine;
import io.handoff.events.SlaEvent;

/**
 * What the judge sees of one lead, gathered from the events alone and in whatever order
 * they arrive: the lead as received and its score with the rules that fired and the
 * agreement version, the assignment and why, the sales activity, the SLA history and the
 * returns.
 *
 * @param score the latest score (it carries the lead as received)
 * @param assignment the latest assignment
 * @param activities the sales activity, oldest first
 * @param sla the SLA events, oldest first
 * @param returns the returns, oldest first
 * @param scores the scores from the one that made the lead sales-ready on, oldest first:
 * that one and the latest, at most {@link #SCORES} together, each with the rules that
 * fired and their points, without the lead
 */
public record Evidence(@Nullable LeadScored score, @Nullable LeadAssigned assignment, List<SalesActivity> activities,
		List<SlaEvent> sla, List<LeadReturned> returns, List<ScoreLine> scores) {

	/** The most scores kept per lead: the first (the handoff's) and the latest. */
	static final int SCORES = 10;

	public Evidence {
		activities = List.copyOf(activities);
		sla = List.copyOf(sla);
		returns = List.copyOf(returns);
		// Evidence stored before scores were kept has none.
		scores = Lists.copyOf(scores);
	}

	static Evidence none() {
		return new Evidence(null, null, List.of(), List.of(), List.of(), List.of());
	}

	/**
	 * This evidence with one more score in its history (a score read twice is kept once).
	 */
	Evidence withScore(LeadScored scored) {
		ScoreLine line = ScoreLine.of(scored);
		if (this.scores.contains(line)) {
			return this;
		}
		List<ScoreLine> all = new ArrayList<>(added(this.scores, line, ScoreLine::occurredAt));
		if (all.size() > SCORES) {
			// The handoff's score stays: the judge weighs what sales was given.
			all.subList(1, all.size() - SCORES + 1).clear();
		}
		return new Evidence(this.score, this.assignment, this.activities, this.sla, this.returns, all);
	}

	/**
	 * A lead's evidence from the two stores that keep it: its latest score (large: it
	 * carries the lead as received) apart from the rest, so an assignment, an activity or
	 * an SLA step does not rewrite the score.
	 */
	static Evidence of(@Nullable Evidence rest, @Nullable LeadScored score) {
		Evidence known = (rest != null) ? rest : none();
		return (score != null) ? known.with(score) : known;
	}

	/**
	 * The evidence of an erased person: what happened and when, without the person or the
	 * notes about them.
	 */
	Evidence erased() {
		return new Evidence((this.score != null) ? this.score.erased() : null,
				(this.assignment != null) ? this.assignment.erased() : null,
				this.activities.stream().map(SalesActivity::erased).toList(),
				this.sla.stream().map(SlaEvent::erased).toList(),
				this.returns.stream().map(LeadReturned::erased).toList(),
				this.scores.stream().map(ScoreLine::erased).toList());
	}

	/**
	 * The later of a kept score and one that arrives (a score arriving late does not
	 * replace a newer one).
	 */
	static LeadScored latest(@Nullable LeadScored kept, LeadScored arrived) {
		return (kept == null || !arrived.occurredAt().isBefore(kept.occurredAt())) ? arrived : kept;
	}

	/**
	 * This evidence with {@code event} added where it belongs; events of other kinds
	 * change nothing.
	 */
	Evidence with(Object event) {
		if (event instanceof LeadScored scored) {
			LeadScored latest = latest(this.score, scored);
			return (latest != this.score)
					? new Evidence(latest, this.assignment, this.activities, this.sla, this.returns, this.scores)
					: this;
		}
		if (event instanceof LeadAssigned assigned) {
			return (this.assignment == null || !assigned.occurredAt().isBefore(this.assignment.occurredAt()))
					? new Evidence(this.score, assigned, this.activities, this.sla, this.returns, this.scores) : this;
		}
		if (event instanceof SalesActivity activity) {
			return new Evidence(this.score, this.assignment,
					added(this.activities, activity, SalesActivity::occurredAt), this.sla, this.returns, this.scores);
		}
		if (event instanceof SlaEvent slaEvent) {
			return new Evidence(this.score, this.assignment, this.activities,
					added(this.sla, slaEvent, SlaEvent::occurredAt), this.returns, this.scores);
		}
		if (event instanceof LeadReturned returned) {
			return new Evidence(this.score, this.assignment, this.activities, this.sla,
					added(this.returns, returned, LeadReturned::occurredAt), this.scores);
		}
		return this;
	}

	private static <E> List<E> added(List<E> events, E event, Function<E, Instant> at) {
		if (events.contains(event)) {
			return events;
		}
		List<E> all = new ArrayList<>(events);
		all.add(event);
		all.sort(Comparator.comparing(at));
		return all;
	}

}
