package io.handoff.scoring.agreement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAgreement.Operator;
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
		RuleChecks.rules(agreement, problems);
		TermChecks.grades(agreement.grades(), problems);
		TermChecks.stages(agreement, problems);
		for (int i = 0; i < agreement.requiredFields().size(); i++) {
			if (blank(agreement.requiredFields().get(i))) {
				problems.add(new AgreementProblem("requiredFields[" + i + "]", "Name a lead attribute, e.g. email"));
			}
		}
		TermChecks.sla(agreement, problems);
		TermChecks.returnReasons(agreement.returnReasons(), problems);
		positive(agreement.rulingWithin(), "rulingWithin", problems);
		TermChecks.commitment(agreement, problems);
		return problems;
	}

	static void positive(@Nullable Duration duration, String path, List<AgreementProblem> problems) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			problems.add(
					new AgreementProblem(path, "Give a positive ISO-8601 duration, e.g. PT4H or P3D; got " + duration));
		}
	}

	static boolean blank(@Nullable String text) {
		return text == null || text.isBlank();
	}

	static String sorted(Set<String> names) {
		return names.stream().sorted().toList().toString();
	}

}
