package io.handoff.intake;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import io.handoff.access.DemoSecrets;
import io.handoff.test.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intake with a broker that does not answer (nothing listens on its port): no false 202,
 * ever.
 */
@ActiveProfiles(DemoSecrets.PROFILE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=intake-service", "spring.kafka.bootstrap-servers=localhost:1",
				"spring.kafka.admin.auto-create=false", "spring.kafka.listener.auto-startup=false",
				"handoff.intake.delivery-timeout=2s" })
class IntakeWithoutKafkaTests {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void whileKafkaIsUnreachableLeadsAreRefusedWith503AndRetryAfterThenAtOnceByTheOpenCircuit() {
		Http intake = Http.localhost(this.port).withHeader("X-API-Key", "demo-lead-source-key");
		for (int attempt = 0; attempt < 4; attempt++) {
			Http.Response response = intake.post("/api/v1/leads", Map.of("email", "dana@northwind.com"));
			assertThat(response.status()).isEqualTo(503);
			assertThat(response.header("Retry-After")).isEqualTo("5");
			assertThat(response.json().get("detail").asString()).contains("was not accepted");
		}
		assertThat(this.meters.counter("handoff.intake.refused.broker-unavailable", "topic", "leads.received").count())
			.as("requests refused by the open circuit without waiting for Kafka")
			.isGreaterThanOrEqualTo(1);
		assertThat(this.meters.counter("handoff.intake.accepted", "topic", "leads.received").count()).isZero();
	}

}
