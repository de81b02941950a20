package io.handoff.console.desk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

/**
 * The judge's desk: the open cases (refreshed live), one case with its evidence as a
 * timeline and the ruling form, and the ruled cases with who ruled what, when and why.
 */
@Controller
class DeskController {

	/**
	 * The most open cases listed with their grade and source (one evidence read each).
	 */
	static final int LISTED = 50;

	private final ServiceClient arbitration;

	DeskController(Services services) {
		this.arbitration = services.arbitration();
	}

	@GetMapping("/desk")
	String desk(Model model) {
		model.addAttribute("open", Panel.of(this::openCases));
		model.addAttribute("ruled", Panel.of(() -> ruled(this.arbitration.list("/api/v1/cases?status=RULED"))));
		return "desk";
	}

	/** The open cases alone, for the page's live refresh. */
	@GetMapping("/desk/open")
	String open(Model model) {
		model.addAttribute("open", Panel.of(this::openCases));
		return "desk :: open";
	}

	@GetMapping("/desk/cases/{caseId}")
	String caseFile(@PathVariable UUID caseId, Model model) {
		Panel<Map<String, Object>> file = Panel.of(() -> this.arbitration.get("/api/v1/cases/{caseId}", caseId));
		model.addAttribute("file", file);
		if (file.ok()) {
			model.addAttribute("timeline", Timeline.of(docket(file.value()), evidence(file.value())));
		}
		model.addAttribute("caseId", caseId);
		return "case";
	}

	@PostMapping("/desk/cases/{caseId}/ruling")
	String rule(@PathVariable UUID caseId, @RequestParam(required = false) @Nullable String decision,
			@RequestParam(required = false) @Nullable String reason, Model model, RedirectAttributes redirect) {
		Map<String, Object> ruling = new HashMap<>();
		ruling.put("decision", decision);
		ruling.put("reason", reason);
		try {
			this.arbitration.post("/api/v1/cases/{caseId}/ruling", ruling, caseId);
			redirect.addFlashAttribute("message",
					"Your ruling is recorded; both sides are told once the case shows it (in a moment).");
			return "redirect:/desk/cases/" + caseId;
		}
		catch (Refusal | Unavailable ex) {
			model.addAttribute("refusal", ex.getMessage());
			model.addAttribute("decision", decision);
			model.addAttribute("reason", reason);
			return caseFile(caseId, model);
		}
	}

	private List<CaseRow> openCases() {
		List<Map<String, Object>> open = this.arbitration.list("/api/v1/cases?status=OPEN");
		List<CaseRow> rows = new ArrayList<>();
		for (Map<String, Object> found : open.stream()
			.sorted(Comparator.comparing((Map<String, Object> c) -> String.valueOf(c.get("openedAt"))))
			.limit(LISTED)
			.toList()) {
			Map<String, Object> score = score(found.get("caseId"));
			@SuppressWarnings("unchecked")
			Map<String, Object> lead = (score != null) ? (Map<String, Object>) score.get("lead") : null;
			rows.add(new CaseRow(found, (score != null) ? (String) score.get("grade") : null,
					(lead != null) ? (String) lead.get("source") : null));
		}
		return rows;
	}

	@SuppressWarnings("unchecked")
	private @Nullable Map<String, Object> score(Object caseId) {
		try {
			return (Map<String, Object>) evidence(this.arbitration.get("/api/v1/cases/{caseId}", caseId)).get("score");
		}
		catch (Refusal ex) {
			return null;
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> ruled(List<Map<String, Object>> cases) {
		return cases.stream()
			.sorted(Comparator
				.comparing((Map<String, Object> c) -> String
					.valueOf(((Map<String, Object>) c.get("ruling")).get("occurredAt")))
				.reversed())
			.toList();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> docket(Map<String, Object> file) {
		return (Map<String, Object>) file.get("docket");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> evidence(Map<String, Object> file) {
		return (Map<String, Object>) file.getOrDefault("evidence", Map.of());
	}

	/**
	 * One open case on the desk.
	 *
	 * @param docket the case as arbitration keeps it
	 * @param grade the lead's grade
	 * @param source where the lead came from
	 */
	record CaseRow(Map<String, Object> docket, @Nullable String grade, @Nullable String source) {

		@SuppressWarnings("unchecked")
		public String reason() {
			Map<String, Object> returned = (Map<String, Object>) this.docket.get("returned");
			if (returned == null) {
				return "Ignored past the SLA";
			}
			return ("RETURNED".equals(this.docket.get("cause")) ? "Returned: "
					: "Returned without an agreed reason (still with the rep): ") + returned.get("reasonCode");
		}

	}

}
