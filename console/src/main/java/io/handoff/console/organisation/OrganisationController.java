package io.handoff.console.organisation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import io.handoff.console.services.Panel;
import io.handoff.console.services.Refusal;
import io.handoff.console.services.ServiceClient;
import io.handoff.console.services.Services;
import io.handoff.console.services.Unavailable;
import io.handoff.events.Account;
import io.handoff.events.SalesRep;
import io.handoff.events.Territory;

/**
 * The sales organisation as routing knows it, and the CSV import that replaces parts of
 * it: routing keeps the good lines and reports each rejected one with its line number and
 * reason, shown here as it answered.
 */
@Controller
class OrganisationController {

	/** What can be imported, as routing names it. */
	static final Set<String> KINDS = Set.of("reps", "accounts", "territories");

	/** The largest CSV file the console passes on. */
	static final long MAX_CSV_BYTES = 2_000_000;

	private final ServiceClient routing;

	OrganisationController(Services services) {
		this.routing = services.routing();
	}

	@GetMapping("/organisation")
	String organisation(Model model) {
		model.addAttribute("teams", Panel.of(() -> this.routing.list("/api/v1/teams")));
		model.addAttribute("reps", Panel.of(() -> this.routing.list(SalesRep.class, "/api/v1/reps")));
		model.addAttribute("territories",
				Panel.of(() -> this.routing.list(Territory.class, "/api/v1/territories")
					.stream()
					.sorted(Comparator.comparingInt(Territory::order))
					.toList()));
		model.addAttribute("accounts", Panel.of(() -> this.routing.list(Account.class, "/api/v1/accounts")));
		return "organisation";
	}

	/**
	 * "Try a lead": who would get a lead of this company writing from this e-mail if it
	 * became sales-ready now, and every step; routing writes nothing (no turn of the
	 * round robin, no capacity).
	 */
	@PostMapping("/organisation/try")
	String tryLead(@RequestParam Map<String, String> form, Model model) {
		Map<String, Object> company = new LinkedHashMap<>();
		for (String field : List.of("name", "domain", "industry", "country", "region")) {
			String value = form.get(field);
			if (value != null && !value.isBlank()) {
				company.put(field, value.strip());
			}
		}
		String employees = form.get("employees");
		Map<String, Object> lead = new LinkedHashMap<>();
		lead.put("company", company);
		String email = form.get("email");
		if (email != null && !email.isBlank()) {
			lead.put("email", email.strip());
		}
		try {
			if (employees != null && !employees.isBlank()) {
				company.put("employees", Integer.parseInt(employees.strip()));
			}
			model.addAttribute("trial", this.routing.post("/api/v1/routing/simulate", Map.of("lead", lead)));
		}
		catch (NumberFormatException ex) {
			model.addAttribute("trialProblem", "Employees is a whole number of people ('" + employees + "' is not).");
		}
		catch (Refusal | Unavailable ex) {
			model.addAttribute("trialProblem", ex.getMessage());
		}
		model.addAttribute("tried", form);
		return organisation(model);
	}

	@PostMapping("/organisation/import")
	String importCsv(@RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable MultipartFile file, Model model) throws IOException {
		if (kind == null || !KINDS.contains(kind)) {
			model.addAttribute("importProblem", "Choose what the file holds: reps, accounts or territories.");
		}
		else if (file == null || file.isEmpty()) {
			model.addAttribute("importProblem", "Choose a CSV file to import; it is empty or missing.");
		}
		else if (file.getSize() > MAX_CSV_BYTES) {
			model.addAttribute("importProblem",
					"The file has " + file.getSize() + " bytes; import at most " + MAX_CSV_BYTES + " at a time.");
		}
		else {
			String csv = new String(file.getBytes(), StandardCharsets.UTF_8);
			try {
				model.addAttribute("report", this.routing.postCsv("/api/v1/" + kind + "/import", csv));
			}
			catch (Refusal | Unavailable ex) {
				model.addAttribute("importProblem", ex.getMessage());
			}
		}
		model.addAttribute("kind", kind);
		return organisation(model);
	}

}
