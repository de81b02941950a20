package io.handoff.console.routing;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import io.handoff.console.ConsolePageTest;
import io.handoff.console.PageTests;
import io.handoff.console.services.StubbedServices.Call;
import io.handoff.events.LeadEventsJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Drafting, approving and activating routing versions from the console, routing stubbed
 * over HTTP: what routing is sent, and who may send it.
 */
@ConsolePageTest(RoutingController.class)
@WithMockUser(username = "sales-ops", roles = "SALES_OPS")
class RoutingControllerTests extends PageTests {

	static final String IN_FORCE = """
			{"version":3,"status":"ACTIVE","territories":[
			{"territoryId":"west","name":"West","order":1,"team":"West","countries":["US"],"regions":[],"industries":[]},
			{"territoryId":"rest","name":"Rest","order":2,"team":"Central","countries":[],"regions":[],"industries":[]}],
			"matching":{"byName":true,"nameThreshold":0.9}}""";

	@Test
	void aDraftIsTheVersionInForceWithTheTeamsAndMatchingTheFormChanged() throws Exception {
		this.services.get("routing", "/api/v1/routing", IN_FORCE)
			.answer("routing", "POST", "/api/v1/routing/versions", 201, "{\"version\":4,\"status\":\"DRAFT\"}");

		this.mvc
			.perform(post("/routing/drafts").param("team.west", " Enterprise ")
				.param("team.rest", "")
				.param("basedOn", "3")
				.param("byName", "on")
				.param("nameThreshold", "0,85")
				.param("note", "Enterprise takes the West")
				.with(csrf()))
			.andExpect(redirectedUrl("/routing?version=4"))
			.andExpect(flash().attribute("message", containsString("Version 4 drafted")));

		JsonNode sent = LeadEventsJson.mapper().readTree(posted().body());
		assertThat(sent.path("territories").findValuesAsString("team")).containsExactly("Enterprise", "Central");
		assertThat(sent.path("territories").get(0).path("countries").get(0).asString()).isEqualTo("US");
		assertThat(sent.path("basedOn").asInt()).isEqualTo(3);
		assertThat(sent.path("matching").path("nameThreshold").asDouble()).isEqualTo(0.85);
		assertThat(sent.path("note").asString()).isEqualTo("Enterprise takes the West");
		assertThat(posted().person()).isEqualTo("sales-ops");
	}

	@Test
	void aDraftIsShownWithItsApprovalTheVersionInForceAndTheHistoryReadAsRoutingWritesThem() throws Exception {
		String draft = IN_FORCE.replace("\"version\":3,\"status\":\"ACTIVE\"",
				"\"version\":4,\"status\":\"DRAFT\",\"basedOn\":3,\"author\":\"sales-ops\",\"note\":\"Enterprise\"");
		this.services.get("routing", "/api/v1/routing", IN_FORCE)
			.get("routing", "/api/v1/routing/versions", "[" + draft + "," + IN_FORCE + "]")
			.get("routing", "/api/v1/routing/versions/4", draft)
			.get("routing", "/api/v1/routing/fairness", "{\"from\":\"2026-11-30\",\"to\":\"2026-12-07\",\"teams\":[]}")
			.get("routing", "/api/v1/routing/versions/4/diff", "{\"against\":3,\"changes\":[]}")
			.answer("routing", "GET", "/api/v1/routing/versions/4/preview?days=7", 404,
					"{\"status\":404,\"detail\":\"No leads to replay\"}");

		String page = this.mvc.perform(get("/routing").param("version", "4"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page)
			.contains("Version 4 (draft)", "from version <span>3</span>", "action=\"/routing/versions/4/approval\"",
					"Nothing against version <span>3</span>", "No leads to replay", "value=\"West\"", "<td>active</td>",
					"<td>draft</td>")
			.doesNotContain("action=\"/routing/versions/4/activation\"");
	}

	@Test
	void aBasedOnThatIsNotAVersionIsNotSentAndRoutingsRefusalIsShownFieldByField() throws Exception {
		this.services.get("routing", "/api/v1/routing", IN_FORCE)
			.answer("routing", "POST", "/api/v1/routing/versions", 422, """
					{"status":422,"detail":"The draft has problems",
					"errors":[{"path":"territories[0].team","message":"no team 'Nobody' in the roster"}]}""");

		this.mvc.perform(post("/routing/drafts").param("team.west", "Nobody").param("basedOn", "3 OR 1=1").with(csrf()))
			.andExpect(redirectedUrl("/routing"))
			.andExpect(flash().attribute("problem", "The draft has problems"))
			.andExpect(flash().attribute("problems", contains("no team 'Nobody' in the roster")));

		assertThat(LeadEventsJson.mapper().readTree(posted().body()).has("basedOn")).isFalse();
	}

	@Test
	void anApproverApprovesAVersion() throws Exception {
		this.services.answer("routing", "POST", "/api/v1/routing/versions/4/approval", 200, "{\"version\":4}");

		this.mvc.perform(post("/routing/versions/{version}/approval", 4).with(csrf()))
			.andExpect(redirectedUrl("/routing?version=4"))
			.andExpect(flash().attribute("message", "Version 4 is approved."));

		assertThat(posted().pathAndQuery()).isEqualTo("/api/v1/routing/versions/4/approval");
	}

	@Test
	@WithMockUser(username = "boss", roles = "SALES_MANAGER")
	void aManagerDraftsButDoesNotApprove() throws Exception {
		this.mvc.perform(post("/routing/versions/{version}/approval", 4).with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(this.services.calls()).isEmpty();

		this.services.get("routing", "/api/v1/routing", IN_FORCE)
			.answer("routing", "POST", "/api/v1/routing/versions", 201, "{\"version\":4,\"status\":\"DRAFT\"}");
		this.mvc.perform(post("/routing/drafts").param("basedOn", "3").with(csrf()))
			.andExpect(redirectedUrl("/routing?version=4"));
		assertThat(posted().person()).isEqualTo("boss");
	}

	@Test
	void aVersionThatIsNotANumberNeverReachesRouting() throws Exception {
		this.mvc.perform(post("/routing/versions/{version}/activation", "four").with(csrf()))
			.andExpect(status().isBadRequest());

		assertThat(this.services.calls()).isEmpty();
	}

	private Call posted() {
		List<Call> posts = this.services.calls().stream().filter((call) -> call.method().equals("POST")).toList();
		assertThat(posts).hasSize(1);
		return posts.get(0);
	}

}
