package io.handoff.test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.handoff.events.Company;
import io.handoff.events.LeadIds;
import io.handoff.events.LeadReceived;

/**
 * Leads as intake writes them, for tests of the services downstream.
 */
public final class Leads {

	private Leads() {
	}

	/** A lead with a title at a company of {@code employees} in {@code country}. */
	public static LeadReceived lead(String email, @Nullable String title, @Nullable Integer employees,
			@Nullable String country, Instant at) {
		return new LeadReceived(UUID.randomUUID(), at, LeadIds.ofEmail(email), email, "Dana", "Reyes", title, null,
				new Company("Northwind", email.substring(email.indexOf('@') + 1), employees, "software", country, null),
				"webinar", "q4-launch", null, Map.of());
	}

	/** A lead the starter agreement makes sales-ready. */
	public static LeadReceived salesReady(String email, Instant at) {
		return lead(email, "VP Marketing", 1200, "US", at);
	}

}
