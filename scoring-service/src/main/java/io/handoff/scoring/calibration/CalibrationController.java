package io.handoff.scoring.calibration;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.scoring.agreement.AgreementBook;
import io.handoff.scoring.scoring.CompiledAgreement;
import io.handoff.scoring.scoring.LeadProfiles;

/**
 * {@code GET /api/v1/agreements/{id}/calibration}: suggested points for a version's rules, learned from the outcomes
 * of the leads this instance has scored.
 */
@RestController
class CalibrationController {

	private final AgreementBook book;

	private final LeadProfiles profiles;

	CalibrationController(AgreementBook book, LeadProfiles profiles) {
		this.book = book;
		this.profiles = profiles;
	}

	@GetMapping("/api/v1/agreements/{agreementId}/calibration")
	Calibration.Report calibration(@PathVariable String agreementId,
			@RequestParam(defaultValue = "10") int pointsToDoubleOdds) {
		List<Calibration.Example> examples = this.profiles.all()
			.stream()
			.filter((profile) -> profile.lead() != null && profile.converted() != null)
			.map((profile) -> new Calibration.Example(profile.lead(), profile.converted()))
			.toList();
		return Calibration.calibrate(CompiledAgreement.of(this.book.get(agreementId)), examples, pointsToDoubleOdds);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooFewOutcomes(IllegalArgumentException ex) {
		return ResponseEntity.unprocessableContent()
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage()));
	}

}
