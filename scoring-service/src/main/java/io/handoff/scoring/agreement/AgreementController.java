package io.handoff.scoring.agreement;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAgreement.Party;

/**
 * The agreement's lifecycle over HTTP: every version readable, drafts written and signed
 * by marketing and sales, activation of a draft both have signed, and the diff between
 * two versions.
 */
@RestController
@RequestMapping("/api/v1/agreements")
class AgreementController {

	private final AgreementBook book;

	AgreementController(AgreementBook book) {
		this.book = book;
	}

	@GetMapping
	List<LeadAgreement> agreements() {
		return this.book.all();
	}

	@GetMapping("/active")
	LeadAgreement active() {
		return this.book.active();
	}

	@GetMapping("/{agreementId}")
	LeadAgreement agreement(@PathVariable String agreementId) {
		return this.book.get(agreementId);
	}

	/**
	 * A new draft; lifecycle fields in the body (id, status, signatures, ...) are
	 * ignored, so a copy of a GET works.
	 */
	@PostMapping
	ResponseEntity<LeadAgreement> draft(@RequestBody JsonNode document, Principal author) {
		LeadAgreement draft = this.book.draft(AgreementDocuments.read(document), author.getName());
		return ResponseEntity.created(URI.create("/api/v1/agreements/" + draft.agreementId())).body(draft);
	}

	/** New terms for a draft; its signatures are cleared. */
	@PutMapping("/{agreementId}")
	LeadAgreement edit(@PathVariable String agreementId, @RequestBody JsonNode document, Principal author) {
		return this.book.edit(agreementId, AgreementDocuments.read(document), author.getName());
	}

	@PostMapping("/{agreementId}/signatures")
	LeadAgreement sign(@PathVariable String agreementId, @RequestBody SignatureRequest request, Authentication signer) {
		if (request.party() == null) {
			throw new AgreementRejectedException(
					List.of(new AgreementProblem("party", "Say whom you sign for: MARKETING or SALES")));
		}
		Set<String> roles = signer.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.map((authority) -> authority.replaceFirst("^ROLE_", ""))
			.collect(Collectors.toSet());
		return this.book.sign(agreementId, request.party(), signer.getName(), roles);
	}

	@PostMapping("/{agreementId}/activation")
	LeadAgreement activate(@PathVariable String agreementId) {
		return this.book.activate(agreementId);
	}

	/**
	 * What changed from {@code against} (the version in force unless given) to this
	 * version.
	 */
	@GetMapping("/{agreementId}/diff")
	AgreementDiff diff(@PathVariable String agreementId, @RequestParam(required = false) @Nullable String against) {
		LeadAgreement base = (against != null) ? this.book.get(against) : this.book.active();
		return AgreementDiff.between(base, this.book.get(agreementId));
	}

	/**
	 * A signature.
	 *
	 * @param party whom the signer signs for
	 */
	record SignatureRequest(@Nullable Party party) {
	}

}
