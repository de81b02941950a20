package io.handoff.sla.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

import io.handoff.events.LeadAssigned;
import io.handoff.events.SalesActivity;
import io.handoff.events.SlaEvent;
import io.handoff.events.Topics;
import io.handoff.test.TopologyTests;

import static org.assertj.core.api.Assertions.assertThat;

class SlaTopologyTests {

	static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

	static final SlaTerms TERMS = new SlaTerms(Duration.ofHours(4), Duration.ofHours(20), Duration.ofSeconds(1), 2);

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	TopologyTestDriver driver;

	TestInputTopic<String, LeadAssigned> assigned;

	TestInputTopic<String, SalesActivity> activities;

	TestOutputTopic<String, SlaEvent> slaEvents;

	@BeforeEach
	void startTopology() {
		StreamsBuilder builder = new StreamsBuilder();
		SlaTopology.clocks(TERMS, this.meters)
			.apply(builder.stream(Topics.LEADS_ASSIGNED.name(),
					Consumed.with(Serdes.String(), Topics.LEADS_ASSIGNED.valueSerde())),
					builder.stream(Topics.SALES_ACTIVITIES.name(),
							Consumed.with(Serdes.String(), Topics.SALES_ACTIVITIES.valueSerde())))
			.to(Topics.SLA_EVENTS.name(), Produced.with(Serdes.String(), Topics.SLA_EVENTS.valueSerde()));
		this.driver = new TopologyTestDriver(builder.build(), TopologyTests.config("sla-test"), START);
		this.assigned = this.driver.createInputTopic(Topics.LEADS_ASSIGNED.name(), Serdes.String().serializer(),
				Topics.LEADS_ASSIGNED.valueSerde().serializer());
		this.activities = this.driver.createInputTopic(Topics.SALES_ACTIVITIES.name(), Serdes.String().serializer(),
				Topics.SALES_ACTIVITIES.valueSerde().serializer());
		this.slaEvents = this.driver.createOutputTopic(Topics.SLA_EVENTS.name(), Serdes.String().deserializer(),
				Topics.SLA_EVENTS.valueSerde().deserializer());
	}

	@AfterEach
	void closeDriver() {
		this.driver.close();
	}

	@Test
	void anUntouchedLeadBreachesAtTheDeadlineAndIsIgnoredAfterTheGracePeriod() {
		LeadAssigned assignment = assign(UUID.randomUUID(), "anna-snelling");

		this.driver.advanceWallClockTime(Duration.ofHours(4).minusSeconds(2));
		assertThat(this.slaEvents.isEmpty()).isTrue();

		this.driver.advanceWallClockTime(Duration.ofSeconds(3));
		SlaEvent breach = this.slaEvents.readValue();
		assertThat(breach.type()).isEqualTo(SlaEvent.Type.BREACH);
		assertThat(breach.leadId()).isEqualTo(assignment.leadId());
		assertThat(breach.repId()).isEqualTo("anna-snelling");
		assertThat(breach.deadline()).isEqualTo(START.plus(Duration.ofHours(4)));
		assertThat(this.slaEvents.isEmpty()).isTrue();

		this.driver.advanceWallClockTime(Duration.ofHours(20));
		assertThat(this.slaEvents.readValue().type()).isEqualTo(SlaEvent.Type.IGNORED);
		this.driver.advanceWallClockTime(Duration.ofHours(48));
		assertThat(this.slaEvents.isEmpty()).isTrue();
		assertThat(clock(assignment.leadId()).state()).isEqualTo(SlaClock.State.IGNORED);
		assertThat(this.meters.counter("handoff.sla.events", "type", "IGNORED").count()).isEqualTo(1);
		assertThat(clock(assignment.leadId()).history()).extracting(SlaEvent::type)
			.containsExactly(SlaEvent.Type.BREACH, SlaEvent.Type.IGNORED);
	}

	@Test
	void aTouchInTimeByTheAssignedRepStopsTheClock() {
		LeadAssigned assignment = assign(UUID.randomUUID(), "anna-snelling");

		this.driver.advanceWallClockTime(Duration.ofHours(1));
		touch(assignment.leadId(), "anna-snelling", START.plus(Duration.ofHours(1)));
		this.driver.advanceWallClockTime(Duration.ofHours(48));

		assertThat(this.slaEvents.isEmpty()).isTrue();
		assertThat(clock(assignment.leadId()).state()).isEqualTo(SlaClock.State.TOUCHED);
		assertThat(clock(assignment.leadId()).touchedAt()).isEqualTo(START.plus(Duration.ofHours(1)));
	}

	@Test
	void aTouchByAnotherRepDoesNotCount() {
		LeadAssigned assignment = assign(UUID.randomUUID(), "anna-snelling");

		touch(assignment.leadId(), "someone-else", START.plusSeconds(60));
		this.driver.advanceWallClockTime(Duration.ofHours(5));

		assertThat(this.slaEvents.readValue().type()).isEqualTo(SlaEvent.Type.BREACH);
	}

	@Test
	void aTouchAfterTheBreachStopsTheLeadFromBeingIgnored() {
		LeadAssigned assignment = assign(UUID.randomUUID(), "anna-snelling");

		this.driver.advanceWallClockTime(Duration.ofHours(5));
		touch(assignment.leadId(), "anna-snelling", START.plus(Duration.ofHours(5)));
		this.driver.advanceWallClockTime(Duration.ofHours(48));

		assertThat(this.slaEvents.readValuesToList()).extracting(SlaEvent::type).containsExactly(SlaEvent.Type.BREACH);
	}

	@Test
	void aReassignmentRestartsTheClockForTheNewRep() {
		UUID leadId = UUID.randomUUID();
		assign(leadId, "anna-snelling");
		this.driver.advanceWallClockTime(Duration.ofHours(3));
		this.assigned.pipeInput(leadId.toString(), assignment(leadId, "cecily-lampkin", START.plus(Duration.ofHours(3))));

		this.driver.advanceWallClockTime(Duration.ofHours(2));
		assertThat(this.slaEvents.isEmpty()).isTrue();
		this.driver.advanceWallClockTime(Duration.ofHours(2));

		assertThat(this.slaEvents.readValuesToList()).singleElement()
			.satisfies((event) -> assertThat(event.repId()).isEqualTo("cecily-lampkin"));
	}

	@Test
	void oneTickFiresABoundedNumberOfClocksAndTheNextTicksTheRest() {
		for (int i = 0; i < 5; i++) {
			assign(UUID.randomUUID(), "anna-snelling");
		}

		this.driver.advanceWallClockTime(Duration.ofHours(4).plusSeconds(1));
		assertThat(this.slaEvents.readValuesToList()).hasSize(2);
		this.driver.advanceWallClockTime(Duration.ofSeconds(1));
		this.driver.advanceWallClockTime(Duration.ofSeconds(1));
		assertThat(this.slaEvents.readValuesToList()).hasSize(3);
	}

	private LeadAssigned assign(UUID leadId, String repId) {
		LeadAssigned assignment = assignment(leadId, repId, START);
		this.assigned.pipeInput(leadId.toString(), assignment);
		return assignment;
	}

	private static LeadAssigned assignment(UUID leadId, String repId, Instant at) {
		return new LeadAssigned(UUID.randomUUID(), at, leadId, repId, repId, "Central",
				LeadAssigned.Method.ROUND_ROBIN, "B", 1, List.of("round robin"));
	}

	private void touch(UUID leadId, String repId, Instant at) {
		this.activities.pipeInput(leadId.toString(),
				new SalesActivity(UUID.randomUUID(), at, leadId, repId, SalesActivity.Type.CALL, null));
	}

	private SlaClock clock(UUID leadId) {
		return this.driver.<String, SlaClock>getKeyValueStore(SlaTopology.CLOCKS_STORE).get(leadId.toString());
	}

}
