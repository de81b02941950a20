package io.handoff.events;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.handoff.events.LeadAgreement.Condition;
import io.handoff.events.LeadAgreement.EngagementRule;
import io.handoff.events.LeadAgreement.FitRule;
import io.handoff.events.LeadAgreement.GradeBand;
import io.handoff.events.SlaTerms.GradeTerms;
import io.handoff.events.LeadAgreement.Operator;
import io.handoff.events.LeadAgreement.Party;
import io.handoff.events.LeadAgreement.ReturnReason;
import io.handoff.events.LeadAgreement.Signature;
import io.handoff.events.SlaTerms;
import io.handoff.events.StageRules;
import io.handoff.events.LeadAgreement.TargetProfile;
import io.handoff.events.StageRules.Threshold;
import io.handoff.events.LeadScored.RuleHit;
import io.handoff.events.LeadScored.Stage;

import static org.assertj.core.api.Assertions.assertThat;

class LeadEventsRoundTripTests {

	static final Instant AT = Instant.parse("2026-11-23T09:30:00Z");

	static final UUID LEAD = LeadIds.ofEmail("dana.reyes@northwind.com");

	static LeadReceived lead() {
		return new LeadReceived(UUID.randomUUID(), AT, LEAD, "dana.reyes@northwind.com", "Dana", "Reyes",
				"VP Marketing", "+14155550100", new Company("Northwind", "northwind.com", 1200, "software", "US", "CA"),
				"webinar", "q4-launch", "hs-1001", Map.of("specialization", "Finance", "visits", 3));
	}

	static Stream<Object> oneOfEveryEvent() {
		UUID caseId = UUID.randomUUID();
		return Stream.of(lead(), new LeadErased(UUID.randomUUID(), AT, LEAD, "admin"), new EngagementRecorded(UUID
			.randomUUID(), AT, LEAD, "DEMO_REQUEST", "https://northwind.com/demo"), new LeadAgreement("v2", 2,
					"Starter agreement", LeadAgreement.Status.DRAFT,
					List.of(new FitRule("title-vp", "title", Operator.CONTAINS_WORD, List.of("VP", "Director"), 25)),
					List.of(new TargetProfile("ops-leader", "Operations leader",
							List.of(new Condition("title", Operator.CONTAINS_WORD, List.of("VP")),
									new Condition("painPoint", Operator.IN, List.of("manual reporting"))),
							20)),
					List.of(new EngagementRule("DEMO_REQUEST", 30, 60, Duration.ofDays(14))),
					List.of(new GradeBand("A", 60, null), new GradeBand("D", null, 59)),
					new StageRules(-20, List.of(new Threshold(20, 0)), List.of(new Threshold(45, 10))),
					List.of("email"),
					new SlaTerms(List.of(new GradeTerms("A", Duration.ofHours(2), 6, Duration.ofDays(10))),
							Duration.ofHours(20)),
					List.of(new ReturnReason("BAD_CONTACT_DATA", "The email or phone does not reach the person")),
					Duration.ofDays(3), "mops@handoff.io", "first draft", AT,
					List.of(new Signature(Party.MARKETING, "mops@handoff.io", AT)), null, null),
				new LeadScored(UUID.randomUUID(), AT, LEAD, lead(), 55, 0, "B", Stage.SALES_READY, Stage.MQL, "starter",
						2, List.of(new RuleHit("title-vp", "title contains VP", 25)),
						"fit 55 reaches sales-ready (45)"),
				new SalesRep("anna-snelling", "Anna Snelling", "anna.snelling@handoff.io", "Central",
						List.of("US-CENTRAL"), 1, 25, "America/Chicago",
						SalesRep.WorkingHours.parse("Mon-Fri 09:00-17:00"),
						List.of(new SalesRep.Absence(AT, AT.plusSeconds(86_400), "training")), "Dustin Brinkmann",
						true),
				new Territory("emea", "Europe, Middle East and Africa", "Central", 20, List.of("gb", "DE"), List.of(),
						List.of("Software"), 50, null),
				new RoutingDocument(2, RoutingDocument.Status.APPROVED,
						List.of(new Territory("emea", "Europe, Middle East and Africa", "Central", 20, List.of("gb"),
								List.of(), List.of(), null, null)),
						Map.of("dana", new RoutingDocument.RepRouting("Central", 2, 25)), new Matching(true, 0.9), 1,
						"Central takes EMEA", "sales-ops", AT, "sales-ops", AT, null, null),
				new WebhookSubscription("sub-1", "https://crm.example/hooks",
						"whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0", List.of("lead.assigned"), "crm", AT),
				new SalesManager("dustin-brinkmann", "Dustin Brinkmann", "dustin.brinkmann@handoff.io", "Central"),
				new Account("acme.com", "Acme Corporation", "anna-snelling", "technology", 2822),
				LeadAssigned.of(UUID.randomUUID(), AT, LEAD, "anna-snelling", "Anna Snelling", "Central",
						LeadAssigned.Method.ROUND_ROBIN, "B", 2,
						List.of(new RouteSteps.NoAccount(List.of("northwind.example"), null, false, 0.9),
								new TurnSteps.RoundRobin("Central", 2, 2, List.of(), false, "Anna Snelling", 1, 0.5)),
						new LeadSummary("Dana Reyes", "Northwind", "B", 62, 18)),
				new SalesActivity(UUID.randomUUID(), AT, LEAD, "anna-snelling", SalesActivity.Type.CALL,
						"left voicemail"),
				new LeadReturned(UUID.randomUUID(), AT, LEAD, "anna-snelling", "NOT_A_DECISION_MAKER", "intern"),
				new LeadOutcome(UUID.randomUUID(), AT, LEAD, LeadOutcome.Outcome.WON, new BigDecimal("4821.00")),
				new SlaEvent(UUID.randomUUID(), AT, LEAD, "anna-snelling", SlaEvent.Type.BREACH,
						SlaEvent.Clock.FIRST_TOUCH, AT.minusSeconds(60),
						new LeadSummary("Dana Reyes", null, "B", 62, 18)),
				new Notification(UUID.randomUUID(), AT, LEAD, UUID.randomUUID(), "MANAGER", Notification.Channel.EMAIL,
						"dustin.brinkmann@handoff.io", "SLA breach", "Call the lead"),
				new RulingSubmitted(UUID.randomUUID(), AT, LEAD, caseId, Ruling.Decision.FOLLOW_UP_REQUIRED,
						"the lead asked for a demo", "ceo@handoff.io"),
				new Ruling(UUID.randomUUID(), AT, LEAD, caseId, Ruling.Decision.FOLLOW_UP_REQUIRED,
						"the lead asked for a demo", "ceo@handoff.io"),
				new CaseEscalated(UUID.randomUUID(), AT, LEAD, caseId, "anna-snelling", "IGNORED",
						AT.minusSeconds(3 * 86400), AT));
	}

	@ParameterizedTest
	@MethodSource("oneOfEveryEvent")
	void everyEventSurvivesTheTripThroughItsTopicsSerde(Object event) {
		Topic<Object> topic = topicOf(event);
		try (Serde<Object> serde = topic.valueSerde()) {
			byte[] bytes = serde.serializer().serialize(topic.name(), event);
			assertThat(serde.deserializer().deserialize(topic.name(), bytes)).isEqualTo(event);
		}
	}

	@ParameterizedTest
	@MethodSource("oneOfEveryEvent")
	void oneSerdeForAnyTopicReadsEachEventAsItsTopicsType(Object event) {
		Topic<Object> topic = topicOf(event);
		AnyEventSerde any = new AnyEventSerde();
		byte[] bytes = any.serializer().serialize(topic.name(), event);
		assertThat(bytes).isEqualTo(topic.valueSerde().serializer().serialize(topic.name(), event));
		assertThat(any.deserializer().deserialize(topic.name(), bytes)).isEqualTo(event);
	}

	@Test
	void everyTopicOtherThanTheRawInboundOneCarriesARecordOfLeadEvents() {
		assertThat(Topics.ALL).hasSize(21)
			.filteredOn((topic) -> topic != Topics.LEADS_INBOUND)
			.allSatisfy((topic) -> assertThat(topic.eventType().isRecord()).isTrue());
		assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates();
		assertThat(oneOfEveryEvent().map(Object::getClass)).containsExactlyInAnyOrderElementsOf(
				Topics.ALL.stream().filter((topic) -> topic != Topics.LEADS_INBOUND).map(Topic::eventType).toList());
	}

	@Test
	void instantsAreWrittenAsIsoTextAndNoJavaTypeLeaks() {
		Topic<LeadReceived> topic = Topics.LEADS_RECEIVED;
		byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), lead());
		String json = new String(bytes, StandardCharsets.UTF_8);
		assertThat(json).contains("\"occurredAt\":\"2026-11-23T09:30:00Z\"").doesNotContain("io.handoff");
	}

	@Test
	void fieldsAddedByANewerWriterAreIgnoredByAnOlderReader() {
		String json = """
				{"eventId":"%s","occurredAt":"2026-11-23T09:30:00Z","leadId":"%s","repId":"r1",
				 "type":"EMAIL","note":null,"channel":"outreach"}""".formatted(UUID.randomUUID(), LEAD);
		SalesActivity activity = Topics.SALES_ACTIVITIES.valueSerde()
			.deserializer()
			.deserialize("sales.activities", json.getBytes(StandardCharsets.UTF_8));
		assertThat(activity.type()).isEqualTo(SalesActivity.Type.EMAIL);
	}

	@Test
	void theSamePersonIsTheSameLeadWhateverTheCaseOrSpacingOfTheEmail() {
		assertThat(LeadIds.ofEmail("  Dana.Reyes@Northwind.com ")).isEqualTo(LEAD);
		assertThat(LEAD.version()).isEqualTo(5);
		assertThat(LeadIds.ofEmail("dana@northwind.com")).isNotEqualTo(LEAD);
		assertThat(LeadIds.ofSource("hubspot", "1001")).isNotEqualTo(LeadIds.ofSource("marketo", "1001"));
	}

	@Test
	void aLeadIsWrittenTheSameWayByEveryProcessAttributesInTheOrderSentAndWorkingDaysInWeekOrder() {
		LinkedHashMap<String, Object> sent = new LinkedHashMap<>();
		for (String name : List.of("zeta", "alpha", "mid", "beta", "omega", "gamma", "delta", "kappa")) {
			sent.put(name, name.length());
		}
		LeadReceived lead = new LeadReceived(UUID.randomUUID(), AT, LEAD, null, null, null, null, null, null, null,
				null, null, sent);
		assertThat(lead.attributes().keySet()).containsExactlyElementsOf(sent.keySet());
		String json = new String(Topics.LEADS_RECEIVED.valueSerde().serializer().serialize("t", lead),
				StandardCharsets.UTF_8);
		assertThat(json).contains("\"attributes\":{\"zeta\":4,\"alpha\":5,\"mid\":3,");
		SalesRep.WorkingHours hours = new SalesRep.WorkingHours(
				EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY), LocalTime.of(9, 0),
				LocalTime.of(17, 0));
		assertThat(hours.days()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
	}

	@Test
	void aLeadPrintedInALogCarriesNoEmailPhoneOrName() {
		assertThat(lead().toString()).contains(LEAD.toString())
			.doesNotContain("dana")
			.doesNotContain("Dana")
			.doesNotContain("4155550100");
		assertThat(new LeadScored(UUID.randomUUID(), AT, LEAD, lead(), 1, 0, "D", Stage.INQUIRY, null, "starter", 1,
				List.of(), "inquiry")
			.toString()).doesNotContain("dana").doesNotContain("4155550100");
	}

	@Test
	void compactedTopicsAreCreatedWithTheCompactPolicy() {
		assertThat(Topics.AGREEMENTS.newTopic((short) 1).configs()).containsEntry("cleanup.policy", "compact");
		// Events carry personal data: they are kept as long as said, no longer (an erased
		// person ages out of them).
		assertThat(Topics.LEADS_SCORED.newTopic((short) 1).configs())
			.containsOnly(Map.entry("retention.ms", Long.toString(Topic.EVENT_RETENTION.toMillis())));
		assertThat(Topics.LEADS_SCORED.newDeadLetterTopic((short) 1).configs()).containsEntry("retention.ms",
				"604800000");
		assertThat(Topics.LEADS_SCORED.newTopic((short) 1).numPartitions()).isEqualTo(12);
		assertThat(Topics.SLA_EVENTS.deadLetter()).isEqualTo("sla.events.dlq");
	}

	@SuppressWarnings("unchecked")
	static Topic<Object> topicOf(Object event) {
		return (Topic<Object>) Topics.ALL.stream()
			.filter((topic) -> topic.eventType() == event.getClass())
			.findFirst()
			.orElseThrow();
	}

}
