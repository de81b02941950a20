package io.handoff.arbitration.cases;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.access.Caller;

/**
 * What arbitration knows of any lead that reached sales, case or not: its score, its
 * assignment, the rep's activities, the SLA's steps and its returns, for the lead's
 * journey. A sales rep reads only the leads assigned to them.
 */
@RestController
class LeadEvidenceController {

	private final CaseFiles files;

	LeadEvidenceController(CaseFiles files) {
		this.files = files;
	}

	@GetMapping("/api/v1/leads/{leadId}/evidence")
	Evidence evidence(@PathVariable UUID leadId, Authentication authentication) {
		Evidence found = this.files.evidence(leadId);
		if (found.assignment() == null && found.score() == null && found.activities().isEmpty()
				&& found.returns().isEmpty() && found.sla().isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"Nothing is known of lead " + leadId + " here: it has not reached sales");
		}
		Caller caller = Caller.of(authentication);
		if (!caller.readsEveryLead()
				&& (found.assignment() == null || !caller.mayReadLeadOf(found.assignment().repId()))) {
			// The same answer as for a lead unknown: a lead id is derived from an e-mail,
			// so it is no secret.
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"Nothing is known of lead " + leadId + " here: it has not reached sales");
		}
		return found;
	}

}
