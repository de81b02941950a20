package io.handoff.console.scorecard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import io.handoff.console.ConsolePageTest;
import io.handoff.console.PageTests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The scorecard both sides read, from scoring's funnel, sla-monitor's compliance and
 * arbitration's cases, each stubbed over HTTP.
 */
@ConsolePageTest(ScorecardController.class)
@WithMockUser(username = "cfo", roles = "EXECUTIVE")
class ScorecardControllerTests extends PageTests {

	static final String FUNNEL = """
			{"agreementId":"v2","total":{"leads":1000,"qualified":300,"salesReady":120,"won":12,"lost":48,
			"conversion":0.2},
			"segments":{"source":{"partner-event":{"leads":400,"qualified":150,"salesReady":70,"conversion":0.25}},
			"grade":{"A":{"leads":100,"conversion":0.3}},"country":{"US":{"leads":600,"conversion":0.2}}},
			"salesReadyByRule":{"title-executive":40,"source-webinar":10}}""";

	static final String CASES = """
			{"openCases":3,"oldestOpenCase":"PT30H","refusedReturns":1,"againstMarketing":10,"againstSales":4,
			"upheldShare":0.7,"returnsByReason":{"NO_BUDGET":6},"rules":{"title-executive":10,"retired-rule":2}}""";

	@Test
	void eachRulesLeadsReturnedForCauseAreRankedByTheirRateIncludingARuleNoLongerFiring() throws Exception {
		this.services.get("scoring", "/api/v1/funnel", FUNNEL)
			.get("sla", "/api/v1/compliance", "{\"teams\":{\"West\":{\"shareTouchedInTime\":0.9}}}")
			.get("arbitration", "/api/v1/scorecard", CASES);

		String page = this.mvc.perform(get("/scorecard"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(ruleRows(page)).containsExactly("title-executive|40|10", "retired-rule|0|2", "source-webinar|10|0");
		assertThat(page).doesNotContain("Not available right now.");
	}

	@Test
	void whileArbitrationIsDownTheFunnelStillShowsAndTheRuleRatesSayWhyTheyAreMissing() throws Exception {
		this.services.get("scoring", "/api/v1/funnel", FUNNEL)
			.get("sla", "/api/v1/compliance", "{\"teams\":{}}")
			.down("arbitration");

		this.mvc.perform(get("/scorecard"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("arbitration answered 503")))
			.andExpect(content().string(containsString("partner-event")));
	}

	/** Each rule's row: id, sales-ready, for cause. */
	private static List<String> ruleRows(String page) {
		Matcher row = Pattern
			.compile("<th scope=\"row\">([^<]+)</th><td class=\"num\">(\\d+)</td>\\s*<td class=\"num\">(\\d+)</td>")
			.matcher(page);
		List<String> rows = new ArrayList<>();
		while (row.find()) {
			rows.add(row.group(1) + "|" + row.group(2) + "|" + row.group(3));
		}
		return rows;
	}

}
