package io.handoff.routing.assignment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.handoff.events.Company;
import io.handoff.events.RoutingStep;
import io.handoff.events.SalesRep;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.routing.roster.Roster;

/**
 * The preview of a routing draft: the sales-ready leads of a period replayed in their
 * order, once under the version in force and once under the draft, each from the same
 * start (every team's round robin even, every rep holding no lead of the period), with
 * the reps' availability as it was at each lead's moment and the capacity each replay
 * fills; what differs is the draft's doing. Only leads sales still has fill a rep's
 * capacity in the replay. Per team exactly, per rep as shares of their team's leads, and
 * the leads that would move to another team.
 */
public final class RoutingPreview {

	/** The most moving leads listed; the count says how many move in all. */
	static final int MOVES_LISTED = 200;

	private RoutingPreview() {
	}

	/**
	 * A lead to replay.
	 *
	 * @param leadId the lead
	 * @param company its company
	 * @param emailDomain its e-mail's domain
	 * @param at when it became sales-ready
	 * @param describe who, in brief
	 * @param openNow whether sales still has it: only such leads fill a rep's capacity in
	 * the replay (one closed since would not be holding the rep's slot)
	 */
	record Lead(UUID leadId, Company company, @Nullable String emailDomain, Instant at, @Nullable String describe,
			boolean openNow) {
	}

	static Result replay(List<Lead> leads, Roster inForce, Roster draft, boolean hoursOnly,
			BusinessCalendars.Built calendars) {
		List<Lead> ordered = leads.stream().sorted(Comparator.comparing(Lead::at).thenComparing(Lead::leadId)).toList();
		List<Placed> before = place(ordered, inForce, hoursOnly, calendars);
		List<Placed> after = place(ordered, draft, hoursOnly, calendars);
		Map<String, long[]> teams = new TreeMap<>();
		Map<String, long[]> reps = new TreeMap<>();
		List<Move> moves = new ArrayList<>();
		int moved = 0;
		for (int i = 0; i < ordered.size(); i++) {
			Placed was = before.get(i);
			Placed will = after.get(i);
			teams.computeIfAbsent(was.team(), (team) -> new long[2])[0]++;
			teams.computeIfAbsent(will.team(), (team) -> new long[2])[1]++;
			if (was.repId() != null) {
				reps.computeIfAbsent(was.team() + "|" + was.repId(), (key) -> new long[2])[0]++;
			}
			if (will.repId() != null) {
				reps.computeIfAbsent(will.team() + "|" + will.repId(), (key) -> new long[2])[1]++;
			}
			if (!was.team().equals(will.team())) {
				moved++;
				if (moves.size() < MOVES_LISTED) {
					Lead lead = ordered.get(i);
					moves.add(new Move(lead.leadId(), lead.describe(), lead.at(), was.team(), will.team(),
							RoutingStep.sentences(will.steps())));
				}
			}
		}
		List<TeamCount> teamCounts = teams.entrySet()
			.stream()
			.map((entry) -> new TeamCount(entry.getKey(), entry.getValue()[0], entry.getValue()[1],
					entry.getValue()[1] - entry.getValue()[0]))
			.toList();
		List<RepShare> repShares = reps.entrySet().stream().map((entry) -> {
			String team = entry.getKey().substring(0, entry.getKey().indexOf('|'));
			String repId = entry.getKey().substring(entry.getKey().indexOf('|') + 1);
			long[] counts = entry.getValue();
			long[] teamCount = teams.get(team);
			SalesRep rep = draft.rep(repId).or(() -> inForce.rep(repId)).orElse(null);
			return new RepShare(repId, (rep != null) ? rep.name() : repId, team, counts[0],
					share(counts[0], teamCount[0]), counts[1], share(counts[1], teamCount[1]));
		}).toList();
		return new Result(ordered.size(), teamCounts, repShares, moved, moves);
	}

	private static double share(long part, long whole) {
		return (whole == 0) ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
	}

	/**
	 * Each lead placed in order under {@code roster}, the round robin and capacity
	 * carried from lead to lead.
	 */
	private static List<Placed> place(List<Lead> leads, Roster roster, boolean hoursOnly,
			BusinessCalendars.Built calendars) {
		Map<String, Map<String, Double>> credits = new HashMap<>();
		Map<String, Integer> open = new HashMap<>();
		List<Placed> placed = new ArrayList<>();
		for (Lead lead : leads) {
			Route route = Route.of(roster, lead.company(), lead.emailDomain(), lead.at(), hoursOnly, calendars);
			String repId = route.ownerRepId();
			List<RoutingStep> steps = new ArrayList<>(route.steps());
			if (repId == null) {
				TeamPick.Pick pick = TeamPick.pick(route.team(), roster.team(route.team()),
						credits.getOrDefault(route.team(), Map.of()), (rep) -> open.getOrDefault(rep, 0), null,
						List.of(), lead.at(), hoursOnly, calendars);
				steps.addAll(pick.steps());
				if (pick.turn() != null) {
					credits.put(route.team(), pick.turn().credits());
					repId = pick.turn().rep().repId();
				}
			}
			if (repId != null && lead.openNow()) {
				open.merge(repId, 1, Integer::sum);
			}
			placed.add(new Placed(route.team(), repId, steps));
		}
		return placed;
	}

	private record Placed(String team, @Nullable String repId, List<RoutingStep> steps) {
	}

	/**
	 * The preview.
	 *
	 * @param leads the leads replayed
	 * @param teams each team's leads under the version in force and under the draft
	 * @param reps each rep's leads and share of their team's under both
	 * @param moved how many leads go to another team under the draft
	 * @param moves the first {@value #MOVES_LISTED} of them
	 */
	public record Result(int leads, List<TeamCount> teams, List<RepShare> reps, int moved, List<Move> moves) {
	}

	/**
	 * A team's leads.
	 *
	 * @param team the team
	 * @param inForce under the version in force
	 * @param draft under the draft
	 * @param change the difference
	 */
	public record TeamCount(String team, long inForce, long draft, long change) {
	}

	/**
	 * A rep's leads (by account and by turn) in one team.
	 *
	 * @param repId the rep
	 * @param name their name
	 * @param team the team
	 * @param inForce leads under the version in force
	 * @param inForceShare their share of the team's leads, 0 to 1
	 * @param draft leads under the draft
	 * @param draftShare their share under the draft
	 */
	public record RepShare(String repId, String name, String team, long inForce, double inForceShare, long draft,
			double draftShare) {
	}

	/**
	 * A lead that would go to another team.
	 *
	 * @param leadId the lead
	 * @param lead who, in brief
	 * @param salesReadyAt when it became sales-ready
	 * @param from its team under the version in force
	 * @param to its team under the draft
	 * @param reasons the draft's steps for it
	 */
	public record Move(UUID leadId, @Nullable String lead, Instant salesReadyAt, String from, String to,
			List<String> reasons) {
	}

}
