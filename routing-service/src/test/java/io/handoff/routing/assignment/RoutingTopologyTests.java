package io.handoff.routing.assignment;

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

import io.handoff.events.Account;
import io.handoff.events.AnyEventSerde;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadScored;
import io.handoff.events.LeadScored.Stage;
import io.handoff.events.Ruling;
import io.handoff.events.SalesRep;
import io.handoff.events.Topics;
import io.handoff.routing.roster.Roster;
import io.handoff.test.Leads;
import io.handoff.test.TopologyTests;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingTopologyTests {

	static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");

	Roster roster;

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	TopologyTestDriver driver;

	TestInputTopic<String, LeadScored> scored;

	TestInputTopic<String, Ruling> rulings;

	TestOutputTopic<String, LeadAssigned> assigned;

	@BeforeEach
	void startTopology() throws Exception {
		this.roster = Roster.read(new ClassPathResource("demo/reps.csv"), new ClassPathResource("demo/accounts.csv"));
		StreamsBuilder builder = new StreamsBuilder();
		RoutingTopology.route(() -> this.roster, Clock.fixed(NOW, ZoneOffset.UTC), this.meters)
			.apply(builder.stream(List.of(RoutingTopology.INPUTS.split(",")),
					Consumed.with(Serdes.String(), new AnyEventSerde())))
			.to(Topics.LEADS_ASSIGNED.name(), Produced.with(Serdes.String(), Topics.LEADS_ASSIGNED.valueSerde()));
		this.driver = new TopologyTestDriver(builder.build(), TopologyTests.config("routing-test"));
		this.scored = this.driver.createInputTopic(Topics.LEADS_SCORED.name(), Serdes.String().serializer(),
				Topics.LEADS_SCORED.valueSerde().serializer());
		this.rulings = this.driver.createInputTopic(Topics.ARBITRATION_RULINGS.name(), Serdes.String().serializer(),
				Topics.ARBITRATION_RULINGS.valueSerde().serializer());
		this.assigned = this.driver.createOutputTopic(Topics.LEADS_ASSIGNED.name(), Serdes.String().deserializer(),
				Topics.LEADS_ASSIGNED.valueSerde().deserializer());
	}

	@AfterEach
	void closeDriver() {
		this.driver.close();
	}

	@Test
	void theDemoRosterIsTheRealSalesOrganisation() {
		assertThat(this.roster.reps()).hasSize(35);
		assertThat(this.roster.reps()).extracting(SalesRep::team).containsOnly("Central", "East", "West");
		assertThat(this.roster.reps().stream().map(SalesRep::manager).distinct()).hasSize(6);
		assertThat(this.roster.accounts()).hasSize(85);
	}

	@Test
	void salesReadyLeadsGoToEveryAvailableRepInTurnKeyedByLead() {
		List<LeadScored> leads = java.util.stream.IntStream.range(0, 70)
			.mapToObj((i) -> salesReady("lead" + i + "@prospect" + i + ".example", null))
			.toList();

		leads.forEach((lead) -> this.scored.pipeInput(lead.leadId().toString(), lead));

		List<org.apache.kafka.streams.test.TestRecord<String, LeadAssigned>> records = this.assigned.readRecordsToList();
		assertThat(records).hasSize(70);
		assertThat(records).allSatisfy((record) -> assertThat(record.key()).isEqualTo(record.value().leadId().toString()));
		Map<String, Long> perRep = records.stream()
			.collect(java.util.stream.Collectors.groupingBy((record) -> record.value().repId(),
					java.util.stream.Collectors.counting()));
		assertThat(this.meters.find("handoff.leads.assigned")
			.tag("method", "ROUND_ROBIN")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum()).isEqualTo(70);
		assertThat(perRep).hasSize(35).allSatisfy((rep, count) -> assertThat(count).isEqualTo(2));
		LeadAssigned first = records.get(0).value();
		assertThat(first.method()).isEqualTo(LeadAssigned.Method.ROUND_ROBIN);
		assertThat(first.reasons()).containsExactly("no account matches prospect0.example",
				"round robin: turn 1 among 35 available reps went to " + first.repName());
	}

	@Test
	void aLeadFromAnAccountGoesToItsOwnerEvenFromASubdomain() {
		Account acme = this.roster.account("acmecorporation.com").orElseThrow();

		this.scored.pipeInput(null, salesReady("pat@eu.acmecorporation.com", null));

		LeadAssigned assignment = this.assigned.readValue();
		assertThat(assignment.repId()).isEqualTo(acme.ownerRepId());
		assertThat(assignment.method()).isEqualTo(LeadAssigned.Method.ACCOUNT_OWNER);
		assertThat(assignment.reasons()).singleElement().asString().startsWith("account Acme Corporation");
	}

	@Test
	void onlyTheTransitionIntoSalesReadyIsAssigned() {
		LeadScored mql = scored("m@northwind.com", Stage.MQL, null);
		LeadScored stillSalesReady = salesReady("s@northwind.com", Stage.SALES_READY);

		this.scored.pipeInput(mql.leadId().toString(), mql);
		this.scored.pipeInput(stillSalesReady.leadId().toString(), stillSalesReady);

		assertThat(this.assigned.isEmpty()).isTrue();
	}

	@Test
	void theAssignmentIsKeptForTheAssignmentApi() {
		LeadScored lead = salesReady("dana@northwind.com", Stage.MQL);

		this.scored.pipeInput(lead.leadId().toString(), lead);

		assertThat(this.driver.<String, LeadAssigned>getKeyValueStore(RoutingTopology.ASSIGNMENTS_STORE)
			.get(lead.leadId().toString())).isEqualTo(this.assigned.readValue());
	}

	@Test
	void aRulingToReassignGivesTheLeadToAnotherRepWithTheRulingAsTheReason() {
		LeadScored lead = salesReady("dana@northwind.com", Stage.MQL);
		this.scored.pipeInput(lead.leadId().toString(), lead);
		LeadAssigned first = this.assigned.readValue();
		Ruling ruling = new Ruling(UUID.randomUUID(), NOW, lead.leadId(), UUID.randomUUID(), Ruling.Decision.REASSIGN,
				"Two days without a call", "ceo");

		this.rulings.pipeInput(lead.leadId().toString(), ruling);
		this.rulings.pipeInput(lead.leadId().toString(), new Ruling(UUID.randomUUID(), NOW, lead.leadId(),
				UUID.randomUUID(), Ruling.Decision.FOLLOW_UP_REQUIRED, "Call them", "ceo"));

		LeadAssigned reassigned = this.assigned.readValue();
		assertThat(reassigned.leadId()).isEqualTo(lead.leadId());
		assertThat(reassigned.repId()).isNotEqualTo(first.repId());
		assertThat(reassigned.method()).isEqualTo(LeadAssigned.Method.REASSIGNMENT);
		assertThat(reassigned.grade()).isEqualTo(first.grade());
		assertThat(reassigned.reasons().get(0)).isEqualTo("reassigned by ruling of ceo on case " + ruling.caseId()
				+ ": Two days without a call");
		assertThat(reassigned.reasons().get(1)).isEqualTo("previously with " + first.repName());
		assertThat(this.assigned.isEmpty()).isTrue();
		assertThat(this.driver.<String, LeadAssigned>getKeyValueStore(RoutingTopology.ASSIGNMENTS_STORE)
			.get(lead.leadId().toString())).isEqualTo(reassigned);
	}

	private static LeadScored salesReady(String email, Stage previous) {
		return scored(email, Stage.SALES_READY, previous);
	}

	private static LeadScored scored(String email, Stage stage, Stage previous) {
		LeadReceived lead = Leads.salesReady(email, NOW);
		return new LeadScored(UUID.randomUUID(), NOW, lead.leadId(), lead, 50, 0, "B", stage, previous, "starter", 1,
				List.of(), "fit 50 reaches sales-ready");
	}

}
