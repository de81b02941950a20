package io.handoff.instances;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.handoff.events.CompactedTopicBook;

/**
 * A change to a compacted topic's book (the agreements, the sales organisation, webhook
 * subscriptions) that another instance made at the same moment answers {@code 409}; one
 * the broker did not take or confirm answers {@code 503} with {@code Retry-After}, saying
 * whether it may have been made: never a {@code 500}.
 */
@RestControllerAdvice
class BookProblems {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> concurrent(CompactedTopicBook.ConcurrentWriteException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"Changed at this moment through another instance; nothing was changed here: read again and retry");
		problem.setTitle("Changed meanwhile");
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notTaken(CompactedTopicBook.WriteFailedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				ex.mayHaveBeenWritten()
						? "The broker did not confirm the change: it may or may not have been made; read again before "
								+ "retrying"
						: "The broker did not take the change; nothing was changed: retry in a moment");
		problem.setTitle("Not saved");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2").body(problem);
	}

}
