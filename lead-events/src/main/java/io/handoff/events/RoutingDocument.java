package io.handoff.events;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * One version of how leads are routed: the territories, each rep's team, weight and
 * capacity, and how accounts are matched. Drafted, diffed against the version in force,
 * previewed, approved by sales ops and activated; on the compacted
 * {@code routing.documents} topic, keyed by version number, plus the record keyed
 * {@link #ACTIVE_KEY} holding the one in force. Reps' availability (leave, working hours)
 * is not in it: that stays live data.
 *
 * @param version its number, from 1
 * @param status where it stands
 * @param territories every territory
 * @param reps each rep's routing, by rep id
 * @param matching how accounts are matched beyond domains
 * @param basedOn the version in force it was drafted from ({@code null} for the first)
 * @param note what the change is for, in the author's words
 * @param author who drafted it (or changed the organisation directly)
 * @param createdAt when
 * @param approvedBy who approved it
 * @param approvedAt when
 * @param activatedBy who put it in force
 * @param activatedAt when
 */
public record RoutingDocument(int version, Status status, List<Territory> territories, Map<String, RepRouting> reps,
		Matching matching, @Nullable Integer basedOn, @Nullable String note, String author, Instant createdAt,
		@Nullable String approvedBy, @Nullable Instant approvedAt, @Nullable String activatedBy,
		@Nullable Instant activatedAt) {

	/** The key of the copy of the version in force. */
	public static final String ACTIVE_KEY = "active";

	public RoutingDocument {
		territories = Lists.copyOf(territories);
		reps = (reps != null) ? Collections.unmodifiableMap(new TreeMap<>(reps)) : Map.of();
		matching = (matching != null) ? matching : Matching.DEFAULT;
	}

	/** The key of this version on the topic. */
	public String key() {
		return "v" + this.version;
	}

	/** Where a version stands. */
	public enum Status {

		/** Being written: it can be edited, previewed and approved. */
		DRAFT,
		/** Approved by sales ops, unchanged since: it can be activated. */
		APPROVED,
		/** In force. */
		ACTIVE,
		/** Was in force; another replaced it. */
		SUPERSEDED,
		/**
		 * A draft drafted from a version that is no longer in force when another came
		 * into force.
		 */
		OUTDATED

	}

	/**
	 * One rep's routing.
	 *
	 * @param team the team whose round robin they are in
	 * @param weight their share of the round robin against their team's
	 * @param maxOpenLeads the most open leads they may hold
	 */
	public record RepRouting(String team, int weight, int maxOpenLeads) {

		/** The routing a rep has now. */
		public static RepRouting of(SalesRep rep) {
			return new RepRouting(rep.team(), rep.weight(), rep.maxOpenLeads());
		}

		/** {@code rep} with this routing, their availability as it is. */
		public SalesRep applyTo(SalesRep rep) {
			return new SalesRep(rep.repId(), rep.name(), rep.email(), this.team, rep.territories(), this.weight,
					this.maxOpenLeads, rep.timeZone(), rep.workingHours(), rep.outOfOffice(), rep.manager(),
					rep.active());
		}

	}

}
