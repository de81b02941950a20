package io.handoff.intake.problems;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.handoff.intake.access.RoleRequiredException;
import io.handoff.intake.idempotency.Idempotency;
import io.handoff.intake.publishing.BrokerUnavailableException;

/**
 * Turns every refusal into RFC 9457 problem details that say what was wrong and what to
 * send instead.
 */
@RestControllerAdvice
class ProblemHandlers extends ResponseEntityExceptionHandler {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setType(URI.create("https://handoff.io/problems/invalid-request"));
		problem.setTitle("The request has invalid fields");
		problem.setProperty("errors", ex.problems());
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unagreedReturn(UnagreedReturnException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setType(URI.create("https://handoff.io/problems/unagreed-return-reason"));
		problem.setTitle("Not a reason the agreement lets sales return a lead for");
		problem.setProperty("errors", List.of(new FieldProblem("reasonCode", ex.getMessage())));
		problem.setProperty("agreementId", ex.agreementId());
		problem.setProperty("agreedReasons", ex.agreed());
		return ResponseEntity.unprocessableContent().body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> roleRequired(RoleRequiredException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
		problem.setType(URI.create("https://handoff.io/problems/forbidden"));
		problem.setTitle("Forbidden");
		return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> keyMisused(Idempotency.KeyMisusedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setType(URI.create("https://handoff.io/problems/idempotency-key-misused"));
		problem.setTitle("The Idempotency-Key cannot be used for this request");
		return ResponseEntity.unprocessableContent().body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> brokerUnavailable(BrokerUnavailableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Kafka did not acknowledge the event, so it was not accepted; send it again later.");
		problem.setType(URI.create("https://handoff.io/problems/broker-unavailable"));
		problem.setTitle("Events cannot be accepted right now");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The body must be one JSON object: " + rootMessage(ex));
		problem.setType(URI.create("https://handoff.io/problems/unreadable-body"));
		problem.setTitle("The request body is not valid JSON");
		return ResponseEntity.badRequest().body(problem);
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		// The parser's message quotes the source; keep only its first line.
		return message.lines().findFirst().orElse(message);
	}

}
