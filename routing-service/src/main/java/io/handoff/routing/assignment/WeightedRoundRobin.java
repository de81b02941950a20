package io.handoff.routing.assignment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.handoff.events.SalesRep;

/**
 * Smooth weighted round robin with credits: at every turn each available rep is owed its
 * weight's share of one lead (weight over the available reps' total), and the rep owed
 * most gets the lead and is owed one lead less. A rep's credit is therefore exactly the
 * leads owed minus the leads given, counted over the turns the rep was available for;
 * reps who are away keep what they are owed, and the credits live in a state store, so
 * the shares hold across restarts. Ties go to the rep with the smallest id.
 */
final class WeightedRoundRobin {

	private WeightedRoundRobin() {
	}

	/**
	 * Gives one lead to one of {@code available}.
	 * @param credits each rep's credit before the turn (missing reps owe and are owed
	 * nothing)
	 * @param available the reps who can take the lead, ordered by id; at least one
	 */
	static Turn turn(Map<String, Double> credits, List<SalesRep> available) {
		double total = available.stream().mapToInt(SalesRep::weight).sum();
		Map<String, Double> after = new HashMap<>(credits);
		SalesRep chosen = null;
		double best = Double.NEGATIVE_INFINITY;
		for (SalesRep rep : available) {
			double credit = after.getOrDefault(rep.repId(), 0.0) + rep.weight() / total;
			after.put(rep.repId(), credit);
			if (credit > best + 1e-9) {
				best = credit;
				chosen = rep;
			}
		}
		after.put(chosen.repId(), best - 1);
		return new Turn(chosen, best, after);
	}

	/**
	 * One turn's result.
	 *
	 * @param rep who gets the lead
	 * @param owed how many leads the rep was owed when chosen
	 * @param credits every rep's credit after the turn
	 */
	record Turn(SalesRep rep, double owed, Map<String, Double> credits) {
	}

}
