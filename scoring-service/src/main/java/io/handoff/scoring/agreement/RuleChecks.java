package io.handoff.scoring.agreement;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.re2j.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

import io.handoff.events.EngagementTypes;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAgreement.Condition;
import io.handoff.events.LeadAgreement.FitRule;
import io.handoff.events.LeadAgreement.TargetProfile;
import io.handoff.events.LeadAgreement.EngagementRule;
import io.handoff.events.LeadAgreement.Operator;

import static io.handoff.scoring.agreement.AgreementDocuments.blank;
import static io.handoff.scoring.agreement.AgreementDocuments.positive;
import static io.handoff.scoring.agreement.AgreementDocuments.sorted;

/**
 * The checks of an agreement's rules: their ids and points, the conditions they test
 * (with patterns bounded so no lead can make scoring backtrack for long), and the
 * engagement they count.
 */
final class RuleChecks {

	/** The most points one rule may give or take. */
	static final int MAX_POINTS = 1000;

	private RuleChecks() {
	}

	/**
	 * Checks the fit rules, the target profiles (ids unique among both) and the
	 * engagement rules.
	 */
	static void rules(LeadAgreement agreement, List<AgreementProblem> problems) {
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

}
