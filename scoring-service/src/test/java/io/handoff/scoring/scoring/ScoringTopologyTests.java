package io.handoff.scoring.scoring;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import io.handoff.events.Company;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored;
import io.handoff.events.LeadScored.RuleHit;
import io.handoff.events.LeadScored.Stage;
import io.handoff.events.Topics;
import io.handoff.scoring.agreement.ActiveAgreement;
import io.handoff.test.Leads;
import io.handoff.test.TopologyTests;

import static org.assertj.core.api.Assertions.assertThat;

class ScoringTopologyTests {

	static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");

	LeadAgreement starter;

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	TopologyTestDriver driver;

	TestInputTopic<String, LeadReceived> received;

	TestOutputTopic<String, LeadScored> scored;

	@BeforeEach
	void startTopology() throws Exception {
		this.starter = new ActiveAgreement(new ClassPathResource("agreement/starter-agreement.json")).get();
		StreamsBuilder builder = new StreamsBuilder();
		ScoringTopology.score(() -> this.starter, Clock.fixed(NOW, ZoneOffset.UTC), this.meters)
			.apply(builder.stream(Topics.LEADS_RECEIVED.name(),
					Consumed.with(Serdes.String(), Topics.LEADS_RECEIVED.valueSerde())))
			.to(Topics.LEADS_SCORED.name(), Produced.with(Serdes.String(), Topics.LEADS_SCORED.valueSerde()));
		this.driver = new TopologyTestDriver(builder.build(), TopologyTests.config("scoring-test"));
		this.received = this.driver.createInputTopic(Topics.LEADS_RECEIVED.name(), Serdes.String().serializer(),
				Topics.LEADS_RECEIVED.valueSerde().serializer());
		this.scored = this.driver.createOutputTopic(Topics.LEADS_SCORED.name(), Serdes.String().deserializer(),
				Topics.LEADS_SCORED.valueSerde().deserializer());
	}

	@AfterEach
	void closeDriver() {
		this.driver.close();
	}

	@Test
	void aVpAtAMidMarketCompanyIsSalesReadyWithEveryRuleThatFiredExplained() {
		LeadReceived lead = Leads.salesReady("dana@northwind.com", NOW);

		this.received.pipeInput(lead.leadId().toString(), lead);

		LeadScored score = this.scored.readValue();
		assertThat(score.leadId()).isEqualTo(lead.leadId());
		assertThat(score.fitScore()).isEqualTo(50);
		assertThat(score.grade()).isEqualTo("B");
		assertThat(score.stage()).isEqualTo(Stage.SALES_READY);
		assertThat(score.previousStage()).isNull();
		assertThat(score.entered(Stage.SALES_READY)).isTrue();
		assertThat(score.agreementId()).isEqualTo("starter");
		assertThat(score.explanation()).extracting(RuleHit::ruleId, RuleHit::points)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("title-executive", 30),
					org.assertj.core.groups.Tuple.tuple("company-mid-market-or-larger", 15),
					org.assertj.core.groups.Tuple.tuple("country-core-market", 5));
		assertThat(this.meters.counter("handoff.leads.scored", "stage", "SALES_READY").count()).isEqualTo(1);
		assertThat(score.explanation().get(0).description()).isEqualTo("title 'VP Marketing' contains word "
				+ this.starter.fitRules().get(0).values());
	}

	@Test
	void aReInquiryOfASalesReadyLeadIsNoNewTransition() {
		LeadReceived first = Leads.salesReady("dana@northwind.com", NOW);
		LeadReceived again = Leads.salesReady("dana@northwind.com", NOW.plusSeconds(3600));

		this.received.pipeInput(first.leadId().toString(), first);
		this.received.pipeInput(again.leadId().toString(), again);

		List<LeadScored> scores = this.scored.readValuesToList();
		assertThat(scores).hasSize(2);
		assertThat(scores.get(1).previousStage()).isEqualTo(Stage.SALES_READY);
		assertThat(scores.get(1).entered(Stage.SALES_READY)).isFalse();
	}

	@Test
	void customAttributesFromThePlatformCountAsTheAgreementSays() {
		LeadReceived lead = new LeadReceived(UUID.randomUUID(), NOW, UUID.randomUUID(), "l@learners.example", null,
				null, "Working Professional", null, new Company(null, null, null, null, "IN", null), "Reference",
				"Lead Add Form", null, Map.of("leadOrigin", "Lead Add Form", "timeOnWebsite", 1532, "doNotEmail", "No"));

		this.received.pipeInput(lead.leadId().toString(), lead);

		LeadScored score = this.scored.readValue();
		assertThat(score.explanation()).extracting(RuleHit::ruleId)
			.containsExactly("occupation-working-professional", "country-core-market", "origin-lead-add-form",
					"time-on-site-high");
		assertThat(score.fitScore()).isEqualTo(85);
		assertThat(score.grade()).isEqualTo("A");
	}

	@Test
	void aStudentWithoutCompanyIsDisqualifiedAndAnUnknownTitleStaysAnInquiry() {
		LeadReceived student = Leads.lead("s@uni.example", "Student", null, null, NOW);
		LeadReceived analyst = Leads.lead("a@northwind.com", "Analyst", 50, "FR", NOW);

		this.received.pipeInput(student.leadId().toString(), student);
		this.received.pipeInput(analyst.leadId().toString(), analyst);

		List<LeadScored> scores = this.scored.readValuesToList();
		assertThat(scores.get(0).stage()).isEqualTo(Stage.DISQUALIFIED);
		assertThat(scores.get(0).grade()).isEqualTo("D");
		assertThat(scores.get(1).stage()).isEqualTo(Stage.INQUIRY);
		assertThat(scores.get(1).explanation()).isEmpty();
	}

	@Test
	void theLatestScoreOfEveryLeadIsKeptForTheScoreApi() {
		LeadReceived lead = Leads.salesReady("dana@northwind.com", NOW);

		this.received.pipeInput(lead.leadId().toString(), lead);

		LeadScored stored = this.driver.<String, LeadScored>getKeyValueStore(ScoringTopology.SCORES_STORE)
			.get(lead.leadId().toString());
		assertThat(stored.stage()).isEqualTo(Stage.SALES_READY);
	}

}
