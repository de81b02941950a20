package io.handoff.access;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class StoreProblemsTests {

	final StoreProblems problems = new StoreProblems();

	@Test
	void aStoreThatIsRestoringOrMovingAnswers503WithRetryAfter() {
		ResponseEntity<ProblemDetail> answer = this.problems.notReady(new InvalidStateStoreException(
				"Cannot get state store cases because the stream thread is PARTITIONS_ASSIGNED"));

		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("2");
		assertThat(answer.getBody().getDetail()).contains("being restored or moved").doesNotContain("cases");
	}

}
