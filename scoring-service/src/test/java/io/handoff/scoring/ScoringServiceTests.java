package io.handoff.scoring;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.handoff.events.LeadAgreement;
import io.handoff.events.Topics;
import io.handoff.test.TestKafka;
import io.handoff.test.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(properties = "spring.config.name=scoring-service")
class ScoringServiceTests {

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
		registry.add("handoff.streams.application-id-prefix", () -> "scoring-tests-" + UUID.randomUUID());
		registry.add("handoff.data-dir", () -> "target/scoring-tests");
	}

	@Test
	void theAgreementInForceIsPublishedToTheAgreementsTopicKeyedByItsId() {
		try (TopicReader<LeadAgreement> agreements = new TopicReader<>(Topics.AGREEMENTS)) {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(agreements.records())
				.filteredOn((record) -> record.key().equals("starter"))
				.extracting(ConsumerRecord::value)
				.anySatisfy((agreement) -> {
					assertThat(agreement.version()).isEqualTo(1);
					assertThat(agreement.signatures()).extracting(LeadAgreement.Signature::party)
						.containsExactly("MARKETING", "SALES");
					assertThat(agreement.returnReasons()).contains("NOT_A_DECISION_MAKER");
					assertThat(agreement.fitRules()).hasSizeGreaterThanOrEqualTo(15);
				}));
		}
	}

}
