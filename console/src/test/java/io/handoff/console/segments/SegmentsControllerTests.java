package io.handoff.console.segments;

import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import io.handoff.console.ConsolePageTest;
import io.handoff.console.PageTests;
import io.handoff.console.services.StubbedServices.Call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The segments page as the console asks scoring for it and draws its answer, scoring
 * stubbed over HTTP.
 */
@ConsolePageTest(SegmentsController.class)
@WithMockUser(username = "marketing-ops", roles = "MARKETING_OPS")
class SegmentsControllerTests extends PageTests {

	/** Scoring's answer, in the shape of its {@code /api/v1/segments}. */
	static final String RANKING = """
			{"currency":"USD","ranking":{"leads":420,"withOutcome":400,"minLeads":50,"model":null,"segments":[
			{"name":"Source: webinar","leads":120,"withOutcome":110,"won":18,"conversion":0.15,"low":0.097,
			"high":0.226,"wonAmountPerLead":1250.0,"costPerWon":null},
			{"name":"Country: US","leads":300,"withOutcome":290,"won":30,"conversion":0.10,"low":0.071,
			"high":0.139,"wonAmountPerLead":800.0,"costPerWon":null}]}}""";

	@Test
	void thePeriodAndOrderChosenAreWhatScoringIsAskedForAndItsBestSegmentsAreDrawn() throws Exception {
		this.services.get("scoring", "/api/v1/segments?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z"
				+ "&minLeads=50&sort=AMOUNT&limit=200", RANKING);

		this.mvc.perform(get("/segments?from=2026-11-01&to=2026-11-30&minLeads=50&sort=AMOUNT"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Source: webinar")))
			.andExpect(content().string(containsString("Country: US")));

		assertThat(this.services.calls()).singleElement().extracting(Call::person).isEqualTo("marketing-ops");
	}

	@Test
	void anOrderThePageDoesNotOfferFallsBackToConversionRatherThanReachingScoring() throws Exception {
		this.mvc.perform(get("/segments?from=2026-11-01&to=2026-11-30&sort=DROP%20TABLE")).andExpect(status().isOk());

		assertThat(this.services.calls()).singleElement()
			.extracting(Call::pathAndQuery)
			.asString()
			.contains("&sort=CONVERSION&")
			.doesNotContain("DROP");
	}

	@Test
	void whileScoringIsDownThePageSaysSo() throws Exception {
		assertSaysWhileDown("scoring", "/segments?from=2026-11-01&to=2026-11-30");
	}

}
