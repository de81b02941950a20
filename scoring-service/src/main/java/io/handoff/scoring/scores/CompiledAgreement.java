package io.handoff.scoring.scores;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.google.re2j.Pattern;
import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAgreement.Condition;
import io.handoff.events.LeadAgreement.EngagementRule;
import io.handoff.events.LeadAgreement.FitRule;
import io.handoff.events.LeadAgreement.TargetProfile;
import io.handoff.events.LeadReceived;

/**
 * An agreement made ready to score many leads: each condition is turned once into a test
 * (patterns compiled, numbers parsed, attribute readers resolved), so scoring a lead does
 * no parsing and no lookups by name.
 */
public final class CompiledAgreement {

	private final LeadAgreement agreement;

	private final List<Rule> rules;

	private final Map<String, EngagementRule> engagementRules;

	private final List<Function<LeadReceived, @Nullable String>> requiredFields;

	private CompiledAgreement(LeadAgreement agreement) {
		this.agreement = agreement;
		this.rules = new ArrayList<>();
		for (FitRule rule : agreement.fitRules()) {
			Test test = test(rule.condition());
			this.rules.add(new Rule(rule.id(), rule.points(), List.of(test), test::describe));
		}
		for (TargetProfile profile : agreement.targetProfiles()) {
			List<Test> tests = profile.conditions().stream().map(CompiledAgreement::test).toList();
			String matched = "matches target profile '" + profile.name() + "'";
			this.rules.add(new Rule("profile:" + profile.id(), profile.points(), tests, (lead) -> matched));
		}
		this.engagementRules = agreement.engagementRules()
			.stream()
			.collect(Collectors.toUnmodifiableMap(EngagementRule::type, Function.identity()));
		this.requiredFields = agreement.requiredFields().stream().map(Attributes::reader).toList();
	}

	/**
	 * Compiles {@code agreement}; throws {@link IllegalArgumentException} for a condition
	 * that cannot be compiled.
	 */
	public static CompiledAgreement of(LeadAgreement agreement) {
		return new CompiledAgreement(agreement);
	}

	public LeadAgreement agreement() {
		return this.agreement;
	}

	/**
	 * Every fit rule and target profile, in the agreement's order: the features
	 * calibration fits.
	 */
	public List<Rule> rules() {
		return this.rules;
	}

	@Nullable EngagementRule engagementRule(String type) {
		return this.engagementRules.get(type);
	}

	boolean complete(LeadReceived lead) {
		for (Function<LeadReceived, @Nullable String> field : this.requiredFields) {
			if (field.apply(lead) == null) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A fit rule or a target profile, compiled.
	 *
	 * @param id the id shown in explanations ({@code profile:} prefixed for target
	 * profiles)
	 * @param points its points
	 * @param tests what must hold, all of them
	 * @param description what it matched, for people
	 */
	public record Rule(String id, int points, List<Test> tests, Function<LeadReceived, String> description) {

		/** Whether the rule holds for {@code lead}. */
		public boolean holds(LeadReceived lead) {
			for (Test test : this.tests) {
				if (!test.test(lead)) {
					return false;
				}
			}
			return true;
		}

	}

	/**
	 * One compiled condition.
	 *
	 * @param condition the condition as written
	 * @param reader reads the attribute from a lead
	 * @param predicate tests the attribute's value
	 * @param described how an explanation names what matched, after the value (prepared
	 * once)
	 */
	public record Test(Condition condition, Function<LeadReceived, @Nullable String> reader,
			Predicate<@Nullable String> predicate, String described) implements Predicate<LeadReceived> {

		@Override
		public boolean test(LeadReceived lead) {
			return this.predicate.test(this.reader.apply(lead));
		}

		String describe(LeadReceived lead) {
			return switch (this.condition.operator()) {
				case PRESENT, ABSENT -> this.described;
				default -> this.condition.attribute() + " '" + this.reader.apply(lead) + this.described;
			};
		}

	}

	/**
	 * Compiles one condition; throws {@link IllegalArgumentException} with the reason if
	 * it cannot be.
	 */
	public static Test test(Condition condition) {
		String operator = condition.operator().name().toLowerCase(Locale.ROOT).replace('_', ' ');
		String described = switch (condition.operator()) {
			case PRESENT, ABSENT -> condition.attribute() + " is " + operator;
			default -> "' " + operator + " " + condition.values();
		};
		return new Test(condition, Attributes.reader(condition.attribute()), predicate(condition), described);
	}

	private static Predicate<@Nullable String> predicate(Condition condition) {
		List<String> values = condition.values();
		return switch (condition.operator()) {
			case PRESENT -> (value) -> value != null;
			case ABSENT -> (value) -> value == null;
			case IN -> {
				// Case-insensitive lookup without lower-casing each value read.
				Set<String> any = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
				any.addAll(values);
				yield (value) -> value != null && any.contains(value);
			}
			case CONTAINS_WORD -> {
				// A substring search with word-boundary checks: several times faster than
				// one regular expression of alternatives with \b, and it runs for every
				// lead.
				String[] phrases = values.stream()
					.map((phrase) -> phrase.toLowerCase(Locale.ROOT))
					.toArray(String[]::new);
				yield (value) -> value != null && containsWord(value.toLowerCase(Locale.ROOT), phrases);
			}
			case MATCHES -> {
				// RE2/J matches in time linear in the value: a draft's catastrophic
				// pattern, such as (a+)+$, cannot hang scoring or a preview over every
				// stored lead, as backtracking java.util.regex would.
				Pattern any = Pattern.compile(
						values.stream().map((regex) -> "(?:" + regex + ")").collect(Collectors.joining("|")),
						Pattern.CASE_INSENSITIVE);
				yield (value) -> value != null && any.matcher(value).matches();
			}
			case BETWEEN -> {
				if (values.size() != 2) {
					throw new IllegalArgumentException("BETWEEN needs exactly two values, low and high; got " + values);
				}
				BigDecimal low = new BigDecimal(values.get(0));
				BigDecimal high = new BigDecimal(values.get(1));
				double lowD = low.doubleValue();
				double highD = high.doubleValue();
				yield (value) -> {
					if (value == null) {
						return false;
					}
					double number = number(value);
					return !Double.isNaN(number) && number >= lowD && number <= highD;
				};
			}
		};
	}

	private static boolean containsWord(String text, String[] phrases) {
		for (String phrase : phrases) {
			int at = text.indexOf(phrase);
			while (at >= 0) {
				if (!wordCharacter(text, at - 1) && !wordCharacter(text, at + phrase.length())) {
					return true;
				}
				at = text.indexOf(phrase, at + 1);
			}
		}
		return false;
	}

	private static boolean wordCharacter(String text, int index) {
		if (index < 0 || index >= text.length()) {
			return false;
		}
		char c = text.charAt(index);
		return Character.isLetterOrDigit(c) || c == '_';
	}

	/** Parses a number without throwing: {@code NaN} for text that is not one. */
	static double number(String value) {
		int length = value.length();
		if (length == 0 || length > 40) {
			return Double.NaN;
		}
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
				return Double.NaN;
			}
		}
		try {
			return Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			return Double.NaN;
		}
	}

}
