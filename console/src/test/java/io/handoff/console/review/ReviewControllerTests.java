package io.handoff.console.review;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
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
 * The weekly review's page and tables, the services stubbed over HTTP: what is refused
 * before any service is asked, and what a table download says when a service is down.
 * (The review's figures are {@code WeeklyReviewTests}'; the whole page, the browser
 * tests'.)
 */
@ConsolePageTest(ReviewController.class)
@Import(ReviewSources.class)
@EnableConfigurationProperties(ReviewSettings.class)
@WithMockUser(username = "cfo", roles = "EXECUTIVE")
class ReviewControllerTests extends PageTests {

	@Test
	void aWeekFarOutsideAnyReviewOrNotADayIsRefusedBeforeAnyServiceIsAsked() throws Exception {
		this.mvc.perform(get("/review").param("week", "1850-01-07")).andExpect(status().isBadRequest());
		this.mvc.perform(get("/review/handoffs.csv").param("week", "3001-01-01")).andExpect(status().isBadRequest());
		this.mvc.perform(get("/review").param("week", "last monday")).andExpect(status().isBadRequest());

		assertThat(this.services.calls()).isEmpty();
	}

	@Test
	void whileTheServicesAreDownThePageSaysSoAndATableIsA503NotAnEmptyFile() throws Exception {
		List.of("scoring", "routing", "sla", "arbitration").forEach(this.services::down);

		this.mvc.perform(get("/review").param("week", "2026-11-25"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Not available right now.")));
		this.mvc.perform(get("/review/handoffs.csv").param("week", "2026-11-25"))
			.andExpect(status().isServiceUnavailable());
	}

}
