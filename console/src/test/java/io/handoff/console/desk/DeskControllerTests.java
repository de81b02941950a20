package io.handoff.console.desk;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;

import io.handoff.console.ConsolePageTest;
import io.handoff.console.PageTests;
import io.handoff.console.services.StubbedServices.Call;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored;
import io.handoff.test.Leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The judge's desk as the console renders it from arbitration's answers, arbitration
 * stubbed over HTTP.
 */
@ConsolePageTest(DeskController.class)
@WithMockUser(username = "judge", roles = "JUDGE")
class DeskControllerTests extends PageTests {

	static final UUID CASE = UUID.fromString("5c1d2a3b-0000-4000-8000-000000000001");

	static final String DOCKET = """
			{"caseId":"%s","leadId":"9b2e4f10-0000-4000-8000-000000000002","repId":"anna-snelling",
			"cause":"IGNORED","status":"OPEN","openedAt":"2026-12-01T10:00:00Z","returned":null,
			"rulingDue":"2026-12-04T10:00:00Z","escalatedAt":null,"ruling":null}""".formatted(CASE);

	/**
	 * The case file as arbitration answers it: the docket and the lead's score as kept.
	 */
	static final String FILE = "{\"docket\":" + DOCKET + ",\"evidence\":{\"score\":" + score() + "}}";

	private static String score() {
		Instant at = Instant.parse("2026-11-30T09:00:00Z");
		LeadReceived lead = Leads.salesReady("dana.reyes@northwind.example", at);
		return LeadEventsJson.mapper()
			.writeValueAsString(new LeadScored(UUID.randomUUID(), at, lead.leadId(), lead, 62, 20, "A",
					LeadScored.Stage.SALES_READY, LeadScored.Stage.MQL, "v1", 1,
					List.of(new LeadScored.RuleHit("title-vp", "title contains VP", 25)), "fit 62, engagement 20"));
	}

	@Test
	void theOpenCasesAreListedWithTheirReasonGradeAndSourceAsArbitrationKeepsThem() throws Exception {
		this.services.get("arbitration", "/api/v1/cases?status=OPEN", "[" + DOCKET + "]")
			.get("arbitration", "/api/v1/cases/" + CASE, FILE)
			.get("arbitration", "/api/v1/cases?status=RULED", "[]");

		this.mvc.perform(get("/desk"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Open cases <span>(1)</span>")))
			.andExpect(content().string(containsString("Ignored past the SLA")))
			.andExpect(content().string(containsString("<td>A</td>")))
			.andExpect(content().string(containsString("No case has been ruled yet.")));

		assertThat(this.services.calls()).extracting(Call::person).containsOnly("judge");
	}

	@Test
	void whileArbitrationIsDownTheDeskSaysSoInsteadOfFailing() throws Exception {
		assertSaysWhileDown("arbitration", "/desk");
	}

	@Test
	void aRulingGoesToArbitrationAsTheJudgeWroteItAndTheDeskSaysItIsRecorded() throws Exception {
		this.services.answer("arbitration", "POST", "/api/v1/cases/" + CASE + "/ruling", 201,
				"{\"caseId\":\"" + CASE + "\"}");

		this.mvc
			.perform(post("/desk/cases/{caseId}/ruling", CASE).with(csrf())
				.param("decision", "REASSIGN")
				.param("reason", "Anna was out all week"))
			.andExpect(redirectedUrl("/desk/cases/" + CASE))
			.andExpect(flash().attribute("message", containsString("Your ruling is recorded")));

		assertThat(this.services.calls()).singleElement().satisfies((call) -> {
			assertThat(call.person()).isEqualTo("judge");
			assertThat(call.body()).contains("\"decision\":\"REASSIGN\"", "\"reason\":\"Anna was out all week\"");
		});
	}

	@Test
	void aRulingArbitrationRefusesIsShownWithItsReasonAndTheFormKeepsWhatTheJudgeWrote() throws Exception {
		this.services
			.answer("arbitration", "POST", "/api/v1/cases/" + CASE + "/ruling", 409,
					"{\"status\":409,\"detail\":\"Case was ruled REASSIGN by judge; a case is ruled once\"}")
			.get("arbitration", "/api/v1/cases/" + CASE, FILE);

		this.mvc
			.perform(post("/desk/cases/{caseId}/ruling", CASE).with(csrf())
				.param("decision", "FOLLOW_UP_REQUIRED")
				.param("reason", "Second thoughts"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("a case is ruled once")))
			.andExpect(content().string(containsString("Second thoughts")));
	}

	@Test
	void anOpenCaseWhoseFileCannotBeReadIsStillListedWithoutItsGrade() throws Exception {
		this.services.get("arbitration", "/api/v1/cases?status=OPEN", "[" + DOCKET + "]")
			.get("arbitration", "/api/v1/cases/" + CASE, "{\"docket\": 42}")
			.get("arbitration", "/api/v1/cases?status=RULED", "[]");

		this.mvc.perform(get("/desk"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Open cases <span>(1)</span>")))
			.andExpect(content().string(containsString("Ignored past the SLA")))
			.andExpect(content().string(not(containsString("<td>A</td>"))));
	}

	@Test
	void aCaseFileTheConsoleCannotReadIsShownAsArbitrationsFaultNotAnError() throws Exception {
		this.services.get("arbitration", "/api/v1/cases/" + CASE, "{\"docket\": 42, \"evidence\": \"none\"}");

		this.mvc.perform(get("/desk/cases/{caseId}", CASE))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Not available right now.")))
			.andExpect(content().string(containsString("arbitration answered what this console cannot read")));
	}

	@Test
	@WithMockUser(username = "cfo", roles = "EXECUTIVE")
	void onlyTheJudgeRulesAnExecutiveReadsTheDeskButCannotRule() throws Exception {
		this.services.get("arbitration", "/api/v1/cases?status=OPEN", "[]")
			.get("arbitration", "/api/v1/cases?status=RULED", "[]");
		this.mvc.perform(get("/desk"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("No open cases")));
		this.services.reset();

		this.mvc
			.perform(post("/desk/cases/{caseId}/ruling", CASE).with(csrf())
				.param("decision", "REASSIGN")
				.param("reason", "x"))
			.andExpect(status().isForbidden());

		assertThat(this.services.calls()).isEmpty();
	}

	@Test
	void aRulingWithoutTheFormsTokenIsRefusedBeforeArbitrationHearsOfIt() throws Exception {
		this.mvc.perform(post("/desk/cases/{caseId}/ruling", CASE).param("decision", "REASSIGN").param("reason", "x"))
			.andExpect(status().isForbidden());

		assertThat(this.services.calls()).isEmpty();
	}

}
