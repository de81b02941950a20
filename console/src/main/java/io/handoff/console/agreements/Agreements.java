package io.handoff.console.agreements;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * An agreement's rules in words a non-engineer reads
 * ({@code ${@agreements.condition(rule)}} in the templates).
 */
@Component("agreements")
public class Agreements {

	/**
	 * "title contains one of the words VP, Director" for a rule or a profile's condition.
	 */
	public static String condition(Map<String, Object> rule) {
		String attribute = String.valueOf(rule.get("attribute"));
		List<?> values = (rule.get("values") instanceof List<?> list) ? list : List.of();
		String joined = String.join(", ", values.stream().map(String::valueOf).toList());
		return switch (String.valueOf(rule.get("operator"))) {
			case "IN" -> attribute + " is one of " + joined;
			case "CONTAINS_WORD" -> attribute + " contains one of the words " + joined;
			case "MATCHES" -> attribute + " matches the pattern " + joined;
			case "BETWEEN" ->
				attribute + " is between " + String.join(" and ", values.stream().map(String::valueOf).toList());
			case "PRESENT" -> attribute + " is given";
			case "ABSENT" -> attribute + " is missing";
			default -> attribute + " " + String.valueOf(rule.get("operator")).toLowerCase(Locale.ROOT) + " " + joined;
		};
	}

	/** Every condition of a target profile, joined by "and". */
	@SuppressWarnings("unchecked")
	public String profile(Map<String, Object> profile) {
		List<Map<String, Object>> conditions = (List<Map<String, Object>>) profile.getOrDefault("conditions",
				List.of());
		return String.join(" and ", conditions.stream().map(Agreements::condition).toList());
	}

	/** A stage gate: "fit at least 45, or fit at least 20 and engagement at least 40". */
	@SuppressWarnings("unchecked")
	public String gates(@Nullable Object gates) {
		if (!(gates instanceof List<?> list)) {
			return "—";
		}
		return String.join(", or ",
				((List<Map<String, Object>>) list).stream()
					.map((gate) -> "fit at least " + gate.get("minFit") + " and engagement at least "
							+ gate.get("minEngagement"))
					.toList());
	}

	/** A grade band: "fit 45 to 59", "fit 60 and up". */
	public String band(Map<String, Object> band) {
		Object min = band.get("minFitScore");
		Object max = band.get("maxFitScore");
		if (min == null) {
			return "fit up to " + max;
		}
		return (max == null) ? "fit " + min + " and up" : "fit " + min + " to " + max;
	}

	/** Whether a signature of {@code party} is on the agreement. */
	@SuppressWarnings("unchecked")
	public boolean signed(Map<String, Object> agreement, String party) {
		List<Map<String, Object>> signatures = (List<Map<String, Object>>) agreement.getOrDefault("signatures",
				List.of());
		return signatures.stream().anyMatch((signature) -> party.equals(signature.get("party")));
	}

}
