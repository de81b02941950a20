package io.handoff.console.agreements;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The agreement studio's edits, scoring stubbed over HTTP: what reaches scoring, and the
 * forms the console refuses before it does.
 */
@ConsolePageTest(StudioController.class)
@WithMockUser(username = "marketing-ops", roles = "MARKETING_OPS")
class StudioControllerTests extends PageTests {

	/**
	 * A draft of scoring's own starter agreement, the one every new stack begins with.
	 */
	static final String DRAFT = starter();

	private static String starter() {
		try {
			return Files.readString(Path.of("../scoring-service/src/main/resources/agreement/starter-agreement.json"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void anEditedFieldOfTheDraftTheFormCarriedIsSavedToScoring() throws Exception {
		this.services.answer("scoring", "PUT", "/api/v1/agreements/v2", 200, DRAFT);

		this.mvc
			.perform(post("/agreements/{agreementId}/terms", "v2").param("document", DRAFT)
				.param("fitRules[0].points", "30")
				.param("changeNote", "VPs count more")
				.with(csrf()))
			.andExpect(redirectedUrl("/agreements/v2"))
			.andExpect(flash().attribute("message", containsString("Draft saved")));

		Call put = this.services.calls().get(0);
		assertThat(put.method()).isEqualTo("PUT");
		assertThat(put.person()).isEqualTo("marketing-ops");
		JsonNode saved = LeadEventsJson.mapper().readTree(put.body());
		assertThat(saved.path("fitRules").get(0).path("points").asInt()).isEqualTo(30);
		assertThat(saved.path("changeNote").asString()).isEqualTo("VPs count more");
	}

	@Test
	void aCarriedDocumentThatIsNotJsonOrNotAnAgreementIsRefusedBeforeScoringHearsOfIt() throws Exception {
		for (String document : List.of("{not json", "{\"stages\":\"x\",\"sla\":null,\"fitRules\":7}")) {
			this.mvc.perform(post("/agreements/{agreementId}/terms", "v2").param("document", document).with(csrf()))
				.andExpect(redirectedUrl("/agreements/v2"))
				.andExpect(flash().attribute("refusal", containsString("reload the page")));
		}

		assertThat(this.services.calls()).isEmpty();
	}

	@Test
	void aSignatureGoesToScoringForTheParty() throws Exception {
		this.services.answer("scoring", "POST", "/api/v1/agreements/v2/signatures", 200, DRAFT);

		this.mvc.perform(post("/agreements/{agreementId}/signatures", "v2").param("party", "MARKETING").with(csrf()))
			.andExpect(redirectedUrl("/agreements/v2"))
			.andExpect(flash().attribute("message", "Signed for MARKETING."));

		assertThat(this.services.calls()).singleElement().satisfies((call) -> {
			assertThat(call.body()).isEqualTo("{\"party\":\"MARKETING\"}");
			assertThat(call.person()).isEqualTo("marketing-ops");
		});
	}

	@Test
	void scoringsRefusalOfAnActivationIsShown() throws Exception {
		this.services.answer("scoring", "POST", "/api/v1/agreements/v2/activation", 409,
				"{\"status\":409,\"detail\":\"Agreement v2 is signed by MARKETING only; SALES must sign too\"}");

		this.mvc.perform(post("/agreements/{agreementId}/activation", "v2").with(csrf()))
			.andExpect(redirectedUrl("/agreements/v2"))
			.andExpect(flash().attribute("refusal", containsString("SALES must sign too")));
	}

	@Test
	@WithMockUser(username = "anna", roles = "SALES_REP")
	void aRepCannotChangeTheAgreement() throws Exception {
		this.mvc.perform(post("/agreements/{agreementId}/activation", "v2").with(csrf()))
			.andExpect(status().isForbidden());

		assertThat(this.services.calls()).isEmpty();
	}

}
