package io.handoff.console.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.handoff.console.services.Panel;
import io.handoff.console.services.Refusal;
import io.handoff.console.services.ServiceClient;
import io.handoff.console.services.Services;
import io.handoff.console.services.Unavailable;
import io.handoff.events.RoutingDocument;
import io.handoff.events.Territory;

/**
 * The routing page: the version in force and every version before it (who changed what,
 * when), a draft of the territories' teams and the name matching, each version's diff
 * against the one in force and its preview on the recent sales-ready leads, approval by
 * sales ops and activation; and the fairness report.
 */
@Controller
class RoutingController {

	/** The periods a preview replays, in days. */
	static final List<Integer> PREVIEW_DAYS = List.of(1, 7, 30);

	private final ServiceClient routing;

	RoutingController(Services services) {
		this.routing = services.routing();
	}

	@GetMapping("/routing")
	String routing(@RequestParam(required = false) @Nullable Integer version,
			@RequestParam(defaultValue = "7") int days, Model model) {
		model.addAttribute("inForce", Panel.of(() -> this.routing.get(RoutingDocument.class, "/api/v1/routing")));
		model.addAttribute("versions",
				Panel.of(() -> this.routing.list(RoutingDocument.class, "/api/v1/routing/versions")));
		model.addAttribute("fairness", Panel.of(() -> this.routing.get("/api/v1/routing/fairness")));
		int shownDays = PREVIEW_DAYS.contains(days) ? days : 7;
		model.addAttribute("days", shownDays);
		model.addAttribute("previewDays", PREVIEW_DAYS);
		if (version != null) {
			model.addAttribute("shown", Panel
				.of(() -> this.routing.get(RoutingDocument.class, "/api/v1/routing/versions/{version}", version)));
			model.addAttribute("diff",
					Panel.of(() -> this.routing.get("/api/v1/routing/versions/{version}/diff", version)));
			model.addAttribute("preview", Panel.of(() -> this.routing
				.get("/api/v1/routing/versions/{version}/preview?days={days}", version, shownDays)));
		}
		return "routing";
	}

	/**
	 * A draft of the version in force with the teams given for its territories
	 * ({@code team.<territoryId>}) and the name-matching threshold.
	 */
	@PostMapping("/routing/drafts")
	String draft(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
		try {
			RoutingDocument inForce = this.routing.get(RoutingDocument.class, "/api/v1/routing");
			List<Territory> territories = new ArrayList<>();
			for (Territory territory : inForce.territories()) {
				String team = form.get("team." + territory.territoryId());
				territories.add((team != null && !team.isBlank()) ? territory.withTeam(team.strip()) : territory);
			}
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("territories", territories);
			body.put("note", form.getOrDefault("note", ""));
			// The version the form showed: routing refuses the draft if another came into
			// force since.
			String basedOn = form.get("basedOn");
			if (basedOn != null && basedOn.matches("\\d{1,9}")) {
				body.put("basedOn", Integer.parseInt(basedOn));
			}
			String threshold = form.get("nameThreshold");
			if (threshold != null && !threshold.isBlank()) {
				body.put("matching", Map.of("byName", form.containsKey("byName"), "nameThreshold", number(threshold)));
			}
			else {
				body.put("matching", Map.of("byName", form.containsKey("byName")));
			}
			Map<String, Object> draft = this.routing.post("/api/v1/routing/versions", body);
			redirect.addFlashAttribute("message", "Version " + draft.get("version")
					+ " drafted: see what it changes and " + "which leads would move, then approve it.");
			return "redirect:/routing?version=" + draft.get("version");
		}
		catch (Refusal ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
			redirect.addFlashAttribute("problems", ex.problems().stream().map(Refusal.Problem::message).toList());
		}
		catch (Unavailable ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/routing";
	}

	@PostMapping("/routing/versions/{version}/approval")
	String approve(@PathVariable int version, RedirectAttributes redirect) {
		return act(version, "/api/v1/routing/versions/{version}/approval", "approved", redirect);
	}

	@PostMapping("/routing/versions/{version}/activation")
	String activate(@PathVariable int version, RedirectAttributes redirect) {
		return act(version, "/api/v1/routing/versions/{version}/activation", "in force", redirect);
	}

	private String act(int version, String path, String done, RedirectAttributes redirect) {
		try {
			this.routing.post(path, null, version);
			redirect.addFlashAttribute("message", "Version " + version + " is " + done + ".");
		}
		catch (Refusal | Unavailable ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/routing?version=" + version;
	}

	/**
	 * A number as a person types it ({@code 0.9}, {@code 0,9}); what is not one is passed
	 * on for routing to refuse.
	 */
	private static Object number(String text) {
		try {
			return Double.parseDouble(text.strip().replace(',', '.'));
		}
		catch (NumberFormatException ex) {
			return text;
		}
	}

}
