package io.handoff.intake.platforms;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A Marketo webhook, sent with the template of {@code docs/platform-webhooks.md}, as a
 * lead. Marketo fills every token as text and an empty token as {@code ""}: empty tokens
 * are dropped, numbers parsed.
 */
final class MarketoMapping {

	/** Template fields and the lead field each becomes. */
	static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("email", "email"),
			Map.entry("firstName", "firstName"), Map.entry("lastName", "lastName"), Map.entry("title", "title"),
			Map.entry("phone", "phone"), Map.entry("company", "company.name"), Map.entry("website", "company.domain"),
			Map.entry("numberOfEmployees", "company.employees"), Map.entry("industry", "company.industry"),
			Map.entry("country", "company.country"), Map.entry("state", "company.region"),
			Map.entry("leadSource", "source"), Map.entry("campaign", "campaign"), Map.entry("marketoId", "externalId"));

	private MarketoMapping() {
	}

	static Map<String, @Nullable Object> lead(Map<String, @Nullable Object> webhook) {
		Map<String, @Nullable Object> lead = new LinkedHashMap<>();
		Map<String, @Nullable Object> company = new LinkedHashMap<>();
		lead.put("company", company);
		webhook.forEach((name, value) -> {
			if (value == null || (value instanceof String text && text.isBlank())) {
				return;
			}
			Platforms.put(lead, company, FIELDS.getOrDefault(name, "marketo." + name), value);
		});
		if (lead.containsKey("externalId") && !lead.containsKey("source")) {
			lead.put("source", "marketo");
		}
		return lead;
	}

}
