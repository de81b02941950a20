package io.handoff.intake.problems;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadIds;

/**
 * How sales tools and platforms name an existing lead: by the {@code leadId} intake
 * returned, or by the lead's email.
 */
public final class LeadReference {

	private LeadReference() {
	}

	/**
	 * The lead named by {@code leadId} or {@code email}; a problem on {@code fields} when
	 * neither names one.
	 */
	public static @Nullable UUID read(RequestFields fields) {
		String leadId = fields.text("leadId", 36);
		String email = fields.text("email", 254);
		if (leadId != null) {
			try {
				return UUID.fromString(leadId);
			}
			catch (IllegalArgumentException ex) {
				fields.problem("leadId", "must be the leadId intake returned (a UUID), not '" + leadId + "'");
				return null;
			}
		}
		if (email != null) {
			return LeadIds.ofEmail(email);
		}
		fields.problem("leadId", "is required (or the lead's email)");
		return null;
	}

}
