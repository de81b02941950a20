package io.handoff.routing.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.handoff.events.RoutingDocument;
import io.handoff.events.RoutingDocument.RepRouting;
import io.handoff.events.RoutingDocument.Status;
import io.handoff.events.SalesRep;
import io.handoff.events.Territory;
import io.handoff.routing.roster.Roster;
import io.handoff.routing.roster.RosterChecks;

/**
 * The plain decisions about routing documents: what a document of the organisation now
 * is, what is wrong with a draft, what the organisation would be under one, and what
 * changed between two.
 */
public final class RoutingDocuments {

	private RoutingDocuments() {
	}

	/** The routing of the organisation as it stands, as version {@code version}. */
	static RoutingDocument of(Roster roster, int version, Status status, @Nullable Integer basedOn,
			@Nullable String note, String author, Instant at) {
		Map<String, RepRouting> reps = new LinkedHashMap<>();
		roster.reps().forEach((repId, rep) -> reps.put(repId, RepRouting.of(rep)));
		boolean active = status == Status.ACTIVE;
		return new RoutingDocument(version, status, roster.territories(), reps, roster.matching(), basedOn, note,
				author, at, null, null, active ? author : null, active ? at : null);
	}

	/**
	 * Whether two versions route the same: the same territories, reps' routing and
	 * matching.
	 */
	static boolean sameRouting(RoutingDocument one, RoutingDocument other) {
		return byId(one.territories()).equals(byId(other.territories())) && one.reps().equals(other.reps())
				&& one.matching().equals(other.matching());
	}

	/**
	 * What is wrong with {@code document} for {@code roster}'s reps, each problem in
	 * words; empty when nothing.
	 */
	static List<String> problems(RoutingDocument document, Roster roster) {
		List<String> problems = new ArrayList<>(document.matching().problems());
		Set<String> ids = new TreeSet<>();
		for (Territory territory : document.territories()) {
			RosterChecks.territory(territory)
				.forEach((problem) -> problems.add("territory " + territory.territoryId() + ": " + problem));
			if (!ids.add(String.valueOf(territory.territoryId()))) {
				problems.add("territory " + territory.territoryId() + " is there twice");
			}
		}
		document.reps().forEach((repId, routing) -> {
			SalesRep rep = roster.rep(repId).orElse(null);
			if (rep == null) {
				problems.add("rep " + repId + " is not on the roster (reps are added to the organisation first)");
			}
			else {
				// One set of checks for a rep, whether saved directly or through a
				// routing document.
				RosterChecks.rep(routing.applyTo(rep))
					.forEach((problem) -> problems.add("rep " + repId + ": " + problem));
			}
		});
		Set<String> teams = document.reps().values().stream().map(RepRouting::team).collect(Collectors.toSet());
		document.territories()
			.stream()
			.filter((territory) -> territory.team() != null && !teams.contains(territory.team()))
			.forEach((territory) -> problems.add("territory " + territory.territoryId() + " is sold by team "
					+ territory.team() + ", which no rep is in"));
		return problems;
	}

	/**
	 * The organisation {@code roster} with {@code document}'s routing: its availability
	 * as it is now.
	 */
	static Roster apply(RoutingDocument document, Roster roster) {
		List<SalesRep> reps = roster.reps().values().stream().map((rep) -> {
			RepRouting routing = document.reps().get(rep.repId());
			return (routing != null) ? routing.applyTo(rep) : rep;
		}).toList();
		return Roster.of(reps, roster.accounts().values(), document.territories(), document.matching());
	}

	/**
	 * Every change from {@code from} to {@code to}: territories added, removed and
	 * changed, reps' routing, matching.
	 */
	static List<Change> diff(RoutingDocument from, RoutingDocument to) {
		List<Change> changes = new ArrayList<>();
		Map<String, Territory> before = byId(from.territories());
		Map<String, Territory> after = byId(to.territories());
		before.forEach((id, territory) -> {
			if (!after.containsKey(id)) {
				changes.add(
						new Change("territory", id, "removed", territory.name() + " (" + territory.team() + ")", null));
			}
		});
		after.forEach((id, territory) -> {
			Territory old = before.get(id);
			if (old == null) {
				changes
					.add(new Change("territory", id, "added", null, territory.name() + " (" + territory.team() + ")"));
			}
			else {
				field(changes, "territory", id, "name", old.name(), territory.name());
				field(changes, "territory", id, "team", old.team(), territory.team());
				field(changes, "territory", id, "order", old.order(), territory.order());
				field(changes, "territory", id, "rules", old.rules(), territory.rules());
			}
		});
		Set<String> reps = new TreeSet<>(from.reps().keySet());
		reps.addAll(to.reps().keySet());
		for (String repId : reps) {
			RepRouting old = from.reps().get(repId);
			RepRouting now = to.reps().get(repId);
			if (old == null || now == null) {
				changes.add(new Change("rep", repId, (old == null) ? "added" : "not named: keeps its routing",
						(old != null) ? old.toString() : null, (now != null) ? now.toString() : null));
				continue;
			}
			field(changes, "rep", repId, "team", old.team(), now.team());
			field(changes, "rep", repId, "weight", old.weight(), now.weight());
			field(changes, "rep", repId, "maxOpenLeads", old.maxOpenLeads(), now.maxOpenLeads());
		}
		field(changes, "matching", "accounts", "byName", from.matching().byName(), to.matching().byName());
		field(changes, "matching", "accounts", "nameThreshold", from.matching().nameThreshold(),
				to.matching().nameThreshold());
		return changes;
	}

	private static void field(List<Change> changes, String kind, String id, String field, @Nullable Object from,
			@Nullable Object to) {
		if (!Objects.equals(from, to)) {
			changes.add(new Change(kind, id, field, (from != null) ? from.toString() : null,
					(to != null) ? to.toString() : null));
		}
	}

	private static Map<String, Territory> byId(List<Territory> territories) {
		return territories.stream()
			.collect(Collectors.toMap((territory) -> String.valueOf(territory.territoryId()), Function.identity(),
					(first, second) -> second, TreeMap::new));
	}

	/**
	 * What an activation writes: the version in force superseded, every other draft or
	 * approved version outdated (it would undo this change), and {@code activated} in
	 * force.
	 */
	static List<RoutingDocument> activation(Collection<RoutingDocument> versions, RoutingDocument active,
			RoutingDocument activated) {
		List<RoutingDocument> changed = new ArrayList<>();
		changed.add(withStatus(active, Status.SUPERSEDED));
		versions.stream()
			.filter((other) -> other.version() != activated.version()
					&& (other.status() == Status.DRAFT || other.status() == Status.APPROVED))
			.map((other) -> withStatus(other, Status.OUTDATED))
			.forEach(changed::add);
		changed.add(activated);
		return changed;
	}

	static RoutingDocument withStatus(RoutingDocument document, Status status) {
		return new RoutingDocument(document.version(), status, document.territories(), document.reps(),
				document.matching(), document.basedOn(), document.note(), document.author(), document.createdAt(),
				document.approvedBy(), document.approvedAt(), document.activatedBy(), document.activatedAt());
	}

	/**
	 * One change.
	 *
	 * @param kind territory, rep or matching
	 * @param id which territory or rep
	 * @param field what changed: a field, or added / removed
	 * @param from before
	 * @param to after
	 */
	public record Change(String kind, String id, String field, @Nullable String from, @Nullable String to) {
	}

}
