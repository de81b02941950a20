package io.handoff.scoring.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored.Stage;
import io.handoff.scoring.scores.LeadProfile;
import io.handoff.events.StageChange;

/**
 * What marketing handed to sales in each of some weeks, and what sales did with it: the
 * leads that entered SALES_READY in the week (each once, counted under the agreement
 * version in force when it did, so a week's figures do not move when the agreement does),
 * per segment marketing commits to, and of those leads, as they stand now: how many reps
 * accepted, took to an opportunity, won or lost, and how many the judge sent back to
 * marketing for cause, in total and per rep. Shares from every instance merge by adding
 * counts.
 *
 * @param weeks per week, oldest first
 */
public record WeeklyHandoffs(List<Week> weeks) {

	/** The segments counted per week: those a commitment may name. */
	static final List<String> DIMENSIONS = List.of("source", "country", "grade", "industry");

	public WeeklyHandoffs {
		weeks = List.copyOf(weeks);
	}

	/**
	 * What {@code profiles} come to for the weeks starting at {@code starts}, each ending
	 * where the next starts.
	 */
	public static WeeklyHandoffs of(Collection<LeadProfile> profiles, List<Instant> starts, Instant lastEnd) {
		List<Week> weeks = new ArrayList<>();
		for (int i = 0; i < starts.size(); i++) {
			weeks.add(Week.empty(starts.get(i), (i + 1 < starts.size()) ? starts.get(i + 1) : lastEnd));
		}
		for (LeadProfile profile : profiles) {
			if (profile.lead() == null) {
				continue;
			}
			for (int i = 0; i < weeks.size(); i++) {
				StageChange handed = profile.entered(Stage.SALES_READY, weeks.get(i).from(), weeks.get(i).to());
				if (handed != null) {
					weeks.set(i, weeks.get(i).plus(Week.of(weeks.get(i).from(), weeks.get(i).to(), profile, handed)));
				}
			}
		}
		return new WeeklyHandoffs(weeks);
	}

	/** These weeks and {@code other}'s, counted over other leads, as one. */
	public WeeklyHandoffs plus(WeeklyHandoffs other) {
		List<Week> weeks = new ArrayList<>();
		for (int i = 0; i < this.weeks.size(); i++) {
			weeks.add(this.weeks.get(i).plus(other.weeks.get(i)));
		}
		return new WeeklyHandoffs(weeks);
	}

	/** These weeks with the figures of one rep only ({@code null}: of none). */
	public WeeklyHandoffs onlyRep(@Nullable String repId) {
		return new WeeklyHandoffs(this.weeks.stream()
			.map((week) -> new Week(week.from(), week.to(), week.handedOver(), week.byVersion(), week.bySegment(),
					(repId != null && week.byRep().containsKey(repId)) ? Map.of(repId, week.byRep().get(repId))
							: Map.of()))
			.toList());
	}

	/**
	 * One week's handoffs.
	 *
	 * @param from the week's first moment (Monday 00:00 in the company's time zone)
	 * @param to the next week's first moment
	 * @param handedOver the sales-ready leads of the week, and what became of them
	 * @param byVersion sales-ready leads per version of the agreement in force when each
	 * became so
	 * @param bySegment sales-ready leads per segment ({@code source=Google},
	 * {@code grade=A})
	 * @param byRep per rep the lead is with now, the same counts
	 */
	public record Week(Instant from, Instant to, Outcomes handedOver, Map<String, Integer> byVersion,
			Map<String, Integer> bySegment, Map<String, Outcomes> byRep) {

		public Week {
			byVersion = new TreeMap<>(byVersion);
			bySegment = new TreeMap<>(bySegment);
			byRep = new TreeMap<>(byRep);
		}

		static Week empty(Instant from, Instant to) {
			return new Week(from, to, Outcomes.NONE, Map.of(), Map.of(), Map.of());
		}

		static Week of(Instant from, Instant to, LeadProfile profile, StageChange handed) {
			Outcomes one = Outcomes.of(profile, handed);
			Map<String, Integer> segments = new TreeMap<>();
			LeadReceived lead = profile.lead();
			put(segments, "source", lead.source());
			put(segments, "country", lead.company().country());
			put(segments, "grade", handed.grade());
			put(segments, "industry", lead.company().industry());
			String version = (handed.agreementVersion() != null) ? "v" + handed.agreementVersion() : "(unknown)";
			String rep = (profile.assignee() != null) ? profile.assignee() : "(unassigned)";
			return new Week(from, to, one, Map.of(version, 1), segments, Map.of(rep, one));
		}

		private static void put(Map<String, Integer> segments, String dimension, @Nullable String value) {
			if (value != null && !value.isBlank()) {
				segments.put(dimension + "=" + value.strip(), 1);
			}
		}

		Week plus(Week other) {
			Map<String, Integer> versions = new TreeMap<>(this.byVersion);
			other.byVersion.forEach((key, count) -> versions.merge(key, count, Integer::sum));
			Map<String, Integer> segments = new TreeMap<>(this.bySegment);
			other.bySegment.forEach((key, count) -> segments.merge(key, count, Integer::sum));
			Map<String, Outcomes> reps = new TreeMap<>(this.byRep);
			other.byRep.forEach((key, counts) -> reps.merge(key, counts, Outcomes::plus));
			return new Week(this.from, this.to, this.handedOver.plus(other.handedOver), versions, segments, reps);
		}

	}

	/**
	 * What became of some sales-ready leads, as they stand now.
	 *
	 * @param leads the leads
	 * @param accepted those a rep accepted (or took further: an opportunity, won)
	 * @param opportunity those that became an opportunity (a conversion the sales tool
	 * reported), or were won
	 * @param won those won
	 * @param lost those lost
	 * @param returnedForCause those the judge sent back to marketing after the handoff
	 */
	public record Outcomes(int leads, int accepted, int opportunity, int won, int lost, int returnedForCause) {

		static final Outcomes NONE = new Outcomes(0, 0, 0, 0, 0, 0);

		static Outcomes of(LeadProfile profile, StageChange handed) {
			// From the stage changes since the handoff only: a lead recycled and handed
			// over again keeps the outcome of its earlier round in its profile, not in
			// this week's figures.
			boolean accepted = false;
			boolean opportunity = false;
			boolean won = false;
			boolean lost = false;
			for (StageChange change : profile.stages()) {
				if (change.at().isBefore(handed.at())) {
					continue;
				}
				accepted |= change.stage() == Stage.ACCEPTED || change.stage() == Stage.OPPORTUNITY
						|| change.stage() == Stage.WON;
				opportunity |= change.stage() == Stage.OPPORTUNITY || change.stage() == Stage.WON;
				won |= change.stage() == Stage.WON;
				lost |= change.stage() == Stage.LOST;
			}
			boolean returned = profile.returnedToMarketing() != null
					&& !profile.returnedToMarketing().at().isBefore(handed.at());
			return new Outcomes(1, (accepted || won) ? 1 : 0, (opportunity || won) ? 1 : 0, won ? 1 : 0,
					(lost && !won) ? 1 : 0, returned ? 1 : 0);
		}

		Outcomes plus(Outcomes other) {
			return new Outcomes(this.leads + other.leads, this.accepted + other.accepted,
					this.opportunity + other.opportunity, this.won + other.won, this.lost + other.lost,
					this.returnedForCause + other.returnedForCause);
		}

	}

}
