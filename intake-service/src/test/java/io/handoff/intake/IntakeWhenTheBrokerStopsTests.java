package io.handoff.intake;

import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import io.handoff.access.DemoSecrets;
import io.handoff.events.ServiceApplication;
import io.handoff.events.Topics;
import io.handoff.test.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intake on a broker of its own, which the test stops: the leads accepted before were
 * acknowledged, and after it every lead is refused with 503 and Retry-After (at once,
 * once the circuit opens), never a false 202.
 */
class IntakeWhenTheBrokerStopsTests {

	static EmbeddedKafkaKraftBroker broker;

	static ConfigurableApplicationContext intake;

	@BeforeAll
	static void startBrokerAndIntake() {
		broker = new EmbeddedKafkaKraftBroker(1, 1, Topics.LEADS_RECEIVED.name());
		broker.afterPropertiesSet();
		intake = ServiceApplication.builder(IntakeApplication.class)
			.run("--server.port=0", "--spring.profiles.active=" + DemoSecrets.PROFILE,
					"--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
					"--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false",
					"--handoff.intake.delivery-timeout=2s");
	}

	@AfterAll
	static void stopIntake() {
		intake.close();
	}

	@Test
	void leadsAcceptedBeforeTheBrokerStopsAre202AndAfterItEvery503() {
		Http http = Http.localhost(((WebServerApplicationContext) intake).getWebServer().getPort())
			.withHeader("X-API-Key", "demo-lead-source-key");
		MeterRegistry meters = intake.getBean(MeterRegistry.class);

		Http.Response before = http.post("/api/v1/leads", Map.of("email", UUID.randomUUID() + "@northwind.com"));
		broker.destroy();
		Http.Response[] after = new Http.Response[5];
		for (int i = 0; i < after.length; i++) {
			after[i] = http.post("/api/v1/leads", Map.of("email", UUID.randomUUID() + "@northwind.com"));
		}

		assertThat(before.status()).isEqualTo(202);
		assertThat(after).allSatisfy((response) -> {
			assertThat(response.status()).isEqualTo(503);
			assertThat(response.header("Retry-After")).isEqualTo("5");
		});
		assertThat(meters.counter("handoff.intake.accepted", "topic", "leads.received").count()).isEqualTo(1);
		assertThat(meters.counter("handoff.intake.refused.broker-unavailable", "topic", "leads.received").count())
			.as("refused by the open circuit without waiting for Kafka")
			.isGreaterThanOrEqualTo(1);
	}

}
