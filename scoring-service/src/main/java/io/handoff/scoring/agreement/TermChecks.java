package io.handoff.scoring.agreement;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadAgreement;
import io.handoff.events.Commitment;
import io.handoff.events.LeadAgreement.EngagementRule;
import io.handoff.events.LeadAgreement.FitRule;
import io.handoff.events.LeadAgreement.GradeBand;
import io.handoff.events.SlaTerms.GradeTerms;
import io.handoff.events.LeadAgreement.ReturnReason;
import io.handoff.events.Commitment.SegmentCommitment;
import io.handoff.events.LeadAgreement.TargetProfile;
import io.handoff.events.StageRules.Threshold;

import static io.handoff.scoring.agreement.AgreementDocuments.blank;
import static io.handoff.scoring.agreement.AgreementDocuments.positive;
import static io.handoff.scoring.agreement.AgreementDocuments.sorted;

/**
 * The checks of an agreement's terms: grades that cover every fit score once, stage
 * thresholds the rules can reach, the SLA, marketing's commitment and the return reasons.
 */
final class TermChecks {

	private static final Pattern REASON_CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

	private TermChecks() {
	}

	static void grades(List<GradeBand> grades, List<AgreementProblem> problems) {
		if (grades.isEmpty()) {
			problems.add(new AgreementProblem("grades",
					"Give fit grade bands, e.g. A from 60, B 45-59, C 20-44, D below 20"));
			return;
		}
		Set<String> names = new HashSet<>();
		for (int i = 0; i < grades.size(); i++) {
			GradeBand band = grades.get(i);
			if (blank(band.grade()) || !names.add(band.grade())) {
				problems.add(new AgreementProblem("grades[" + i + "].grade", "Each band needs its own grade name"));
			}
			if (band.minFitScore() != null && band.maxFitScore() != null && band.minFitScore() > band.maxFitScore()) {
				problems.add(new AgreementProblem("grades[" + i + "]", "Band " + band.grade()
						+ " starts above its end: " + band.minFitScore() + " > " + band.maxFitScore()));
			}
		}
		List<GradeBand> ordered = grades.stream().sorted(Comparator.comparing((GradeBand band) -> low(band))).toList();
		if (ordered.get(0).minFitScore() != null) {
			problems.add(new AgreementProblem("grades", "No grade for fit scores below " + ordered.get(0).minFitScore()
					+ ": leave the lowest band's minFitScore empty"));
		}
		if (ordered.get(ordered.size() - 1).maxFitScore() != null) {
			problems.add(new AgreementProblem("grades", "No grade for fit scores above "
					+ ordered.get(ordered.size() - 1).maxFitScore() + ": leave the highest band's maxFitScore empty"));
		}
		for (int i = 1; i < ordered.size(); i++) {
			GradeBand lower = ordered.get(i - 1);
			GradeBand upper = ordered.get(i);
			long lowerEnd = high(lower);
			long upperStart = low(upper);
			if (upperStart <= lowerEnd) {
				problems.add(new AgreementProblem("grades", "Bands " + lower.grade() + " and " + upper.grade()
						+ " overlap on fit scores " + upperStart + ".." + Math.min(lowerEnd, high(upper))));
			}
			else if (upperStart > lowerEnd + 1) {
				problems.add(new AgreementProblem("grades", "No grade for fit scores " + (lowerEnd + 1) + ".."
						+ (upperStart - 1) + " between bands " + lower.grade() + " and " + upper.grade()));
			}
		}
	}

	private static long low(GradeBand band) {
		return (band.minFitScore() != null) ? band.minFitScore() : Long.MIN_VALUE;
	}

	private static long high(GradeBand band) {
		return (band.maxFitScore() != null) ? band.maxFitScore() : Long.MAX_VALUE;
	}

	static void stages(LeadAgreement agreement, List<AgreementProblem> problems) {
		if (agreement.stages() == null) {
			problems.add(
					new AgreementProblem("stages", "Give the stage thresholds: disqualifiedBelowFit, mql, salesReady"));
			return;
		}
		int maxFit = sum(agreement, (points) -> points > 0);
		int minFit = sum(agreement, (points) -> points < 0);
		Integer maxEngagement = maxEngagement(agreement.engagementRules());
		thresholds(agreement.stages().mql(), "stages.mql", minFit, maxFit, maxEngagement, problems);
		thresholds(agreement.stages().salesReady(), "stages.salesReady", minFit, maxFit, maxEngagement, problems);
		int disqualified = agreement.stages().disqualifiedBelowFit();
		if (agreement.stages().mql().stream().anyMatch((threshold) -> threshold.minFit() < disqualified)) {
			problems.add(new AgreementProblem("stages.disqualifiedBelowFit", "Disqualifies leads from fit "
					+ disqualified + " that an MQL threshold would qualify; lower it below every mql minFit"));
		}
		// The periods are optional (absent: a lost or nurtured lead stays so); given,
		// each must be a real period.
		if (agreement.stages().recycleLostAfter() != null) {
			positive(agreement.stages().recycleLostAfter(), "stages.recycleLostAfter", problems);
		}
		if (agreement.stages().recycleNurtureAfter() != null) {
			positive(agreement.stages().recycleNurtureAfter(), "stages.recycleNurtureAfter", problems);
		}
	}

	private static void thresholds(List<Threshold> thresholds, String path, int minFit, int maxFit,
			@Nullable Integer maxEngagement, List<AgreementProblem> problems) {
		if (thresholds.isEmpty()) {
			problems.add(new AgreementProblem(path, "Give at least one threshold {minFit, minEngagement}"));
		}
		for (int i = 0; i < thresholds.size(); i++) {
			Threshold threshold = thresholds.get(i);
			if (threshold.minFit() > maxFit || threshold.minFit() < minFit) {
				problems.add(new AgreementProblem(path + "[" + i + "].minFit",
						"Out of range: the fit rules give " + minFit + ".." + maxFit + " points, so "
								+ threshold.minFit() + " can "
								+ ((threshold.minFit() > maxFit) ? "never be reached" : "never fail")));
			}
			if (threshold.minEngagement() < 0 || (maxEngagement != null && threshold.minEngagement() > maxEngagement)) {
				problems.add(new AgreementProblem(path + "[" + i + "].minEngagement",
						"Out of range: engagement gives 0.." + ((maxEngagement != null) ? maxEngagement : "unbounded")
								+ " points; got " + threshold.minEngagement()));
			}
		}
	}

	private static int sum(LeadAgreement agreement, IntPredicate which) {
		return agreement.fitRules().stream().mapToInt(FitRule::points).filter(which).sum()
				+ agreement.targetProfiles().stream().mapToInt(TargetProfile::points).filter(which).sum();
	}

	/**
	 * The most engagement points a lead can have, {@code null} when some positive type
	 * has no cap.
	 */
	private static @Nullable Integer maxEngagement(List<EngagementRule> rules) {
		int max = 0;
		for (EngagementRule rule : rules) {
			if (rule.points() > 0) {
				if (rule.cap() == null) {
					return null;
				}
				max += rule.cap();
			}
		}
		return max;
	}

	static void sla(LeadAgreement agreement, List<AgreementProblem> problems) {
		if (agreement.sla() == null || agreement.sla().grades().isEmpty()) {
			problems.add(new AgreementProblem("sla",
					"Give the SLA per grade: firstTouch, followUpAttempts, followUpWithin"));
			return;
		}
		Set<String> covered = new HashSet<>();
		List<GradeTerms> terms = agreement.sla().grades();
		for (int i = 0; i < terms.size(); i++) {
			GradeTerms grade = terms.get(i);
			String path = "sla.grades[" + i + "]";
			if (agreement.grades().stream().noneMatch((band) -> band.grade().equals(grade.grade()))) {
				problems.add(new AgreementProblem(path + ".grade", "No grade band '" + grade.grade() + "'"));
			}
			covered.add(grade.grade());
			positive(grade.firstTouch(), path + ".firstTouch", problems);
			positive(grade.followUpWithin(), path + ".followUpWithin", problems);
			if (grade.followUpAttempts() < 1) {
				problems.add(new AgreementProblem(path + ".followUpAttempts",
						"At least one attempt; got " + grade.followUpAttempts()));
			}
		}
		for (GradeBand band : agreement.grades()) {
			if (band.grade() != null && !covered.contains(band.grade())) {
				problems.add(new AgreementProblem("sla.grades", "No SLA terms for grade " + band.grade()));
			}
		}
		positive(agreement.sla().ignoredAfter(), "sla.ignoredAfter", problems);
		Duration reassignAfter = agreement.sla().reassignAfter();
		if (reassignAfter != null) {
			positive(reassignAfter, "sla.reassignAfter", problems);
			if (agreement.sla().ignoredAfter() != null
					&& reassignAfter.compareTo(agreement.sla().ignoredAfter()) >= 0) {
				problems.add(new AgreementProblem("sla.reassignAfter",
						"Reassign (" + reassignAfter + ") before the lead counts as ignored ("
								+ agreement.sla().ignoredAfter() + "), or leave it out"));
			}
		}
	}

	/** The most sales-ready leads a week a commitment may name: beyond it, a typo. */
	static final int MAX_WEEKLY = 1_000_000;

	static void commitment(LeadAgreement agreement, List<AgreementProblem> problems) {
		Commitment commitment = agreement.commitment();
		if (commitment == null) {
			return;
		}
		int total = commitment.salesReadyPerWeek();
		if (total < 1 || total > MAX_WEEKLY) {
			problems.add(new AgreementProblem("commitment.salesReadyPerWeek",
					"Marketing commits to between 1 and " + MAX_WEEKLY + " sales-ready leads a week; got " + total));
		}
		Set<String> segments = new HashSet<>();
		Map<String, Integer> perDimension = new TreeMap<>();
		for (int i = 0; i < commitment.segments().size(); i++) {
			SegmentCommitment segment = commitment.segments().get(i);
			String path = "commitment.segments[" + i + "]";
			if (segment.dimension() == null || !Commitment.DIMENSIONS.contains(segment.dimension())) {
				problems.add(new AgreementProblem(path + ".dimension",
						"A segment is one of " + Commitment.DIMENSIONS + "; got '" + segment.dimension() + "'"));
			}
			if (blank(segment.value())) {
				problems.add(new AgreementProblem(path + ".value", "Name the segment's value, e.g. Google or US"));
			}
			else if ("grade".equals(segment.dimension())
					&& agreement.grades().stream().noneMatch((band) -> segment.value().equals(band.grade()))) {
				problems.add(new AgreementProblem(path + ".value", "No grade band '" + segment.value() + "'"));
			}
			else if (!segments.add(segment.dimension() + "=" + segment.value())) {
				problems
					.add(new AgreementProblem(path, segment.dimension() + " " + segment.value() + " is listed twice"));
			}
			if (segment.salesReadyPerWeek() < 1 || segment.salesReadyPerWeek() > total) {
				problems.add(new AgreementProblem(path + ".salesReadyPerWeek", "Between 1 and the total commitment ("
						+ total + ") a week; got " + segment.salesReadyPerWeek()));
			}
			if (segment.dimension() != null) {
				perDimension.merge(segment.dimension(), segment.salesReadyPerWeek(), Integer::sum);
			}
		}
		perDimension.forEach((dimension, sum) -> {
			if (sum > total) {
				problems.add(new AgreementProblem("commitment.segments", "The " + dimension + " segments add up to "
						+ sum + " a week, more than the " + total + " committed in total"));
			}
		});
	}

	static void returnReasons(List<ReturnReason> reasons, List<AgreementProblem> problems) {
		if (reasons.isEmpty()) {
			problems.add(new AgreementProblem("returnReasons", "Agree on at least one reason sales may return a lead"));
		}
		Set<String> codes = new HashSet<>();
		for (int i = 0; i < reasons.size(); i++) {
			ReturnReason reason = reasons.get(i);
			if (reason.code() == null || !REASON_CODE.matcher(reason.code()).matches()) {
				problems.add(new AgreementProblem("returnReasons[" + i + "].code",
						"A code in upper case with underscores, e.g. NOT_A_DECISION_MAKER; got '" + reason.code()
								+ "'"));
			}
			else if (!codes.add(reason.code())) {
				problems.add(new AgreementProblem("returnReasons[" + i + "].code", reason.code() + " is listed twice"));
			}
			if (blank(reason.description())) {
				problems.add(new AgreementProblem("returnReasons[" + i + "].description", "Say what the reason means"));
			}
		}
	}

}
