package io.handoff.console.organisation;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import io.handoff.console.ConsolePageTest;
import io.handoff.console.PageTests;
import io.handoff.console.services.StubbedServices.Call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sales organisation page's imports and "try a lead", routing stubbed over HTTP: what
 * reaches routing, and what the console refuses before it does.
 */
@ConsolePageTest(OrganisationController.class)
@WithMockUser(username = "sales-ops", roles = "SALES_OPS")
class OrganisationControllerTests extends PageTests {

	static final String REPS = "repId,name,email,team,weight,maxOpenLeads\nada,Ada,ada@seller.example,West,1,10\n";

	@Test
	void aCsvOfRepsGoesToRoutingAsItIsAndItsReportIsShown() throws Exception {
		this.services.answer("routing", "POST", "/api/v1/reps/import", 200, """
				{"kind":"reps","lines":2,"accepted":1,"rejected":[{"line":3,"reason":"weight must be 1 to 10",
				"text":"bob,Bob,bob@seller.example,West,99,10"}]}""");

		this.mvc.perform(multipart("/organisation/import").file(csv(REPS)).param("kind", "reps").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<strong>1</strong> of <span>2</span> lines of")))
			.andExpect(content().string(containsString("weight must be 1 to 10")));

		assertThat(this.services.calls()).filteredOn((call) -> call.method().equals("POST"))
			.singleElement()
			.satisfies((call) -> {
				assertThat(call.pathAndQuery()).isEqualTo("/api/v1/reps/import");
				assertThat(call.body()).isEqualTo(REPS);
				assertThat(call.person()).isEqualTo("sales-ops");
			});
	}

	@Test
	void aKindRoutingDoesNotImportNeverBecomesAPathOnRouting() throws Exception {
		this.mvc
			.perform(multipart("/organisation/import").file(csv(REPS))
				.param("kind", "../routing/versions/1/approval")
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Choose what the file holds")));

		assertThat(this.services.calls()).noneMatch((call) -> call.method().equals("POST"));
	}

	@Test
	void aFileOverTheLimitOrEmptyIsRefusedOnThePage() throws Exception {
		byte[] large = new byte[(int) OrganisationController.MAX_CSV_BYTES + 1];

		this.mvc
			.perform(
					multipart("/organisation/import").file(new MockMultipartFile("file", "reps.csv", "text/csv", large))
						.param("kind", "reps")
						.with(csrf()))
			.andExpect(content().string(containsString("import at most 2000000 at a time")));
		this.mvc.perform(multipart("/organisation/import").file(csv("")).param("kind", "reps").with(csrf()))
			.andExpect(content().string(containsString("it is empty or missing")));

		assertThat(this.services.calls()).noneMatch((call) -> call.method().equals("POST"));
	}

	@Test
	void tryingALeadAsksRoutingToSimulateAndShowsWhoWouldGetItStepByStep() throws Exception {
		this.services.answer("routing", "POST", "/api/v1/routing/simulate", 200,
				"""
						{"team":"West","repId":"ada","repName":"Ada","method":"ROUND_ROBIN","account":null,
						"steps":["territory: West (country in [US]) is sold by team West","round robin: Ada was owed the most"]}""");

		this.mvc
			.perform(post("/organisation/try").param("name", " Northwind ")
				.param("country", "US")
				.param("employees", "1200")
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<strong>Ada</strong> of team")))
			.andExpect(content().string(containsString("round robin: Ada was owed the most")));

		Call simulated = this.services.calls()
			.stream()
			.filter((call) -> call.method().equals("POST"))
			.findFirst()
			.orElseThrow();
		assertThat(simulated.body()).contains("\"name\":\"Northwind\"", "\"employees\":1200", "\"country\":\"US\"");
	}

	@Test
	void employeesThatAreNotANumberAreRefusedOnThePageBeforeRoutingIsAsked() throws Exception {
		this.mvc.perform(post("/organisation/try").param("employees", "lots").with(csrf()))
			.andExpect(content().string(containsString("Employees is a whole number of people")));

		assertThat(this.services.calls()).noneMatch((call) -> call.method().equals("POST"));
	}

	@Test
	@WithMockUser(username = "anna", roles = "SALES_REP")
	void aRepCannotImport() throws Exception {
		this.mvc.perform(multipart("/organisation/import").file(csv(REPS)).param("kind", "reps").with(csrf()))
			.andExpect(status().isForbidden());

		assertThat(this.services.calls()).isEmpty();
	}

	private static MockMultipartFile csv(String text) {
		return new MockMultipartFile("file", "reps.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
	}

}
