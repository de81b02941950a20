package io.handoff.scoring.agreement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadEventsJson;

/**
 * What changed between two versions of the agreement, term by term: rules are matched by
 * id, engagement rules by type, grades and SLA terms by grade, return reasons by code,
 * segment commitments by segment; lifecycle fields (signatures, dates) are left out.
 *
 * @param from the earlier version's id
 * @param to the later version's id
 * @param changes every term added, removed or changed
 */
public record AgreementDiff(String from, String to, List<Change> changes) {

	private static final Map<String, String> KEYED_LISTS = Map.of("fitRules", "id", "targetProfiles", "id",
			"engagementRules", "type", "grades", "grade", "returnReasons", "code", "sla.grades", "grade",
			"commitment.segments", "dimension,value");

	private static final List<String> TERMS = List.of("name", "fitRules", "targetProfiles", "engagementRules", "grades",
			"stages", "requiredFields", "sla.grades", "sla.ignoredAfter", "sla.assignInWorkingHoursOnly",
			"sla.reassignAfter", "returnReasons", "rulingWithin", "commitment.salesReadyPerWeek",
			"commitment.segments");

	/** The changes from {@code from} to {@code to}. */
	public static AgreementDiff between(LeadAgreement from, LeadAgreement to) {
		JsonNode before = LeadEventsJson.mapper().valueToTree(from);
		JsonNode after = LeadEventsJson.mapper().valueToTree(to);
		List<Change> changes = new ArrayList<>();
		for (String term : TERMS) {
			JsonNode old = at(before, term);
			JsonNode now = at(after, term);
			String key = KEYED_LISTS.get(term);
			if (key != null) {
				Map<String, JsonNode> oldItems = byKey(old, key);
				Map<String, JsonNode> newItems = byKey(now, key);
				oldItems.forEach((id, item) -> {
					if (!newItems.containsKey(id)) {
						changes.add(new Change(term + "[" + id + "]", Kind.REMOVED, item, null));
					}
					else if (!item.equals(newItems.get(id))) {
						changes.add(new Change(term + "[" + id + "]", Kind.CHANGED, item, newItems.get(id)));
					}
				});
				newItems.forEach((id, item) -> {
					if (!oldItems.containsKey(id)) {
						changes.add(new Change(term + "[" + id + "]", Kind.ADDED, null, item));
					}
				});
			}
			else if (!old.equals(now)) {
				changes.add(new Change(term, Kind.CHANGED, old, now));
			}
		}
		return new AgreementDiff(from.agreementId(), to.agreementId(), changes);
	}

	private static JsonNode at(JsonNode document, String term) {
		JsonNode node = document;
		for (String part : term.split("\\.")) {
			node = node.path(part);
		}
		return node;
	}

	private static Map<String, JsonNode> byKey(JsonNode list, String key) {
		Map<String, JsonNode> items = new LinkedHashMap<>();
		// A key of several fields (dimension,value) reads as their values joined by '='
		// (source=Google).
		list.valueStream()
			.forEach((item) -> items.put(Arrays.stream(key.split(","))
				.map((field) -> item.path(field).asString())
				.collect(Collectors.joining("=")), item));
		return items;
	}

	/** How a term changed. */
	public enum Kind {

		ADDED, REMOVED, CHANGED

	}

	/**
	 * One term that changed.
	 *
	 * @param term the term, with the id of the rule, grade or reason in brackets
	 * @param kind added, removed or changed
	 * @param before the term before, {@code null} when added
	 * @param after the term after, {@code null} when removed
	 */
	public record Change(String term, Kind kind, @Nullable JsonNode before, @Nullable JsonNode after) {
	}

}
