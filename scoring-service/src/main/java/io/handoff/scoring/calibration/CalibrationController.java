package io.handoff.scoring.calibration;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.handoff.instances.ClusterStores;
import io.handoff.instances.StoreFigure;
import io.handoff.events.LeadAgreement;
import io.handoff.scoring.agreement.AgreementBook;
import io.handoff.scoring.agreement.FigureAgreements;
import io.handoff.scoring.scores.CompiledAgreement;
import io.handoff.scoring.scores.LeadProfile;
import io.handoff.scoring.scores.ScoringTopology;

/**
 * {@code GET /api/v1/agreements/{id}/calibration}: suggested points for a version's
 * rules, learned from the outcomes of every lead scored, on every instance (each counts
 * what its leads come to; only the counts travel).
 */
@RestController
class CalibrationController {

	private final AgreementBook book;

	private final ClusterStores stores;

	private final StoreFigure<LeadProfile, Calibration.Outcomes> outcomes;

	CalibrationController(AgreementBook book, ClusterStores stores) {
		this.book = book;
		this.stores = stores;
		// What each instance's leads with outcomes come to; only those counts travel.
		this.outcomes = stores.register(StoreFigure.of("calibration-outcomes", ScoringTopology.PROFILES_STORE,
				LeadProfile.class, Calibration.Outcomes.class,
				(profiles, asked) -> Calibration.Outcomes.of(FigureAgreements.compiled(book, asked, "agreement"),
						profiles.stream()
							.filter((profile) -> profile.lead() != null && profile.converted() != null)
							.map((profile) -> new Calibration.Example(profile.lead(), profile.converted()))
							.toList()),
				Calibration.Outcomes::plus));
	}

	@GetMapping("/api/v1/agreements/{agreementId}/calibration")
	CalibrationReport calibration(@PathVariable String agreementId,
			@RequestParam(defaultValue = "10") int pointsToDoubleOdds) {
		LeadAgreement version = this.book.get(agreementId);
		return Calibration.calibrate(CompiledAgreement.of(version),
				this.stores.figure(this.outcomes, FigureAgreements.parameters("agreement", version)),
				pointsToDoubleOdds);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooFewOutcomes(IllegalArgumentException ex) {
		return ResponseEntity.unprocessableContent()
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage()));
	}

}
