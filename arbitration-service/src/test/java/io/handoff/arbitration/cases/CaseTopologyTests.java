package io.handoff.arbitration.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.handoff.events.LeadReturned;
import io.handoff.events.SlaEvent;
import io.handoff.events.Topics;
import io.handoff.test.TopologyTests;

import static org.assertj.core.api.Assertions.assertThat;

class CaseTopologyTests {

	static final Instant DEADLINE = Instant.parse("2026-11-23T13:00:00Z");

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	TopologyTestDriver driver;

	TestInputTopic<String, SlaEvent> slaEvents;

	TestInputTopic<String, LeadReturned> returns;

	@BeforeEach
	void startTopology() {
		StreamsBuilder builder = new StreamsBuilder();
		CaseTopology.openCases(
				builder.stream(Topics.SLA_EVENTS.name(), Consumed.with(Serdes.String(), Topics.SLA_EVENTS.valueSerde())),
				builder.stream(Topics.LEADS_RETURNED.name(),
						Consumed.with(Serdes.String(), Topics.LEADS_RETURNED.valueSerde())),
				this.meters);
		this.driver = new TopologyTestDriver(builder.build(), TopologyTests.config("arbitration-test"));
		this.slaEvents = this.driver.createInputTopic(Topics.SLA_EVENTS.name(), Serdes.String().serializer(),
				Topics.SLA_EVENTS.valueSerde().serializer());
		this.returns = this.driver.createInputTopic(Topics.LEADS_RETURNED.name(), Serdes.String().serializer(),
				Topics.LEADS_RETURNED.valueSerde().serializer());
	}

	@AfterEach
	void closeDriver() {
		this.driver.close();
	}

	@Test
	void anIgnoredLeadOpensACaseWithItsSlaHistoryAsEvidence() {
		UUID leadId = UUID.randomUUID();
		SlaEvent breach = event(leadId, SlaEvent.Type.BREACH, DEADLINE);
		SlaEvent ignored = event(leadId, SlaEvent.Type.IGNORED, DEADLINE.plusSeconds(72_000));

		this.slaEvents.pipeInput(leadId.toString(), breach);
		assertThat(cases()).isEmpty();
		this.slaEvents.pipeInput(leadId.toString(), ignored);

		assertThat(cases()).singleElement().satisfies((opened) -> {
			assertThat(opened.leadId()).isEqualTo(leadId);
			assertThat(opened.repId()).isEqualTo("anna-snelling");
			assertThat(opened.cause()).isEqualTo(Case.Cause.IGNORED);
			assertThat(opened.status()).isEqualTo(Case.Status.OPEN);
			assertThat(opened.openedAt()).isEqualTo(ignored.occurredAt());
			assertThat(opened.slaHistory()).containsExactly(breach, ignored);
		});
	}

	@Test
	void theSameIgnoredEventDeliveredTwiceOpensOneCase() {
		UUID leadId = UUID.randomUUID();
		SlaEvent ignored = event(leadId, SlaEvent.Type.IGNORED, DEADLINE);

		this.slaEvents.pipeInput(leadId.toString(), ignored);
		this.slaEvents.pipeInput(leadId.toString(), ignored);

		assertThat(cases()).hasSize(1);
		assertThat(this.meters.counter("handoff.cases.opened", "cause", "IGNORED").count()).isEqualTo(1);
	}

	@Test
	void aReturnedLeadOpensACaseWithTheRepsReasonAndTheSlaHistorySoFar() {
		UUID leadId = UUID.randomUUID();
		SlaEvent breach = event(leadId, SlaEvent.Type.BREACH, DEADLINE);
		LeadReturned returned = new LeadReturned(UUID.randomUUID(), DEADLINE.plusSeconds(600), leadId,
				"anna-snelling", "NOT_A_DECISION_MAKER", "an intern downloading a whitepaper");

		this.slaEvents.pipeInput(leadId.toString(), breach);
		this.returns.pipeInput(leadId.toString(), returned);

		assertThat(cases()).singleElement().satisfies((opened) -> {
			assertThat(opened.cause()).isEqualTo(Case.Cause.RETURNED);
			assertThat(opened.returned()).isEqualTo(returned);
			assertThat(opened.repId()).isEqualTo("anna-snelling");
			assertThat(opened.slaHistory()).containsExactly(breach);
		});
		assertThat(this.meters.counter("handoff.cases.opened", "cause", "RETURNED").count()).isEqualTo(1);
	}

	private List<Case> cases() {
		KeyValueStore<String, Case> store = this.driver.getKeyValueStore(CaseTopology.CASES_STORE);
		List<Case> all = new ArrayList<>();
		try (var it = store.all()) {
			it.forEachRemaining((entry) -> all.add(entry.value));
		}
		return all;
	}

	private static SlaEvent event(UUID leadId, SlaEvent.Type type, Instant at) {
		return new SlaEvent(UUID.randomUUID(), at, leadId, "anna-snelling", type, SlaEvent.Clock.FIRST_TOUCH, DEADLINE);
	}

}
