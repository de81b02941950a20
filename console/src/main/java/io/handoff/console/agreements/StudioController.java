package io.handoff.console.agreements;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;

import io.handoff.console.services.Panel;
import io.handoff.console.services.Refusal;
import io.handoff.console.services.ServiceClient;
import io.handoff.console.services.Services;
import io.handoff.console.services.Unavailable;
import io.handoff.events.LeadEventsJson;

/**
 * The agreement studio. Reading is open to everyone signed in; drafting, signing and
 * activating go to scoring as the person signed in, which checks their role and the
 * agreement's rules (both signatures before activation, one person per party), and the
 * page shows scoring's answer.
 */
@Controller
class StudioController {

	/** The fields scoring keeps about an agreement's life rather than its terms. */
	private static final Set<String> LIFECYCLE = Set.of("agreementId", "version", "status", "author", "createdAt",
			"signatures", "activatedAt", "supersededAt");

	private final ServiceClient scoring;

	StudioController(Services services) {
		this.scoring = services.scoring();
	}

	@GetMapping("/agreements")
	String studio(Model model) {
		model.addAttribute("active", Panel.of(() -> this.scoring.get("/api/v1/agreements/active")));
		model.addAttribute("versions", Panel.of(() -> this.scoring.list("/api/v1/agreements")
			.stream()
			.sorted(Comparator.comparing((Map<String, Object> a) -> ((Number) a.get("version")).intValue()).reversed())
			.toList()));
		return "agreements";
	}

	@PostMapping("/agreements/drafts")
	String draft(RedirectAttributes redirect) {
		try {
			Map<String, Object> terms = terms(this.scoring.get("/api/v1/agreements/active"));
			terms.put("changeNote", "Draft started from the version in force");
			Map<String, Object> draft = this.scoring.post("/api/v1/agreements", terms);
			redirect.addFlashAttribute("message",
					"Draft " + draft.get("agreementId") + " started from the version in force.");
			return "redirect:/agreements/" + draft.get("agreementId");
		}
		catch (Refusal | Unavailable ex) {
			redirect.addFlashAttribute("refusal", ex.getMessage());
			return "redirect:/agreements";
		}
	}

	@GetMapping("/agreements/{agreementId}")
	String agreement(@PathVariable String agreementId, Model model) {
		Panel<Map<String, Object>> agreement = Panel.of(() -> this.scoring.get("/api/v1/agreements/{id}", agreementId));
		model.addAttribute("agreement", agreement);
		model.addAttribute("agreementId", agreementId);
		if (agreement.ok() && "DRAFT".equals(agreement.value().get("status"))) {
			if (!model.containsAttribute("sections")) {
				model.addAttribute("sections", DocumentFields.of(agreement.value()));
			}
			model.addAttribute("diff",
					Panel.of(() -> StudioViews.changes(this.scoring.get("/api/v1/agreements/{id}/diff", agreementId))));
			model.addAttribute("preview", Panel
				.of(() -> StudioViews.charts(this.scoring.post("/api/v1/agreements/{id}/preview", null, agreementId))));
			Panel<Map<String, Object>> calibration = Panel
				.of(() -> this.scoring.get("/api/v1/agreements/{id}/calibration", agreementId));
			model.addAttribute("calibration", calibration);
			model.addAttribute("calibrationCurve", Panel.of(() -> StudioViews.curve(calibration.value())));
		}
		return "agreement";
	}

	/**
	 * The editor's fields: every one goes to scoring, which names each problem by its
	 * field. The form carries the document it was drawn from ({@code document}, with the
	 * items added or removed since the page was drawn), so the fields are read against
	 * that; scoring checks all of it.
	 */
	@PostMapping("/agreements/{agreementId}/terms")
	String edit(@PathVariable String agreementId, @RequestParam Map<String, String> form, Model model,
			RedirectAttributes redirect) {
		return withTheFormsDraft(agreementId, form, redirect, (edited) -> save(agreementId, edited, model, redirect));
	}

	private String save(String agreementId, Map<String, Object> edited, Model model, RedirectAttributes redirect) {
		try {
			this.scoring.put("/api/v1/agreements/{id}", edited, agreementId);
			redirect.addFlashAttribute("message",
					"Draft saved. Its signatures, if any, are cleared: both sides sign again.");
			return "redirect:/agreements/" + agreementId;
		}
		catch (Refusal ex) {
			List<DocumentFields.Section> sections = DocumentFields.of(edited);
			model.addAttribute("problems", ex);
			model.addAttribute("refusal", "The draft was not saved: scoring found " + ex.problems().size()
					+ " problem(s), each shown beside its field.");
			model.addAttribute("unplaced", DocumentFields.unplaced(sections, ex));
			return working(agreementId, edited, model);
		}
		catch (Unavailable ex) {
			model.addAttribute("refusal", ex.getMessage());
			return working(agreementId, edited, model);
		}
	}

	/**
	 * Adds an item to a list of the draft (a rule, a profile, a condition, a reason):
	 * shown to fill in, saved with the draft.
	 */
	@PostMapping("/agreements/{agreementId}/items")
	String add(@PathVariable String agreementId, @RequestParam Map<String, String> form, Model model,
			RedirectAttributes redirect) {
		return change(agreementId, form, model, redirect, "add",
				(document, list) -> DocumentFields.lists(document).contains(list)
						? DocumentEdits.withNew(document, list) : null,
				"Added below, at the end of its list: fill it in and save the draft.");
	}

	/** Removes an item of the draft; saved with the draft. */
	@PostMapping("/agreements/{agreementId}/items/removal")
	String remove(@PathVariable String agreementId, @RequestParam Map<String, String> form, Model model,
			RedirectAttributes redirect) {
		return change(agreementId, form, model, redirect, "remove", (document,
				item) -> DocumentFields.items(document).contains(item) ? DocumentEdits.without(document, item) : null,
				"Removed. Save the draft to keep the change.");
	}

	private String change(String agreementId, Map<String, String> form, Model model, RedirectAttributes redirect,
			String parameter, BiFunction<Map<String, Object>, String, @Nullable Map<String, Object>> how, String done) {
		return withTheFormsDraft(agreementId, form, redirect, (working) -> {
			String what = form.getOrDefault(parameter, "");
			Map<String, Object> changed = how.apply(working, what);
			if (changed == null) {
				model.addAttribute("refusal", "The draft has no list or item '" + what + "' to " + parameter);
				return working(agreementId, working, model);
			}
			model.addAttribute("message", done);
			return working(agreementId, changed, model);
		});
	}

	/**
	 * {@code then} with the draft the form carries, its fields read into it; back to the
	 * draft, saying why, when they cannot be.
	 */
	private String withTheFormsDraft(String agreementId, Map<String, String> form, RedirectAttributes redirect,
			Function<Map<String, Object>, String> then) {
		Map<String, Object> working;
		try {
			working = typed(agreementId, form);
		}
		catch (Refusal | Unavailable ex) {
			redirect.addFlashAttribute("refusal", ex.getMessage());
			return "redirect:/agreements/" + agreementId;
		}
		return then.apply(working);
	}

	/** The page with the editor drawn from {@code working}, a draft not saved yet. */
	private String working(String agreementId, Map<String, Object> working, Model model) {
		model.addAttribute("sections", DocumentFields.of(working));
		model.addAttribute("working", LeadEventsJson.mapper().writeValueAsString(working));
		return agreement(agreementId, model);
	}

	/**
	 * The draft with the form's fields typed in: read against the document the form
	 * carries, or the saved draft when it carries none.
	 */
	@SuppressWarnings("unchecked")
	private Map<String, Object> typed(String agreementId, Map<String, String> form) {
		Map<String, Object> draft;
		String carried = form.get("document");
		if (carried != null && !carried.isBlank()) {
			Map<String, Object> read;
			try {
				read = LeadEventsJson.mapper().readValue(carried, Map.class);
			}
			catch (JacksonException ex) {
				read = null;
			}
			if (read == null) {
				throw new Refusal(400, "The form's document could not be read: reload the page", List.of());
			}
			draft = terms(read);
		}
		else {
			draft = terms(this.scoring.get("/api/v1/agreements/{id}", agreementId));
		}
		Map<String, String> typed = new LinkedHashMap<>();
		try {
			DocumentFields.paths(draft).forEach((path) -> {
				if (form.containsKey(path)) {
					typed.put(path, form.get(path));
				}
			});
			return DocumentEdits.with(draft, typed);
		}
		catch (ClassCastException | NullPointerException ex) {
			// A document of another shape than an agreement's ("stages": "x", "sla":
			// null): not one the studio drew.
			throw new Refusal(400, "The form's document is not an agreement's: reload the page", List.of());
		}
	}

	@PostMapping("/agreements/{agreementId}/signatures")
	String sign(@PathVariable String agreementId, @RequestParam(required = false) @Nullable String party,
			RedirectAttributes redirect) {
		return act(agreementId, redirect, "Signed for " + party + ".", () -> this.scoring
			.post("/api/v1/agreements/{id}/signatures", Map.of("party", (party != null) ? party : ""), agreementId));
	}

	@PostMapping("/agreements/{agreementId}/activation")
	String activate(@PathVariable String agreementId, RedirectAttributes redirect) {
		return act(agreementId, redirect, "Agreement " + agreementId + " is now in force for every new score.",
				() -> this.scoring.post("/api/v1/agreements/{id}/activation", null, agreementId));
	}

	/** Puts the accepted calibration suggestions into the draft, rule by rule. */
	@PostMapping("/agreements/{agreementId}/calibration")
	@SuppressWarnings("unchecked")
	String calibrate(@PathVariable String agreementId,
			@RequestParam(name = "accept", required = false) @Nullable List<String> accepted,
			RedirectAttributes redirect) {
		if (accepted == null || accepted.isEmpty()) {
			redirect.addFlashAttribute("refusal",
					"Tick at least one suggestion to accept; the others stay as they are.");
			return "redirect:/agreements/" + agreementId + "#calibration";
		}
		return act(agreementId, redirect, "Accepted the suggested points of " + String.join(", ", accepted) + ".",
				() -> {
					Map<String, Object> calibration = this.scoring.get("/api/v1/agreements/{id}/calibration",
							agreementId);
					Map<String, Object> draft = terms(this.scoring.get("/api/v1/agreements/{id}", agreementId));
					Map<String, String> points = new LinkedHashMap<>();
					for (Map<String, Object> rule : (List<Map<String, Object>>) calibration.getOrDefault("rules",
							List.of())) {
						if (accepted.contains(String.valueOf(rule.get("ruleId")))
								&& rule.get("suggestedPoints") != null) {
							points.put(String.valueOf(rule.get("ruleId")), String.valueOf(rule.get("suggestedPoints")));
						}
					}
					Map<String, String> typed = new LinkedHashMap<>();
					for (String list : List.of("fitRules", "targetProfiles")) {
						List<Map<String, Object>> rules = (List<Map<String, Object>>) draft.getOrDefault(list,
								List.of());
						for (int i = 0; i < rules.size(); i++) {
							String id = String.valueOf(rules.get(i).get("id"));
							if (points.containsKey(id)) {
								typed.put(list + "[" + i + "].points", points.get(id));
							}
						}
					}
					return this.scoring.put("/api/v1/agreements/{id}", DocumentEdits.with(draft, typed), agreementId);
				});
	}

	private String act(String agreementId, RedirectAttributes redirect, String done,
			Supplier<Map<String, Object>> action) {
		try {
			action.get();
			redirect.addFlashAttribute("message", done);
		}
		catch (Refusal | Unavailable ex) {
			redirect.addFlashAttribute("refusal", ex.getMessage());
		}
		return "redirect:/agreements/" + agreementId;
	}

	/** An agreement's terms alone, as scoring takes them for a draft. */
	private static Map<String, Object> terms(Map<String, Object> agreement) {
		Map<String, Object> terms = new LinkedHashMap<>(agreement);
		terms.keySet().removeAll(LIFECYCLE);
		return terms;
	}

}
