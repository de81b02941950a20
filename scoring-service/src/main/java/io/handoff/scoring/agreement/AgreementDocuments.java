package io.handoff.scoring.agreement;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.google.re2j.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.handoff.events.EngagementTypes;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAgreement.Commitment;
import io.handoff.events.LeadAgreement.Condition;
import io.handoff.events.LeadAgreement.EngagementRule;
import io.handoff.events.LeadAgreement.FitRule;
import io.handoff.events.LeadAgreement.GradeBand;
import io.handoff.events.LeadAgreement.GradeTerms;
import io.handoff.events.LeadAgreement.Operator;
import io.handoff.events.LeadAgreement.ReturnReason;
import io.handoff.events.LeadAgreement.SegmentCommitment;
import io.handoff.events.LeadAgreement.TargetProfile;
import io.handoff.events.LeadAgreement.Threshold;
import io.handoff.events.LeadEventsJson;

/**
 * Reads agreement documents people write and checks them: an agreement that could score
 * leads inconsistently is refused with every problem listed, not just the first.
 */
public final class AgreementDocuments {

	/** The fields of a document a person writes; the lifecycle sets the others. */
	static final Set<String> WRITABLE = Set.of("name", "fitRules", "targetProfiles", "engagementRules", "grades",
			"stages", "requiredFields", "sla", "returnReasons", "rulingWithin", "commitment", "changeNote");

	private static final Set<String> LIFECYCLE = Set.of("agreementId", "version", "status", "author", "createdAt",
			"signatures", "activatedAt", "supersededAt");

	private static final JsonMapper READER = LeadEventsJson.mapper()
		.rebuild()
		.enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
		.build();

	private static final Pattern REASON_CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

	private static final int MAX_POINTS = 1000;

	private AgreementDocuments() {
	}

	/**
	 * Reads the writable part of a document into an agreement with placeholder lifecycle
	 * fields, or throws {@link AgreementRejectedException} listing every problem.
	 */
	public static LeadAgreement read(JsonNode document) {
		List<AgreementProblem> problems = new ArrayList<>();
		if (!document.isObject()) {
			throw new AgreementRejectedException(
					List.of(new AgreementProblem("$", "Send the agreement as a JSON object")));
		}
		ObjectNode body = ((ObjectNode) document).deepCopy();
		for (String field : body.propertyNames()) {
			if (!WRITABLE.contains(field) && !LIFECYCLE.contains(field)) {
				problems.add(new AgreementProblem(field, "Unknown field; an agreement has " + sorted(WRITABLE)));
			}
		}
		LIFECYCLE.forEach(body::remove);
		unknownOperators(body.path("fitRules"), "fitRules", problems);
		JsonNode profiles = body.path("targetProfiles");
		for (int i = 0; i < profiles.size(); i++) {
			unknownOperators(profiles.get(i).path("conditions"), "targetProfiles[" + i + "].conditions", problems);
		}
		body.put("agreementId", "draft").put("version", 0).put("author", "-").put("createdAt", "1970-01-01T00:00:00Z");
		LeadAgreement agreement;
		try {
			agreement = READER.treeToValue(body, LeadAgreement.class);
		}
		catch (DatabindException ex) {
			problems.add(new AgreementProblem(path(ex), "Not readable: " + ex.getOriginalMessage()));
			throw new AgreementRejectedException(problems);
		}
		catch (JacksonException ex) {
			problems.add(new AgreementProblem("$", "Not readable: " + ex.getOriginalMessage()));
			throw new AgreementRejectedException(problems);
		}
		problems.addAll(check(agreement));
		if (!problems.isEmpty()) {
			throw new AgreementRejectedException(problems.stream().distinct().toList());
		}
		return agreement;
	}

	private static void unknownOperators(JsonNode conditions, String path, List<AgreementProblem> problems) {
		for (int i = 0; i < conditions.size(); i++) {
			JsonNode operator = conditions.get(i).path("operator");
			if (operator.isString() && Arrays.stream(Operator.values())
				.noneMatch((known) -> known.name().equals(operator.asString()))) {
				problems.add(new AgreementProblem(path + "[" + i + "].operator", "Unknown operator '"
						+ operator.asString() + "'; use one of " + Arrays.toString(Operator.values())));
			}
		}
	}

	private static String path(DatabindException ex) {
		return ex.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? "." + reference.getPropertyName()
					: "[" + reference.getIndex() + "]")
			.collect(Collectors.joining())
			.replaceFirst("^\\.", "");
	}

	/**
	 * Every problem with an agreement's content; empty when it can score leads
	 * consistently.
	 */
	public static List<AgreementProblem> check(LeadAgreement agreement) {
		List<AgreementProblem> problems = new ArrayList<>();
		if (blank(agreement.name())) {
			problems.add(new AgreementProblem("name", "Give the agreement a name people recognise"));
		}
		Set<String> ids = new HashSet<>();
		List<FitRule> fitRules = agreement.fitRules();
		for (int i = 0; i < fitRules.size(); i++) {
			FitRule rule = fitRules.get(i);
			String path = "fitRules[" + i + "]";
			ruleId(rule.id(), path, ids, problems);
			condition(rule.condition(), path, problems);
			points(rule.points(), path, problems);
		}
		List<TargetProfile> profiles = agreement.targetProfiles();
		for (int i = 0; i < profiles.size(); i++) {
			TargetProfile profile = profiles.get(i);
			String path = "targetProfiles[" + i + "]";
			ruleId(profile.id(), path, ids, problems);
			if (blank(profile.name())) {
				problems.add(new AgreementProblem(path + ".name", "Name the buyer profile as sales calls it"));
			}
			if (profile.conditions().isEmpty()) {
				problems.add(new AgreementProblem(path + ".conditions",
						"A target profile needs at least one condition (title, pain point, use case)"));
			}
			for (int j = 0; j < profile.conditions().size(); j++) {
				condition(profile.conditions().get(j), path + ".conditions[" + j + "]", problems);
			}
			points(profile.points(), path, problems);
		}
		engagementRules(agreement.engagementRules(), problems);
		grades(agreement.grades(), problems);
		stages(agreement, problems);
		for (int i = 0; i < agreement.requiredFields().size(); i++) {
			if (blank(agreement.requiredFields().get(i))) {
				problems.add(new AgreementProblem("requiredFields[" + i + "]", "Name a lead attribute, e.g. email"));
			}
		}
		sla(agreement, problems);
		returnReasons(agreement.returnReasons(), problems);
		positive(agreement.rulingWithin(), "rulingWithin", problems);
		commitment(agreement, problems);
		return problems;
	}

	private static void ruleId(@Nullable String id, String path, Set<String> ids, List<AgreementProblem> problems) {
		if (blank(id)) {
			problems.add(new AgreementProblem(path + ".id", "Give the rule an id; explanations show it"));
		}
		else if (!ids.add(id)) {
			problems.add(new AgreementProblem(path + ".id", "The id '" + id + "' is used by another rule"));
		}
	}

	private static void points(int points, String path, List<AgreementProblem> problems) {
		if (points == 0 || Math.abs(points) > MAX_POINTS) {
			problems.add(new AgreementProblem(path + ".points",
					"Points must be between -" + MAX_POINTS + " and " + MAX_POINTS + " and not 0; got " + points));
		}
	}

	private static void condition(Condition condition, String path, List<AgreementProblem> problems) {
		if (blank(condition.attribute())) {
			problems.add(new AgreementProblem(path + ".attribute",
					"Name the lead attribute, e.g. title, company.employees or a custom attribute"));
		}
		Operator operator = condition.operator();
		if (operator == null) {
			if (problems.stream().noneMatch((problem) -> problem.field().equals(path + ".operator"))) {
				problems.add(new AgreementProblem(path + ".operator",
						"Give an operator: one of " + Arrays.toString(Operator.values())));
			}
			return;
		}
		List<String> values = condition.values();
		switch (operator) {
			case PRESENT, ABSENT -> {
				if (!values.isEmpty()) {
					problems.add(new AgreementProblem(path + ".values", operator + " takes no values"));
				}
			}
			case IN, CONTAINS_WORD -> {
				if (values.isEmpty() || values.stream().anyMatch(AgreementDocuments::blank)) {
					problems
						.add(new AgreementProblem(path + ".values", operator + " needs one or more non-blank values"));
				}
			}
			case MATCHES -> {
				if (values.isEmpty()) {
					problems
						.add(new AgreementProblem(path + ".values", "MATCHES needs one or more regular expressions"));
				}
				for (int i = 0; i < values.size(); i++) {
					String bound = beyondBounds(values.get(i));
					if (bound != null) {
						problems.add(new AgreementProblem(path + ".values[" + i + "]", bound));
						continue;
					}
					try {
						com.google.re2j.Pattern.compile(values.get(i));
					}
					catch (PatternSyntaxException ex) {
						// RE2 syntax: no backreferences or lookaround, which is what
						// keeps matching linear.
						problems.add(new AgreementProblem(path + ".values[" + i + "]",
								"Not a regular expression that matches in linear time (RE2 syntax: no backreferences "
										+ "or lookaround): " + ex.getDescription()));
					}
				}
			}
			case BETWEEN -> between(values, path, problems);
		}
	}

	/** The longest pattern a MATCHES rule may have. */
	static final int MAX_PATTERN_LENGTH = 200;

	/**
	 * How far a pattern's counted repetitions ({@code {n}}, {@code {m,n}}) may multiply,
	 * nested or not.
	 */
	static final long MAX_REPETITION = 100;

	private static final Pattern COUNTED = Pattern.compile("\\{(\\d{1,9})(?:,(\\d{0,9}))?}");

	/**
	 * Why a pattern is too large to run on every lead, or null. RE2/J matches in time
	 * linear in the value, but the factor is the compiled pattern's size, which nested
	 * counted repetitions multiply: ((a{1000}){1000}){1000} would not even compile in a
	 * service's memory. Checked before compiling.
	 */
	private static @Nullable String beyondBounds(String regex) {
		if (regex.length() > MAX_PATTERN_LENGTH) {
			return "A pattern may have at most " + MAX_PATTERN_LENGTH + " characters; this one has " + regex.length();
		}
		long product = 1;
		Matcher counted = COUNTED.matcher(regex);
		while (counted.find()) {
			String upper = counted.group(2);
			long times = Long.parseLong((upper != null && !upper.isEmpty()) ? upper : counted.group(1));
			product *= Math.max(1, times);
			if (product > MAX_REPETITION) {
				return "The pattern's counted repetitions ({n}, {m,n}) multiply to more than " + MAX_REPETITION
						+ ": use + or * instead of large counts";
			}
		}
		return null;
	}

	private static void between(List<String> values, String path, List<AgreementProblem> problems) {
		if (values.size() != 2) {
			problems.add(new AgreementProblem(path + ".values",
					"BETWEEN needs exactly two numbers, low and high; got " + values));
			return;
		}
		try {
			if (new BigDecimal(values.get(0)).compareTo(new BigDecimal(values.get(1))) > 0) {
				problems
					.add(new AgreementProblem(path + ".values", "BETWEEN needs the low number first; got " + values));
			}
		}
		catch (NumberFormatException ex) {
			problems.add(new AgreementProblem(path + ".values", "BETWEEN needs two numbers; got " + values));
		}
	}

	private static void engagementRules(List<EngagementRule> rules, List<AgreementProblem> problems) {
		Set<String> types = new HashSet<>();
		for (int i = 0; i < rules.size(); i++) {
			EngagementRule rule = rules.get(i);
			String path = "engagementRules[" + i + "]";
			if (rule.type() == null || !EngagementTypes.ALL.contains(rule.type())) {
				problems.add(new AgreementProblem(path + ".type", "Unknown engagement type '" + rule.type()
						+ "'; known types are " + sorted(EngagementTypes.ALL)));
			}
			else if (!types.add(rule.type())) {
				problems.add(new AgreementProblem(path + ".type", rule.type() + " has another rule already"));
			}
			points(rule.points(), path, problems);
			if (rule.cap() != null && (rule.cap() <= 0 || (rule.points() > 0 && rule.cap() < rule.points()))) {
				problems.add(new AgreementProblem(path + ".cap",
						"A cap must be positive and at least the points of one engagement; got " + rule.cap()));
			}
			if (rule.halfLife() != null) {
				positive(rule.halfLife(), path + ".halfLife", problems);
			}
		}
	}

	private static void grades(List<GradeBand> grades, List<AgreementProblem> problems) {
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

	private static void stages(LeadAgreement agreement, List<AgreementProblem> problems) {
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

	private static void sla(LeadAgreement agreement, List<AgreementProblem> problems) {
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

	private static void commitment(LeadAgreement agreement, List<AgreementProblem> problems) {
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

	private static void returnReasons(List<ReturnReason> reasons, List<AgreementProblem> problems) {
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

	private static void positive(@Nullable Duration duration, String path, List<AgreementProblem> problems) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			problems.add(
					new AgreementProblem(path, "Give a positive ISO-8601 duration, e.g. PT4H or P3D; got " + duration));
		}
	}

	private static boolean blank(@Nullable String text) {
		return text == null || text.isBlank();
	}

	private static String sorted(Set<String> names) {
		return names.stream().sorted().toList().toString();
	}

}
