package io.handoff.scoring.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAgreement.FitRule;
import io.handoff.events.LeadAgreement.GradeBand;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored.RuleHit;
import io.handoff.events.LeadScored.Stage;

/**
 * Scores one lead against one agreement: the same lead and agreement always give the same score, stage and
 * explanation. No Kafka, no Spring: the topology calls it for every lead.
 */
public final class LeadScorer {

	private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

	private LeadScorer() {
	}

	/** Scores {@code lead} against {@code agreement}. */
	public static Score score(LeadAgreement agreement, LeadReceived lead) {
		List<RuleHit> hits = new ArrayList<>();
		int fit = 0;
		for (FitRule rule : agreement.fitRules()) {
			String value = attribute(lead, rule.attribute());
			if (holds(rule, value)) {
				fit += rule.points();
				hits.add(new RuleHit(rule.id(), describe(rule, value), rule.points()));
			}
		}
		String grade = grade(agreement, fit);
		return new Score(fit, grade, stage(agreement, lead, fit), hits);
	}

	/**
	 * A lead's value of an attribute as text: {@code title}, {@code company.employees}, {@code attributes.city},
	 * or a bare custom attribute name.
	 */
	static @Nullable String attribute(LeadReceived lead, String attribute) {
		Object value = switch (attribute) {
			case "email" -> lead.email();
			case "firstName" -> lead.firstName();
			case "lastName" -> lead.lastName();
			case "title" -> lead.title();
			case "phone" -> lead.phone();
			case "source" -> lead.source();
			case "campaign" -> lead.campaign();
			case "company.name" -> lead.company().name();
			case "company.domain" -> lead.company().domain();
			case "company.employees" -> lead.company().employees();
			case "company.industry" -> lead.company().industry();
			case "company.country" -> lead.company().country();
			case "company.region" -> lead.company().region();
			default -> lead.attributes().get(attribute.startsWith("attributes.")
					? attribute.substring("attributes.".length()) : attribute);
		};
		if (value == null) {
			return null;
		}
		String text = value.toString().strip();
		return text.isEmpty() ? null : text;
	}

	private static boolean holds(FitRule rule, @Nullable String value) {
		return switch (rule.operator()) {
			case PRESENT -> value != null;
			case ABSENT -> value == null;
			case IN -> value != null && rule.values().stream().anyMatch(value::equalsIgnoreCase);
			case CONTAINS_WORD -> value != null && rule.values()
				.stream()
				.anyMatch((word) -> pattern("(?i)\\b" + Pattern.quote(word) + "\\b").matcher(value).find());
			case MATCHES -> value != null
					&& rule.values().stream().anyMatch((regex) -> pattern("(?i)" + regex).matcher(value).matches());
			case BETWEEN -> between(rule, value);
		};
	}

	private static boolean between(FitRule rule, @Nullable String value) {
		if (value == null) {
			return false;
		}
		try {
			BigDecimal number = new BigDecimal(value);
			return number.compareTo(new BigDecimal(rule.values().get(0))) >= 0
					&& number.compareTo(new BigDecimal(rule.values().get(1))) <= 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static Pattern pattern(String regex) {
		return PATTERNS.computeIfAbsent(regex, Pattern::compile);
	}

	private static String describe(FitRule rule, @Nullable String value) {
		String operator = rule.operator().name().toLowerCase(Locale.ROOT).replace('_', ' ');
		return switch (rule.operator()) {
			case PRESENT, ABSENT -> rule.attribute() + " is " + operator;
			default -> rule.attribute() + " '" + value + "' " + operator + " " + rule.values();
		};
	}

	private static String grade(LeadAgreement agreement, int fit) {
		return agreement.grades()
			.stream()
			.filter((band) -> fit >= band.minFitScore())
			.max(java.util.Comparator.comparingInt(GradeBand::minFitScore))
			.map(GradeBand::grade)
			.orElse(agreement.grades().get(agreement.grades().size() - 1).grade());
	}

	private static Stage stage(LeadAgreement agreement, LeadReceived lead, int fit) {
		boolean complete = agreement.requiredFields().stream().allMatch((field) -> attribute(lead, field) != null);
		if (!complete) {
			return Stage.INQUIRY;
		}
		if (fit < 0) {
			return Stage.DISQUALIFIED;
		}
		if (fit >= agreement.salesReadyThreshold()) {
			return Stage.SALES_READY;
		}
		return (fit >= agreement.mqlThreshold()) ? Stage.MQL : Stage.INQUIRY;
	}

	/**
	 * A lead's score under one agreement.
	 *
	 * @param fit points from the fit rules
	 * @param grade the fit grade
	 * @param stage the stage the score puts the lead in
	 * @param explanation every rule that fired
	 */
	public record Score(int fit, String grade, Stage stage, List<RuleHit> explanation) {
	}

}
