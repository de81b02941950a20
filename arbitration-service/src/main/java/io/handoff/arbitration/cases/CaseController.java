package io.handoff.arbitration.cases;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.access.Caller;

/**
 * The judge's desk: the cases, each with its evidence. A sales rep sees only the cases on
 * their own leads; everyone else signed in sees all.
 */
@RestController
@RequestMapping("/api/v1/cases")
class CaseController {

	private final CaseFiles files;

	CaseController(CaseFiles files) {
		this.files = files;
	}

	@GetMapping
	List<Case> cases(@RequestParam(required = false) Case.@Nullable Status status, Authentication authentication) {
		Caller caller = Caller.of(authentication);
		return this.files.cases()
			.stream()
			.filter((found) -> status == null || found.status() == status)
			.filter((found) -> mayRead(caller, found))
			.toList();
	}

	/** Returns that opened no case, and why. */
	@GetMapping("/refused-returns")
	List<RefusedReturn> refusedReturns(Authentication authentication) {
		Caller caller = Caller.of(authentication);
		return this.files.refusedReturns()
			.stream()
			.filter((refusal) -> caller.mayReadLeadOf(refusal.returned().repId()))
			.toList();
	}

	/**
	 * A case with the lead's evidence as known now, whatever order its events arrived in.
	 */
	@GetMapping("/{caseId}")
	CaseFile docket(@PathVariable UUID caseId, Authentication authentication) {
		Case found = this.files.get(caseId);
		if (found == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No case " + caseId + "; GET /api/v1/cases lists them");
		}
		if (!mayRead(Caller.of(authentication), found)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN,
					"Case " + caseId + " is about another rep's lead; a sales rep sees only cases on their own leads");
		}
		return new CaseFile(found, this.files.evidence(found.leadId()));
	}

	static boolean mayRead(Caller caller, Case found) {
		return caller.mayReadLeadOf(found.repId());
	}

	/**
	 * A case and its evidence.
	 *
	 * @param docket the case
	 * @param evidence what is known of the lead
	 */
	record CaseFile(Case docket, Evidence evidence) {
	}

}
