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
import io.handoff.events.LeadScored;

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
		model.addAttribute("ruled",
				Panel.of(() -> ruled(this.arbitration.list(CaseFile.Docket.class, "/api/v1/cases?status=RULED"))));
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
		Panel<CaseFile> file = Panel.of(() -> this.arbitration.get(CaseFile.class, "/api/v1/cases/{caseId}", caseId));
		model.addAttribute("file", file);
		if (file.ok()) {
			model.addAttribute("timeline", Timeline.of(file.value().docket(), file.value().evidence()));
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
		List<CaseFile.Docket> open = this.arbitration.list(CaseFile.Docket.class, "/api/v1/cases?status=OPEN");
		List<CaseRow> rows = new ArrayList<>();
		for (CaseFile.Docket found : open.stream()
			.sorted(Comparator.comparing(CaseFile.Docket::openedAt))
			.limit(LISTED)
			.toList()) {
			LeadScored score = score(found.caseId());
			rows.add(new CaseRow(found, (score != null) ? score.grade() : null,
					(score != null) ? score.lead().source() : null));
		}
		return rows;
	}

	private @Nullable LeadScored score(UUID caseId) {
		try {
			return this.arbitration.get(CaseFile.class, "/api/v1/cases/{caseId}", caseId).evidence().score();
		}
		catch (Refusal | Unavailable ex) {
			// The grade and source are a row's extras: the case is listed without them.
			return null;
		}
	}

	private static List<CaseFile.Docket> ruled(List<CaseFile.Docket> cases) {
		return cases.stream()
			.filter((ruled) -> ruled.ruling() != null)
			.sorted(Comparator.comparing((CaseFile.Docket ruled) -> ruled.ruling().occurredAt()).reversed())
			.toList();
	}

	/**
	 * One open case on the desk.
	 *
	 * @param docket the case as arbitration keeps it
	 * @param grade the lead's grade
	 * @param source where the lead came from
	 */
	record CaseRow(CaseFile.Docket docket, @Nullable String grade, @Nullable String source) {

		public String reason() {
			return this.docket.reason();
		}

	}

}
