package io.handoff.access;

import java.time.Duration;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A read that finds its state store restoring or moving (at start, in a rebalance)
 * answers {@code 503} with {@code Retry-After}: the answer exists and will be there in
 * seconds, so neither a {@code 500} nor a false {@code 404}. Spring matches the exception
 * through its causes too, so Spring Cloud Stream's wrapped refusal lands here. Imported
 * by the services that run Kafka Streams ({@code @Import(StoreProblems.class)}); the
 * console has none.
 */
@RestControllerAdvice
public class StoreProblems {

	/**
	 * How long a store usually takes to come back here: a restore from a standby or a
	 * short changelog.
	 */
	static final Duration RETRY_AFTER = Duration.ofSeconds(2);

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notReady(InvalidStateStoreException ex) {
		return storeNotReady();
	}

	static ResponseEntity<ProblemDetail> storeNotReady() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"This service's state is being restored or moved between instances; retry in " + RETRY_AFTER.toSeconds()
						+ " s");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
			.body(problem);
	}

}
