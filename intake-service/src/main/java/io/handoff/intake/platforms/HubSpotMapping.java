package io.handoff.intake.platforms;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One HubSpot contact webhook event as the lead it tells of. HubSpot names a contact by
 * portal and object id (a {@code contact.creation} event carries no email), so that is
 * the lead's identity: source {@code hubspot}, external id {@code <portalId>:<objectId>}.
 * A {@code contact.propertyChange} of a mapped property adds that field.
 */
final class HubSpotMapping {

	/** HubSpot contact properties and the lead field each becomes. */
	static final Map<String, String> PROPERTIES = Map.ofEntries(Map.entry("email", "email"),
			Map.entry("firstname", "firstName"), Map.entry("lastname", "lastName"), Map.entry("jobtitle", "title"),
			Map.entry("phone", "phone"), Map.entry("mobilephone", "phone"), Map.entry("company", "company.name"),
			Map.entry("website", "company.domain"), Map.entry("numemployees", "company.employees"),
			Map.entry("industry", "company.industry"), Map.entry("country", "company.country"),
			Map.entry("state", "company.region"));

	private HubSpotMapping() {
	}

	/**
	 * The lead body of {@code event}, or empty for events that say nothing about a lead
	 * (deletions, companies).
	 */
	static Optional<Map<String, @Nullable Object>> lead(Map<String, @Nullable Object> event) {
		Object type = event.get("subscriptionType");
		Object objectId = event.get("objectId");
		if (objectId == null || !("contact.creation".equals(type) || "contact.propertyChange".equals(type))) {
			return Optional.empty();
		}
		Map<String, @Nullable Object> lead = new LinkedHashMap<>();
		Map<String, @Nullable Object> company = new LinkedHashMap<>();
		lead.put("source", "hubspot");
		lead.put("externalId", event.get("portalId") + ":" + objectId);
		lead.put("company", company);
		if ("contact.propertyChange".equals(type)) {
			String property = String.valueOf(event.get("propertyName"));
			Object value = event.get("propertyValue");
			Platforms.put(lead, company, PROPERTIES.getOrDefault(property, "hubspot." + property), value);
		}
		if (event.get("occurredAt") instanceof Number millis) {
			lead.put("hubspotOccurredAt", Instant.ofEpochMilli(millis.longValue()).toString());
		}
		lead.put("hubspotEventId", event.get("eventId"));
		lead.put("hubspotChangeSource", event.get("changeSource"));
		return Optional.of(lead);
	}

}
