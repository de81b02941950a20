package io.handoff.console.sla;

import java.util.List;
import java.util.UUID;

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

	@Test
	void theBoardShowsEachTeamsClocksMostUrgentFirstWithEachLeadsStageAndWhoPutItThere() throws Exception {
		this.services
			.get("sla", "/api/v1/clocks",
					"[" + clock(RUNNING, "RUNNING", "WARNING") + "," + clock(BREACHED, "BREACHED", "BREACH") + ","
							+ clock(IGNORED, "IGNORED", "A_STEP_OF_A_NEWER_RELEASE") + "]")
			.get("scoring", "/api/v1/stages?leadId=" + BREACHED + "," + RUNNING + "," + IGNORED, """
					[{"leadId":"%s","stage":"SALES_READY","latest":{"stage":"SALES_READY","from":"MQL",
					"at":"2026-12-07T09:00:00Z","by":"routing","why":"assigned to anna-snelling",
					"step":{"kind":"ASSIGNED","repId":"anna-snelling"}}}]""".formatted(RUNNING));

		String page = this.mvc.perform(get("/sla/clocks").with(user(person("boss", "SALES_MANAGER", null))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains(
				"<span class=\"big\">1</span> waiting for a first touch\n          (<span>1</span> warned)",
				"<strong>1</strong> breached, <strong>1</strong> ignored",
				"title=\"By routing: assigned to anna-snelling\">Sales ready</td>");
		assertThat(page.indexOf(BREACHED.toString().substring(0, 8)))
			.isLessThan(page.indexOf(RUNNING.toString().substring(0, 8)));
	}

	static final UUID RUNNING = UUID.fromString("10000000-0000-4000-8000-000000000001");

	static final UUID BREACHED = UUID.fromString("20000000-0000-4000-8000-000000000002");

	static final UUID IGNORED = UUID.fromString("30000000-0000-4000-8000-000000000003");

	/** A clock as sla-monitor writes it, with one step in its history. */
	private static String clock(UUID leadId, String state, String step) {
		return """
				{"leadId":"%1$s","repId":"anna-snelling","team":"West","grade":"A",
				"assignedAt":"2026-12-07T08:00:00Z","firstTouchDue":"2026-12-07T10:00:00Z",
				"ignoredAt":"2026-12-09T08:00:00Z","attemptsOwed":6,"followUpDue":"2026-12-17T08:00:00Z",
				"state":"%2$s","touchedAt":null,"timeToFirstTouch":null,"attempts":0,"stoppedBecause":null,
				"pending":[],"touches":[],"lead":null,"history":[{"eventId":"%1$s","occurredAt":"2026-12-07T09:30:00Z",
				"leadId":"%1$s","repId":"anna-snelling","type":"%3$s","clock":"FIRST_TOUCH",
				"deadline":"2026-12-07T10:00:00Z","lead":null}]}""".formatted(leadId, state, step);
	}

	private static HandoffUser person(String name, String role, String repId) {
		return new HandoffUser(name, "", List.of(new SimpleGrantedAuthority("ROLE_" + role)), repId);
	}

}
