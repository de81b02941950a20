package io.handoff.scoring.scores;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAgreement.EngagementRule;
import io.handoff.events.LeadAgreement.GradeBand;
import io.handoff.events.StageRules.Threshold;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored.RuleHit;
import io.handoff.events.LeadScored.Stage;
import io.handoff.events.StageStep;
import io.handoff.scoring.scores.CompiledAgreement.Rule;
import io.handoff.scoring.scores.LeadProfile.Engagement;

/**
 * Scores one lead against one agreement: the same profile, agreement and time always give
 * the same scores, stage and explanation. No Kafka, no Spring: the topology, the impact
 * preview and calibration all call it.
 */
public final class LeadScorer {

	private LeadScorer() {
	}

	/**
	 * Scores a lead's profile against {@code agreement} as of {@code now} (engagement
	 * decays with age).
	 */
	public static Score score(CompiledAgreement agreement, LeadProfile profile, Instant now) {
		LeadReceived lead = profile.lead();
		if (lead == null) {
			throw new IllegalArgumentException("A lead can be scored only once it has been received");
		}
		List<RuleHit> hits = new ArrayList<>();
		int fit = fit(agreement, lead, hits);
		int engagement = engagement(agreement, profile.engagements(), now, hits);
		LeadAgreement terms = agreement.agreement();
		String grade = grade(terms, fit);
		Placement placement = stage(agreement, profile, fit, engagement);
		return new Score(fit, engagement, grade, placement.stage(), hits, placement.why());
	}

	/** Fit only: the points of the rules that hold, without explaining them. */
	public static int fit(CompiledAgreement agreement, LeadReceived lead) {
		return fit(agreement, lead, null);
	}

	/**
	 * The points of the rules that hold, each added to {@code hits} with what it matched
	 * when hits are wanted.
	 */
	private static int fit(CompiledAgreement agreement, LeadReceived lead, @Nullable List<RuleHit> hits) {
		int fit = 0;
		for (Rule rule : agreement.rules()) {
			if (rule.holds(lead)) {
				fit += rule.points();
				if (hits != null) {
					hits.add(new RuleHit(rule.id(), rule.description().apply(lead), rule.points()));
				}
			}
		}
		return fit;
	}

	/**
	 * When the lead's engagement, fading with nothing new, has fallen far enough to place
	 * it in another stage than {@code stage}, the one its scores gave it; {@code now} if
	 * they no longer do, {@code null} if they always will. To the minute: the stage has
	 * changed by then. Engagement only falls as it ages, so the stage only falls, and the
	 * first moment it has is found by halving.
	 */
	public static @Nullable Instant fadesAt(CompiledAgreement agreement, LeadProfile profile, Stage stage,
			Instant now) {
		LeadReceived lead = profile.lead();
		if (lead == null) {
			return null;
		}
		int fit = fit(agreement, lead, null);
		Stage placed = stage;
		if (placedAt(agreement, profile, fit, now) != placed) {
			// Faded below its stage already (a review missed, the agreement changed): due
			// now.
			return now;
		}
		if (profile.engagements().isEmpty()) {
			return null;
		}
		Duration step = Duration.ofHours(1);
		if (placedAt(agreement, profile, fit, now.plus(FADE_HORIZON)) == placed) {
			return null;
		}
		Instant same = now;
		Instant changed = now.plus(step);
		while (placedAt(agreement, profile, fit, changed) == placed) {
			same = changed;
			step = step.multipliedBy(2);
			changed = now.plus(step);
		}
		while (Duration.between(same, changed).compareTo(FADE_PRECISION) > 0) {
			Instant middle = same.plus(Duration.between(same, changed).dividedBy(2));
			if (placedAt(agreement, profile, fit, middle) == placed) {
				same = middle;
			}
			else {
				changed = middle;
			}
		}
		return changed;
	}

	/**
	 * How far ahead a fade is looked for: engagement that still counts after this long
	 * counts for good.
	 */
	static final Duration FADE_HORIZON = Duration.ofDays(3650);

	/** How close to the moment a fade is found. */
	static final Duration FADE_PRECISION = Duration.ofMinutes(1);

	private static Stage placedAt(CompiledAgreement agreement, LeadProfile profile, int fit, Instant at) {
		return stage(agreement, profile, fit, engagement(agreement, profile.engagements(), at, null)).stage();
	}

	private static int engagement(CompiledAgreement agreement, List<Engagement> engagements, Instant now,
			@Nullable List<RuleHit> hits) {
		Map<String, double[]> byType = new LinkedHashMap<>();
		for (Engagement engagement : engagements) {
			EngagementRule rule = agreement.engagementRule(engagement.type());
			if (rule == null) {
				continue;
			}
			double[] sum = byType.computeIfAbsent(rule.type(), (type) -> new double[2]);
			sum[0] += rule.points() * decay(rule.halfLife(), Duration.between(engagement.at(), now));
			sum[1]++;
		}
		int total = 0;
		for (Map.Entry<String, double[]> entry : byType.entrySet()) {
			EngagementRule rule = agreement.engagementRule(entry.getKey());
			double points = entry.getValue()[0];
			boolean capped = rule.cap() != null && points > rule.cap();
			int given = (int) Math.round(capped ? rule.cap() : points);
			total += given;
			if (hits == null) {
				continue;
			}
			hits.add(
					new RuleHit("engagement:" + rule.type(), describe(rule, (int) entry.getValue()[1], capped), given));
		}
		return total;
	}

	private static double decay(Duration halfLife, Duration age) {
		if (halfLife == null || age.isNegative() || age.isZero()) {
			return 1.0;
		}
		return Math.pow(0.5, (double) age.toSeconds() / halfLife.toSeconds());
	}

	private static String describe(EngagementRule rule, int count, boolean capped) {
		StringBuilder text = new StringBuilder().append(count)
			.append(" x ")
			.append(rule.type())
			.append(" at ")
			.append(rule.points())
			.append(" points each");
		if (rule.halfLife() != null) {
			text.append(", halved every ").append(rule.halfLife());
		}
		if (capped) {
			text.append(", capped at ").append(rule.cap());
		}
		return text.toString();
	}

	/** The grade of the band that holds {@code fit}. */
	public static String grade(LeadAgreement agreement, int fit) {
		for (GradeBand band : agreement.grades()) {
			if (band.contains(fit)) {
				return band.grade();
			}
		}
		throw new IllegalStateException("Agreement " + agreement.agreementId() + " has no grade for fit score " + fit);
	}

	private static Placement stage(CompiledAgreement compiled, LeadProfile profile, int fit, int engagement) {
		LeadAgreement agreement = compiled.agreement();
		if (!compiled.complete(profile.lead())) {
			return new Placement(Stage.INQUIRY, new StageStep.MissingFields(agreement.requiredFields()));
		}
		if (profile.returnedToMarketing() != null && !profile.reEngagedAfterReturn()) {
			LeadProfile.ReturnedToMarketing ruling = profile.returnedToMarketing();
			return new Placement(Stage.NURTURE,
					new StageStep.ReturnedToMarketing(ruling.judge(), ruling.caseId(), ruling.reason()));
		}
		int floor = agreement.stages().disqualifiedBelowFit();
		if (fit < floor) {
			return new Placement(Stage.DISQUALIFIED, new StageStep.Disqualified(fit, engagement, floor));
		}
		for (Stage stage : List.of(Stage.SALES_READY, Stage.MQL)) {
			for (Threshold threshold : (stage == Stage.SALES_READY) ? agreement.stages().salesReady()
					: agreement.stages().mql()) {
				if (threshold.holds(fit, engagement)) {
					return new Placement(stage, new StageStep.Reached(stage, fit, engagement, threshold.minFit(),
							threshold.minEngagement()));
				}
			}
		}
		return new Placement(Stage.INQUIRY, new StageStep.NoThreshold(fit, engagement));
	}

	private record Placement(Stage stage, StageStep why) {
	}

	/**
	 * A lead's score under one agreement.
	 *
	 * @param fit points from the fit rules and target profiles
	 * @param engagement points from engagement, after decay and caps
	 * @param grade the fit grade
	 * @param stage the stage the scores put the lead in
	 * @param explanation every rule that fired
	 * @param why why the lead is in that stage
	 */
	public record Score(int fit, int engagement, String grade, Stage stage, List<RuleHit> explanation, StageStep why) {
	}

}
