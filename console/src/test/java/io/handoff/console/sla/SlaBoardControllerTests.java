package io.handoff.console.sla;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import io.handoff.access.HandoffUser;
import io.handoff.console.ConsolePageTest;
import io.handoff.console.PageTests;
import io.handoff.console.services.StubbedServices.Call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Whose clocks the SLA board asks sla-monitor for, sla-monitor stubbed over HTTP: a sales
 * rep's own leads only, everyone else's board the whole organisation's.
 */
@ConsolePageTest(SlaBoardController.class)
class SlaBoardControllerTests extends PageTests {

	@Test
	void aRepsBoardAsksOnlyForTheRepsOwnClocksWhateverTeamIsAskedFor() throws Exception {
		this.services.get("sla", "/api/v1/clocks?repId=anna-snelling", "[]");

		this.mvc
			.perform(get("/sla/clocks").param("team", "West").with(user(person("anna", "SALES_REP", "anna-snelling"))))
			.andExpect(status().isOk());

		assertThat(this.services.calls()).extracting(Call::pathAndQuery)
			.containsExactly("/api/v1/clocks?repId=anna-snelling");
		assertThat(this.services.calls()).extracting(Call::person).containsExactly("anna");
	}

	@Test
	void aManagersBoardAsksForEveryClock() throws Exception {
		this.services.get("sla", "/api/v1/clocks", "[]");

		this.mvc.perform(get("/sla/clocks").with(user(person("boss", "SALES_MANAGER", null))))
			.andExpect(status().isOk());

		assertThat(this.services.calls()).extracting(Call::pathAndQuery).containsExactly("/api/v1/clocks");
	}

	private static HandoffUser person(String name, String role, String repId) {
		return new HandoffUser(name, "", List.of(new SimpleGrantedAuthority("ROLE_" + role)), repId);
	}

}
