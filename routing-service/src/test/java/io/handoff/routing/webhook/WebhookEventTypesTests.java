package io.handoff.routing.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.handoff.events.FromNewerRelease;
import io.handoff.events.LeadAssigned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Which webhook event an assignment is, by how its rep was chosen. */
class WebhookEventTypesTests {

	@Test
	void aFirstAssignmentIsLeadAssignedAnotherRepOrTheSameAgainIsLeadReassigned() {
		assertThat(WebhookSubscriptions.eventType(assigned(LeadAssigned.Method.ROUND_ROBIN)))
			.isEqualTo(WebhookSubscriptions.LEAD_ASSIGNED);
		assertThat(WebhookSubscriptions.eventType(assigned(LeadAssigned.Method.ACCOUNT_OWNER)))
			.isEqualTo(WebhookSubscriptions.LEAD_ASSIGNED);
		assertThat(WebhookSubscriptions.eventType(assigned(LeadAssigned.Method.REASSIGNMENT)))
			.isEqualTo(WebhookSubscriptions.LEAD_REASSIGNED);
		assertThat(WebhookSubscriptions.eventType(assigned(LeadAssigned.Method.FOLLOW_UP)))
			.isEqualTo(WebhookSubscriptions.LEAD_REASSIGNED);
	}

	@Test
	void anAssignmentByAMethodOfANewerReleaseIsNeverDeliveredAsUnknownButKeptToReplay() {
		assertThatExceptionOfType(FromNewerRelease.class)
			.isThrownBy(() -> WebhookSubscriptions.eventType(assigned(LeadAssigned.Method.UNKNOWN)));
	}

	private static LeadAssigned assigned(LeadAssigned.Method method) {
		return new LeadAssigned(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), "ada", "Ada", "West", method, "B",
				1, List.of("round robin"));
	}

}
