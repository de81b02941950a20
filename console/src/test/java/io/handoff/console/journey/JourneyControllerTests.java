package io.handoff.console.journey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.node.ObjectNode;

import io.handoff.console.ConsolePageTest;
import io.handoff.console.PageTests;
import io.handoff.console.services.StubbedServices.Call;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadIds;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored;
import io.handoff.events.TurnSteps;
import io.handoff.test.Leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A lead's journey as the console gathers it from every service, each stubbed over HTTP.
 */
@ConsolePageTest(JourneyController.class)
@WithMockUser(username = "marketing-ops", roles = "MARKETING_OPS")
class JourneyControllerTests extends PageTests {

	static final String EMAIL = "dana.reyes@northwind.example";

	static final UUID LEAD = LeadIds.ofEmail(EMAIL);

	@Test
	void anEmailTypedFindsTheLeadByTheIdIntakeGaveItAndAsksEveryServiceAsThePersonSignedIn() throws Exception {
		this.services.get("scoring", "/api/v1/leads/" + LEAD + "/score", score())
			.get("routing", "/api/v1/assignments/" + LEAD, assignment());

		this.mvc.perform(get("/journey").param("q", " Dana.Reyes@Northwind.example "))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(LEAD.toString())))
			.andExpect(content().string(containsString("<strong>Sales ready</strong>, grade")))
			.andExpect(content().string(containsString("The whole path")))
			.andExpect(content().string(containsString("<strong>Assigned</strong>")))
			.andExpect(content().string(containsString("<li>follow-up: the lead goes back to Ada</li>")));

		assertThat(this.services.calls()).extracting(Call::service)
			.containsExactlyInAnyOrder("scoring", "routing", "sla", "arbitration", "arbitration");
		assertThat(this.services.calls()).extracting(Call::person).containsOnly("marketing-ops");
		assertThat(this.services.calls()).extracting(Call::pathAndQuery)
			.contains("/api/v1/leads/" + LEAD + "/score", "/api/v1/assignments/" + LEAD, "/api/v1/clocks/" + LEAD,
					"/api/v1/leads/" + LEAD + "/evidence");
	}

	@Test
	void aHistoryTheConsoleCannotReadIsThatServicesFaultOnItsPanelAndTheRestOfThePathStands() throws Exception {
		this.services.get("scoring", "/api/v1/leads/" + LEAD + "/score", score())
			.get("routing", "/api/v1/assignments/" + LEAD, "{\"status\":\"ASSIGNED\",\"history\":[42]}")
			.get("sla", "/api/v1/clocks/" + LEAD,
					"{\"state\":\"RUNNING\",\"history\":[{\"occurredAt\":\"yesterday\"}]}");

		this.mvc.perform(get("/journey").param("q", LEAD.toString()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("routing answered what this console cannot read")))
			.andExpect(content().string(containsString("sla answered what this console cannot read")))
			.andExpect(content().string(containsString("<strong>Sales ready</strong>, grade")))
			.andExpect(content().string(containsString("The whole path")));
	}

	@Test
	void aLeadNoServiceHasSeenSaysSo() throws Exception {
		this.mvc.perform(get("/journey").param("q", LEAD.toString()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("No service has seen this lead")));
	}

	@Test
	void whatIsNeitherAnEmailNorALeadIdIsRefusedOnThePageAndNoServiceIsAsked() throws Exception {
		this.mvc.perform(get("/journey").param("q", "../../actuator/env"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Type a lead&#39;s email address")))
			.andExpect(content().string(not(containsString("The whole path"))));

		assertThat(this.services.calls()).isEmpty();
	}

	/** Routing's answer: the lead's state and its assignments, each with its steps. */
	private static String assignment() {
		LeadAssigned assigned = LeadAssigned.of(UUID.randomUUID(), Instant.parse("2026-11-30T10:00:00Z"), LEAD, "ada",
				"Ada", "West", LeadAssigned.Method.FOLLOW_UP, "A", 1, List.of(new TurnSteps.FollowUp("Ada")), null);
		ObjectNode answer = LeadEventsJson.mapper()
			.valueToTree(Map.of("leadId", LEAD.toString(), "status", "ASSIGNED", "repId", "ada", "repName", "Ada",
					"team", "West", "method", "FOLLOW_UP"));
		answer.putNull("closedBecause");
		answer.set("history", LeadEventsJson.mapper().valueToTree(List.of(assigned)));
		return answer.toString();
	}

	/**
	 * Scoring's answer: the latest score, its fields at the top level, and its stages.
	 */
	private static String score() {
		Instant at = Instant.parse("2026-11-30T09:00:00Z");
		LeadReceived lead = Leads.salesReady(EMAIL, at);
		ObjectNode score = LeadEventsJson.mapper()
			.valueToTree(new LeadScored(UUID.randomUUID(), at, lead.leadId(), lead, 62, 20, "A",
					LeadScored.Stage.SALES_READY, LeadScored.Stage.MQL, "v1", 1,
					List.of(new LeadScored.RuleHit("title-vp", "title contains VP", 25)), "fit 62, engagement 20"));
		score.set("stages",
				LeadEventsJson.mapper()
					.valueToTree(List.of(Map.of("at", at.toString(), "from", "MQL", "stage", "SALES_READY", "by",
							"scoring", "why", "fit 62 and engagement 20 reach sales-ready"))));
		return score.toString();
	}

}
