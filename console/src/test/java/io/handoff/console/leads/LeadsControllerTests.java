package io.handoff.console.leads;

import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import io.handoff.console.ConsolePageTest;
import io.handoff.console.PageTests;
import io.handoff.console.services.StubbedServices.Call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The leads list and its download, scoring and routing stubbed over HTTP: which leads the
 * console asks scoring for, and what it writes into a CSV file.
 */
@ConsolePageTest(LeadsController.class)
@WithMockUser(username = "sales-ops", roles = "SALES_OPS")
class LeadsControllerTests extends PageTests {

	static final String TEAMS = """
			[{"team":"West","reps":[{"repId":"ada","name":"Ada"},{"repId":"bo","name":"Bo"}]},
			{"team":"Central","reps":[{"repId":"cy","name":"Cy"}]}]""";

	static final String ONE_LEAD = """
			{"total":1,"leads":[{"leadId":"9b2e4f10-0000-4000-8000-000000000002","email":"dana@northwind.example",
			"name":"Dana Reyes","title":"VP Sales","company":"=HYPERLINK(\\"http://evil.example\\")","source":"webinar",
			"country":"US","grade":"A","stage":"SALES_READY","stageSince":"2026-11-30T09:00:00Z","assignee":"ada",
			"arrivedAt":"2026-11-30T08:00:00Z","agreementVersion":1}]}""";

	@Test
	void aTeamAsksScoringForItsRepsLeadsAndAnOrderOrPageThePageDoesNotOfferIsIgnored() throws Exception {
		this.services.get("routing", "/api/v1/teams", TEAMS);

		this.mvc.perform(get("/leads").param("team", "West").param("sort", "SALARY").param("page", "-3"))
			.andExpect(status().isOk());

		assertThat(scoringAsked()).startsWith("/api/v1/leads?repId=ada&repId=bo&sort=ARRIVED&page=0&size=50");
	}

	@Test
	void aRepNotOnTheTeamAskedForFindsNoLeadsRatherThanTheRepsOwn() throws Exception {
		this.services.get("routing", "/api/v1/teams", TEAMS);

		this.mvc.perform(get("/leads").param("team", "West").param("repId", "cy")).andExpect(status().isOk());

		assertThat(scoringAsked()).contains("repId=(none of team West)").doesNotContain("repId=cy");
	}

	@Test
	void theListShowsWhatScoringFound() throws Exception {
		this.services.get("routing", "/api/v1/teams", TEAMS)
			.get("scoring", "/api/v1/leads?sort=ARRIVED&page=0&size=50", ONE_LEAD);

		this.mvc.perform(get("/leads"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<span>1</span> leads match.")))
			.andExpect(content().string(containsString("dana@northwind.example")));
	}

	@Test
	void theDownloadIsACsvFileWhoseCellsCannotRunAsFormulas() throws Exception {
		this.services.get("scoring", "/api/v1/leads?sort=ARRIVED&page=0&size=1000", ONE_LEAD);

		this.mvc.perform(get("/leads.csv"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("leads.csv")))
			.andExpect(content().string(startsWith("leadId,email,name,title,company,")))
			.andExpect(content().string(containsString("'=HYPERLINK")));
	}

	@Test
	void aDownloadWhileScoringIsDownIsA503NotAnEmptyFile() throws Exception {
		this.services.down("scoring");

		this.mvc.perform(get("/leads.csv")).andExpect(status().isServiceUnavailable());
	}

	private String scoringAsked() {
		return this.services.calls()
			.stream()
			.filter((call) -> call.service().equals("scoring"))
			.map(Call::pathAndQuery)
			.findFirst()
			.orElseThrow();
	}

}
