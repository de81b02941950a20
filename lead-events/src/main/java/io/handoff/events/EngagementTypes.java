package io.handoff.events;

import java.util.Set;

/**
 * The kinds of engagement Handoff knows: what platforms may report and what an agreement
 * may give points for.
 */
public final class EngagementTypes {

	/** Every known engagement type. */
	public static final Set<String> ALL = Set.of("PAGE_VIEW", "PRICING_PAGE_VIEW", "FORM_FILL", "DEMO_REQUEST",
			"CONTACT_REQUEST", "TRIAL_SIGNUP", "CONTENT_DOWNLOAD", "WEBINAR_REGISTERED", "WEBINAR_ATTENDED",
			"EVENT_VISIT", "EMAIL_OPEN", "EMAIL_CLICK", "CHAT", "SMS_REPLY", "UNSUBSCRIBE", "EMAIL_BOUNCE");

	private EngagementTypes() {
	}

}
