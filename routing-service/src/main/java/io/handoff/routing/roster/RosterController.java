package io.handoff.routing.roster;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.events.Account;
import io.handoff.events.SalesRep;

/**
 * The sales organisation as routing sees it.
 */
@RestController
@RequestMapping("/api/v1")
class RosterController {

	private final Roster roster;

	RosterController(Roster roster) {
		this.roster = roster;
	}

	@GetMapping("/reps")
	List<SalesRep> reps() {
		return this.roster.reps();
	}

	@GetMapping("/reps/{repId}")
	SalesRep rep(@PathVariable String repId) {
		return this.roster.rep(repId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No rep '" + repId + "'; GET /api/v1/reps lists them"));
	}

	@GetMapping("/accounts/{domain}")
	Account account(@PathVariable String domain) {
		return this.roster.account(domain)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No account owns '" + domain + "'"));
	}

}
