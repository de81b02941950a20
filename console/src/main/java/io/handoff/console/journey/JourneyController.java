package io.handoff.console.journey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.handoff.console.desk.Timeline;
import io.handoff.console.services.Panel;
import io.handoff.console.services.Services;
import io.handoff.events.LeadIds;

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
	@SuppressWarnings("unchecked")
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
		Panel<Map<String, Object>> score = Panel
			.of(() -> this.services.scoring().get("/api/v1/leads/{id}/score", leadId));
		Panel<Map<String, Object>> assignment = Panel
			.of(() -> this.services.routing().get("/api/v1/assignments/{id}", leadId));
		Panel<Map<String, Object>> clock = Panel.of(() -> this.services.sla().get("/api/v1/clocks/{id}", leadId));
		Panel<List<Map<String, Object>>> cases = Panel.of(() -> this.services.arbitration()
			.list("/api/v1/cases")
			.stream()
			.filter((found) -> leadId.toString().equals(found.get("leadId")))
			.toList());
		model.addAttribute("score", score);
		model.addAttribute("assignment", assignment);
		model.addAttribute("clock", clock);
		model.addAttribute("cases", cases);
		Map<String, Object> evidence = new LinkedHashMap<>();
		if (score.ok()) {
			evidence.put("score", score.value());
		}
		if (assignment.ok()) {
			evidence.put("assignments", assignment.value().getOrDefault("history", List.of()));
		}
		if (clock.ok()) {
			evidence.put("sla", clock.value().getOrDefault("history", List.of()));
		}
		List<Object> activities = new ArrayList<>();
		List<Object> returns = new ArrayList<>();
		// The rep's activities and the returns, as arbitration keeps them for every lead
		// that reached sales.
		Panel<Map<String, Object>> known = Panel
			.of(() -> this.services.arbitration().get("/api/v1/leads/{id}/evidence", leadId));
		if (known.ok()) {
			activities.addAll((List<Object>) known.value().getOrDefault("activities", List.of()));
			returns.addAll((List<Object>) known.value().getOrDefault("returns", List.of()));
			evidence.put("scores", known.value().getOrDefault("scores", List.of()));
		}
		evidence.put("activities", activities);
		evidence.put("returns", returns);
		List<Timeline.Entry> entries = new ArrayList<>(Timeline.of(null, evidence).entries());
		if (cases.ok()) {
			for (Map<String, Object> found : cases.value()) {
				entries.addAll(Timeline.of(found, Map.of()).entries());
			}
		}
		entries.sort(Timeline.OLDEST_FIRST);
		model.addAttribute("timeline", entries);
		model.addAttribute("found", score.ok() || assignment.ok() || clock.ok());
		return "journey";
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
