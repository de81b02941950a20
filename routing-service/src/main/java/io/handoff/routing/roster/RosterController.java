package io.handoff.routing.roster;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.events.Account;
import io.handoff.events.SalesManager;
import io.handoff.events.SalesRep;
import io.handoff.events.Territory;
import io.handoff.routing.plan.RoutingBook;

/**
 * The sales organisation: reps, their managers, accounts and territories, one at a time
 * or imported from CSV.
 */
@RestController
@RequestMapping("/api/v1")
class RosterController {

	private final SalesOrganisation organisation;

	private final RoutingBook routing;

	RosterController(SalesOrganisation organisation, RoutingBook routing) {
		this.organisation = organisation;
		this.routing = routing;
	}

	/**
	 * A change to the organisation that may change its routing: kept as a routing version
	 * when it does.
	 */
	private <T> T routingChange(T saved, String how, Authentication caller) {
		this.routing.recordDirectChange(how, caller.getName());
		return saved;
	}

	/** What was {@code found}, or a 404 that says where they are listed. */
	private static <T> T found(Optional<T> found, String what, String id, String listed) {
		return found.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
				"No " + what + " '" + id + "'; GET /api/v1/" + listed + " lists them"));
	}

	@GetMapping("/reps")
	Collection<SalesRep> reps() {
		return this.organisation.roster().reps().values();
	}

	@GetMapping("/reps/{repId}")
	SalesRep rep(@PathVariable String repId) {
		return found(this.organisation.roster().rep(repId), "rep", repId, "reps");
	}

	@PutMapping("/reps/{repId}")
	SalesRep putRep(@PathVariable String repId, @RequestBody SalesRep rep, Authentication caller) {
		same(repId, rep.repId(), "repId");
		return routingChange(this.organisation.put(rep), "PUT /api/v1/reps/" + repId, caller);
	}

	@GetMapping("/managers")
	Collection<SalesManager> managers() {
		return this.organisation.managers().values();
	}

	@GetMapping("/managers/{managerId}")
	SalesManager manager(@PathVariable String managerId) {
		return found(Optional.ofNullable(this.organisation.managers().get(managerId)), "manager", managerId,
				"managers");
	}

	@PutMapping("/managers/{managerId}")
	SalesManager putManager(@PathVariable String managerId, @RequestBody SalesManager manager) {
		same(managerId, manager.managerId(), "managerId");
		return this.organisation.put(manager);
	}

	@GetMapping("/accounts")
	Collection<Account> accounts() {
		return this.organisation.roster()
			.accounts()
			.values()
			.stream()
			.sorted(Comparator.comparing(Account::domain))
			.toList();
	}

	/** The account a domain belongs to, subdomains and variants included. */
	@GetMapping("/accounts/{domain}")
	Account account(@PathVariable String domain) {
		return this.organisation.roster()
			.account(Collections.singletonList(domain))
			.map(Roster.AccountMatch::account)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No account owns '" + domain + "'"));
	}

	@PutMapping("/accounts/{domain}")
	Account putAccount(@PathVariable String domain, @RequestBody Account account) {
		same(Roster.normalize(domain), (account.domain() != null) ? Roster.normalize(account.domain()) : null,
				"domain");
		return this.organisation.put(account);
	}

	@GetMapping("/territories")
	List<Territory> territories() {
		return this.organisation.roster().territories();
	}

	@GetMapping("/territories/{territoryId}")
	Territory territory(@PathVariable String territoryId) {
		return found(this.organisation.roster()
			.territories()
			.stream()
			.filter((territory) -> territory.territoryId().equals(territoryId))
			.findFirst(), "territory", territoryId, "territories");
	}

	@PutMapping("/territories/{territoryId}")
	Territory putTerritory(@PathVariable String territoryId, @RequestBody Territory territory, Authentication caller) {
		same(territoryId, territory.territoryId(), "territoryId");
		return routingChange(this.organisation.put(territory), "PUT /api/v1/territories/" + territoryId, caller);
	}

	@DeleteMapping("/territories/{territoryId}")
	ResponseEntity<Void> deleteTerritory(@PathVariable String territoryId, Authentication caller) {
		if (!this.organisation.removeTerritory(territoryId)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No territory '" + territoryId + "'");
		}
		return routingChange(ResponseEntity.noContent().build(), "DELETE /api/v1/territories/" + territoryId, caller);
	}

	@PostMapping(path = "/reps/import", consumes = { "text/csv", "text/plain" })
	SalesOrganisation.ImportReport importReps(@RequestBody String csv, Authentication caller) {
		return routingChange(this.organisation.importReps(csv), "POST /api/v1/reps/import", caller);
	}

	@PostMapping(path = "/managers/import", consumes = { "text/csv", "text/plain" })
	SalesOrganisation.ImportReport importManagers(@RequestBody String csv) {
		return this.organisation.importManagers(csv);
	}

	@PostMapping(path = "/accounts/import", consumes = { "text/csv", "text/plain" })
	SalesOrganisation.ImportReport importAccounts(@RequestBody String csv) {
		return this.organisation.importAccounts(csv);
	}

	@PostMapping(path = "/territories/import", consumes = { "text/csv", "text/plain" })
	SalesOrganisation.ImportReport importTerritories(@RequestBody String csv, Authentication caller) {
		return routingChange(this.organisation.importTerritories(csv), "POST /api/v1/territories/import", caller);
	}

	private static void same(String inPath, @Nullable String inBody, String field) {
		if (inBody == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"The body has no " + field + ": it must name the same " + field + " as the path");
		}
		if (!inPath.equals(inBody)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The " + field + " in the body ('" + inBody
					+ "') differs from the one in the path ('" + inPath + "')");
		}
	}

	/** A CSV whose header does not name the expected columns. */
	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail unreadable(IllegalArgumentException problem) {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, problem.getMessage());
		detail.setTitle("Cannot read the CSV");
		return detail;
	}

}
