package io.handoff.scoring.agreement;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem details for what people get wrong about agreements: an invalid document lists
 * every problem; a lifecycle step that is not allowed says why.
 */
@RestControllerAdvice
class AgreementProblemHandlers {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> rejected(AgreementRejectedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid agreement");
		problem.setProperty("problems", ex.problems());
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(LifecycleException ex) {
		return ResponseEntity.status(ex.status()).body(ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage()));
	}

}
