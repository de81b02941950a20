package io.handoff.console.journey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.type.TypeReference;

import io.handoff.console.desk.CaseFile;
import io.handoff.console.desk.Evidence;
import io.handoff.console.desk.Timeline;
import io.handoff.console.services.Panel;
import io.handoff.console.services.ServiceClient;
import io.handoff.console.services.Services;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadIds;
import io.handoff.events.LeadScored;
import io.handoff.events.Lists;
import io.handoff.events.SlaEvent;
import io.handoff.events.StageChange;

/**
 * One lead's whole path: found by its email (the lead id is derived from it, as intake
 * does) or its id; then its score and every earlier one from the handoff on, each change
 * of its stage, every assignment, the SLA clock, the rep's activities, returns and the
 * cases at the judge, as one timeline.
 */
@Controller
class JourneyController {

	private final Services services;

	JourneyController(Services services) {
		this.services = services;
	}

	@GetMapping("/journey")
	String journey(@RequestParam(required = false) @Nullable String q, Model model) {
		model.addAttribute("q", q);
		if (q == null || q.isBlank()) {
			return "journey";
		}
		UUID leadId = leadId(q.strip());
		if (leadId == null) {
			model.addAttribute("searchProblem",
					"Type a lead's email address (name@company.com) or its lead id (a UUID such as 9796f51f-e468-...).");
			return "journey";
		}
		model.addAttribute("leadId", leadId);
		Panel<Scored> score = Panel
			.of(() -> this.services.scoring().get(Scored.class, "/api/v1/leads/{id}/score", leadId));
		ServiceClient routing = this.services.routing();
		Panel<Answer<LeadAssigned>> assignment = Panel
			.of(() -> Answer.of(routing, routing.get("/api/v1/assignments/{id}", leadId), LeadAssigned.class));
		ServiceClient sla = this.services.sla();
		Panel<Answer<SlaEvent>> clock = Panel
			.of(() -> Answer.of(sla, sla.get("/api/v1/clocks/{id}", leadId), SlaEvent.class));
		Panel<List<CaseFile.Docket>> cases = Panel.of(() -> this.services.arbitration()
			.list(CaseFile.Docket.class, "/api/v1/cases")
			.stream()
			.filter((found) -> leadId.equals(found.leadId()))
			.toList());
		model.addAttribute("score", score);
		model.addAttribute("assignment", assignment);
		model.addAttribute("clock", clock);
		model.addAttribute("cases", cases);
		// The rep's activities and the returns, as arbitration keeps them for every lead
		// that reached sales.
		Evidence known = Panel
			.of(() -> this.services.arbitration().get(Evidence.class, "/api/v1/leads/{id}/evidence", leadId))
			.orElse(Evidence.NONE);
		Evidence evidence = new Evidence(score.ok() ? score.value().score() : null,
				score.ok() ? score.value().stages() : List.of(), known.scores(),
				assignment.ok() ? assignment.value().history() : List.of(), known.activities(),
				clock.ok() ? clock.value().history() : List.of(), known.returns());
		List<Timeline.Entry> entries = new ArrayList<>(Timeline.of(null, evidence).entries());
		if (cases.ok()) {
			for (CaseFile.Docket found : cases.value()) {
				entries.addAll(Timeline.of(found, Evidence.NONE).entries());
			}
		}
		entries.sort(Timeline.OLDEST_FIRST);
		model.addAttribute("timeline", entries);
		model.addAttribute("found", score.ok() || assignment.ok() || clock.ok());
		return "journey";
	}

	/**
	 * A service's answer about a lead, as the page shows it, and the lead's events there,
	 * oldest first, read as the events they are.
	 *
	 * @param fields the answer
	 * @param history its {@code history}
	 * @param <T> the events' type
	 */
	record Answer<T>(Map<String, Object> fields, List<T> history) {

		static <T> Answer<T> of(ServiceClient service, Map<String, Object> answer, Class<T> type) {
			return new Answer<>(answer, service.asListOf(answer.get("history"), type));
		}

	}

	/**
	 * Scoring's answer about a lead: its latest score (whose fields it answers at the top
	 * level) and every change of its stage, oldest first.
	 *
	 * @param score the latest score
	 * @param stages the changes
	 */
	record Scored(LeadScored score, List<StageChange> stages) {

		private static final TypeReference<List<StageChange>> STAGES = new TypeReference<>() {
		};

		@JsonCreator
		static Scored read(Map<String, Object> answer) {
			return new Scored(LeadEventsJson.mapper().convertValue(answer, LeadScored.class),
					Lists.copyOf(LeadEventsJson.mapper().convertValue(answer.get("stages"), STAGES)));
		}

	}

	/**
	 * The lead id typed, or the one intake derives from an email address; {@code null}
	 * for anything else.
	 */
	static @Nullable UUID leadId(String typed) {
		if (typed.contains("@")) {
			return LeadIds.ofEmail(typed);
		}
		try {
			return UUID.fromString(typed);
		}
		catch (IllegalArgumentException notAnId) {
			return null;
		}
	}

}
