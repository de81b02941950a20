package io.handoff.scoring.agreement;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpStatus;

import io.handoff.events.LeadAgreement;

/**
 * The agreements, for people and for the other services' operators.
 */
@RestController
@RequestMapping("/api/v1/agreements")
class AgreementController {

	private final ActiveAgreement active;

	AgreementController(ActiveAgreement active) {
		this.active = active;
	}

	@GetMapping
	List<LeadAgreement> agreements() {
		return List.of(this.active.get());
	}

	@GetMapping("/{agreementId}")
	ResponseEntity<LeadAgreement> agreement(@PathVariable String agreementId) {
		if (!this.active.get().agreementId().equals(agreementId)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No agreement with id '" + agreementId
					+ "'; GET /api/v1/agreements lists them");
		}
		return ResponseEntity.ok(this.active.get());
	}

}
