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
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields",
				ex.getMessage());
		problem.setProperty("errors", ex.problems());
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unagreedReturn(UnagreedReturnException ex) {
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "unagreed-return-reason",
				"Not a reason the agreement lets sales return a lead for", ex.getMessage());
		problem.setProperty("errors", List.of(new FieldProblem("reasonCode", ex.getMessage())));
		problem.setProperty("agreementId", ex.agreementId());
		problem.setProperty("agreedReasons", ex.agreed());
		return ResponseEntity.unprocessableContent().body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> roleRequired(RoleRequiredException ex) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.body(problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> keyMisused(Idempotency.KeyMisusedException ex) {
		return ResponseEntity.unprocessableContent()
			.body(problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-misused",
					"The Idempotency-Key cannot be used for this request", ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> brokerUnavailable(BrokerUnavailableException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable", "Events cannot be accepted right now",
					"Kafka did not acknowledge the event, so it was not accepted; send it again later."));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, "unreadable-body", "The request body is not valid JSON",
					"The body must be one JSON object: " + rootMessage(ex)));
	}

	/** A problem of type {@code https://handoff.io/problems/<type>}. */
	private static ProblemDetail problem(HttpStatus status, String type, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://handoff.io/problems/" + type));
		problem.setTitle(title);
		return problem;
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
