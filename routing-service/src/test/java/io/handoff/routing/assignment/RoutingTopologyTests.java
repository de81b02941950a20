package io.handoff.routing.assignment;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.handoff.events.Account;
import io.handoff.events.AgreementSerde;
import io.handoff.events.AnyEventSerde;
import io.handoff.events.Company;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadIds;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadScored.Stage;
import io.handoff.events.LeadScored;
import io.handoff.events.RoutingStep;
import io.handoff.events.Ruling;
import io.handoff.events.SalesRep;
import io.handoff.events.SlaEvent;
import io.handoff.events.Territory;
import io.handoff.events.Topic;
import io.handoff.events.Topics;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.events.calendar.CalendarSettings;
import io.handoff.routing.roster.Roster;
import io.handoff.test.MovableClock;
import io.handoff.test.TestAgreements;
import io.handoff.test.TopologyFixture;
import io.handoff.test.TopologyTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each routing step and its explanation, against a small organisation: two teams
 * (Enterprise and Emea), an account, three territories.
 */
class RoutingTopologyTests {

	/** A Monday, 15:30 in Chicago. */
	static final Instant MONDAY = Instant.parse("2026-11-23T21:30:00Z");

	final MovableClock clock = new MovableClock(MONDAY);

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	Roster roster;

	/**
	 * The business calendars: none unless a test sets some before starting the topology
	 * again.
	 */
	BusinessCalendars calendars = BusinessCalendars.NONE;

	@AutoClose
	TopologyTestDriver driver;

	final Map<String, TestInputTopic<String, Object>> inputs = new HashMap<>();

	TestOutputTopic<String, LeadAssigned> assigned;

	@BeforeEach
	void startTopology() {
		start(Topics.LEADS_ASSIGNED.name());
	}

	/**
	 * Starts the topology writing its assignments to {@code sink}: to
	 * {@code leads.assigned}, the driver reads them back at once; elsewhere, a test pipes
	 * them back itself, when it likes.
	 */
	private void start(String sink) {
		this.roster = Roster.of(
				List.of(rep("ada", "Enterprise", 2, 30), rep("bob", "Enterprise", 1, 30),
						rep("cy", "Enterprise", 1, 30), rep("eve", "Emea", 1, 1), rep("fay", "Emea", 1, 1)),
				List.of(new Account("acme.com", "Acme", "bob", "software", 5000)),
				List.of(new Territory("big-us", "Large US", "Enterprise", 10, List.of("US"), List.of(), List.of(), 1000,
						null),
						new Territory("emea", "EMEA", "Emea", 20, List.of("GB", "DE"), List.of(), List.of(), null,
								null),
						new Territory("rest", "Rest of world", "Enterprise", 99, List.of(), List.of(), List.of(), null,
								null)));
		StreamsBuilder builder = new StreamsBuilder();
		AgreementSerde.globalTable(builder);
		RoutingTopology
			.topology(() -> this.roster, this.calendars.build(), this.clock, Duration.ofSeconds(1), this.meters)
			.apply(builder.stream(RoutingTopology.WIRING.inputNames(),
					Consumed.with(Serdes.String(), new AnyEventSerde())))
			.to(sink, Produced.with(Serdes.String(), Topics.LEADS_ASSIGNED.valueSerde()));
		this.driver = new TopologyTestDriver(builder.build(), TopologyTests.config("routing-test"), MONDAY);
		List<Topic<?>> inputs = new ArrayList<>(RoutingTopology.WIRING.inputs());
		inputs.add(Topics.AGREEMENTS);
		for (Topic<?> topic : inputs) {
			this.inputs.put(topic.name(), this.driver.createInputTopic(topic.name(), Serdes.String().serializer(),
					topic.untypedSerde().serializer()));
		}
		agreement(false);
		this.assigned = this.driver.createOutputTopic(sink, Serdes.String().deserializer(),
				Topics.LEADS_ASSIGNED.valueSerde().deserializer());
	}

	@Test
	void theAccountOwnerGetsLeadsFromTheAccountsDomainItsSubdomainsAndVariants() {
		for (String email : List.of("a@acme.com", "b@eu.acme.com", "c@acme.co.uk", "d@www.acme.com")) {
			LeadAssigned assignment = route(lead(email, "DE", null));

			assertThat(assignment.repId()).isEqualTo("bob");
			assertThat(assignment.method()).isEqualTo(LeadAssigned.Method.ACCOUNT_OWNER);
			assertThat(assignment.reasons()).singleElement()
				.asString()
				.startsWith("account: ")
				.endsWith("), owned by Bob (Enterprise)");
		}
		assertThat(route(lead("e@acme.co.uk", "DE", null)).reasons().get(0))
			.isEqualTo("account: Acme (acme.co.uk is a variant of acme.com), owned by Bob (Enterprise)");
	}

	@Test
	void aFreeMailLeadOfAKnownCompanyGoesToTheAccountOwnerWithTheMatchsConfidence() {
		LeadReceived lead = lead("pat@gmail.com", "DE", null);
		LeadReceived acme = new LeadReceived(lead.eventId(), lead.occurredAt(), lead.leadId(), lead.email(),
				lead.firstName(), lead.lastName(), lead.title(), lead.phone(),
				new Company("ACME Inc.", null, null, null, "DE", null), lead.source(), lead.campaign(),
				lead.externalId(), lead.attributes());

		LeadAssigned assignment = route(acme);

		assertThat(assignment.repId()).isEqualTo("bob");
		assertThat(assignment.method()).isEqualTo(LeadAssigned.Method.ACCOUNT_OWNER);
		assertThat(assignment.reasons()).singleElement()
			.isEqualTo("account: Acme (company name 'ACME Inc.' is like 'Acme' (similarity 1.00, threshold 0.92)), "
					+ "owned by Bob (Enterprise)");
		assertThat(route(lead("sam@gmail.com", "DE", null)).reasons().get(0)).isEqualTo("account: no account matches "
				+ "gmail.com, nor the company name 'Prospect' (no account name is at least 0.92 similar)");
	}

	@Test
	void eachTeamsDayCountsEveryRepsFairShareTheirLeadsByTurnAndDirectAndWhyTheyWerePassedOver() {
		away("cy", MONDAY.minusSeconds(60), MONDAY.plusSeconds(86_400));
		for (int i = 0; i < 30; i++) {
			route(lead("lead" + i + "@prospect" + i + ".example", "US", 5000));
		}
		route(lead("a@acme.com", "US", 5000));

		FairnessDay day = this.driver.<String, FairnessDay>getKeyValueStore(TeamQueue.FAIRNESS_STORE)
			.get(FairnessDay.key("Enterprise", LocalDate.of(2026, 11, 23)));
		assertThat(day.turns()).isEqualTo(30);
		// Ada (weight 2) and Bob (1) share every turn two to one; Cy is away for all of
		// them.
		assertThat(day.reps().get("ada").owed()).isCloseTo(20.0, Offset.offset(1e-9));
		assertThat(day.reps().get("ada").byTurn()).isEqualTo(20);
		assertThat(day.reps().get("bob").byTurn()).isEqualTo(10);
		assertThat(day.reps().get("bob").direct()).isEqualTo(1);
		assertThat(day.reps().get("cy").owed()).isZero();
		assertThat(day.reps().get("cy").passes()).containsExactly(Map.entry(TeamPick.Pass.Reason.AWAY, 30L));
		assertThat(this.meters.get("handoff.routing.passes").tags("rep", "cy", "reason", "AWAY").counter().count())
			.isEqualTo(30);
		assertThat(this.meters.get("handoff.routing.fair-share").tags("rep", "ada").counter().count()).isCloseTo(20.0,
				Offset.offset(1e-9));
		assertThat(FairnessReport.of(List.of(day), this.roster)).singleElement()
			.satisfies((team) -> assertThat(team.reps()).extracting(FairnessReport.Rep::difference)
				.allSatisfy((difference) -> assertThat(Math.abs(difference)).isLessThanOrEqualTo(1.0)));
	}

	@Test
	void anAccountOwnerWhoIsAwayPassesTheLeadToTheTerritorysTeam() {
		away("bob", MONDAY.minusSeconds(3600), MONDAY.plusSeconds(86_400));

		LeadAssigned assignment = route(lead("a@acme.com", "GB", null));

		assertThat(assignment.team()).isEqualTo("Emea");
		assertThat(assignment.method()).isEqualTo(LeadAssigned.Method.ROUND_ROBIN);
		assertThat(assignment.reasons().get(0)).startsWith("account: Acme (domain acme.com), but its owner is "
				+ "unavailable: Bob is out of office until " + MONDAY.plusSeconds(86_400));
		assertThat(assignment.reasons().get(1)).isEqualTo(
				"territory: EMEA (country in [GB, DE]) is sold by team Emea; not Large US: country GB not in [US]");
		assertThat(assignment.reasons().get(2)).startsWith("round robin: 2 of 2 reps of team Emea can take it; ");
	}

	@Test
	void theFirstMatchingTerritoryNamesTheTeam() {
		assertThat(route(lead("a@big.example", "US", 5000)).team()).isEqualTo("Enterprise");
		assertThat(route(lead("b@small.example", "US", 50)).reasons().get(1)).isEqualTo(
				"territory: Rest of world (every lead) is sold by team Enterprise; not Large US: 50 employees, fewer "
						+ "than 1000; not EMEA: country US not in [GB, DE]");
		assertThat(route(lead("c@gmbh.example", "DE", 50)).team()).isEqualTo("Emea");
	}

	@Test
	void roundRobinFollowsTheWeights() {
		Map<String, Long> perRep = IntStream.range(0, 40)
			.mapToObj((i) -> route(lead("lead" + i + "@prospect" + i + ".example", "US", 5000)))
			.collect(Collectors.groupingBy(LeadAssigned::repId, Collectors.counting()));

		assertThat(perRep).containsOnly(Map.entry("ada", 20L), Map.entry("bob", 10L), Map.entry("cy", 10L));
		assertThat(this.meters.get("handoff.leads.assigned")
			.tags("method", "ROUND_ROBIN", "team", "Enterprise")
			.counter()
			.count()).isEqualTo(40);
		assertThat(this.meters.get("handoff.leads.time-to-assignment").timer().count()).isEqualTo(40);
	}

	@Test
	void roundRobinSkipsRepsAwayAtCapacityAndOutsideWorkingHoursWhenTheAgreementSaysSo() {
		away("ada", MONDAY.minusSeconds(60), MONDAY.plusSeconds(3600));
		this.roster = with(rep("cy", "Enterprise", 1, 30, new SalesRep.WorkingHours(
				EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(12, 0))));

		LeadAssigned inHoursNotRequired = route(lead("a@x.example", "US", 5000));
		assertThat(inHoursNotRequired.reasons().get(2))
			.startsWith("round robin: 2 of 3 reps of team Enterprise can take it; skipped: Ada is out of office until");

		agreement(true);
		LeadAssigned first = route(lead("b@x.example", "US", 5000));
		LeadAssigned second = route(lead("c@x.example", "US", 5000));
		assertThat(List.of(first.repId(), second.repId())).containsOnly("bob");
		assertThat(first.reasons().get(2)).contains("1 of 3 reps")
			.contains("Cy is outside working hours (Mon-Fri 09:00-12:00 America/Chicago)");

		LeadAssigned emea1 = route(lead("d@x.example", "GB", null));
		LeadAssigned emea2 = route(lead("e@x.example", "GB", null));
		LeadAssigned emea3 = route(lead("f@x.example", "GB", null));
		assertThat(List.of(emea1.repId(), emea2.repId())).containsExactlyInAnyOrder("eve", "fay");
		assertThat(emea3).isNull();
	}

	@Test
	void whereWorkingHoursApplyNoRepGetsALeadOnAPublicHolidayOfTheirCalendar() {
		// Thursday 2026-11-26 is Thanksgiving in the United States; Emea's calendar is
		// Germany's, where it is not.
		this.calendars = new BusinessCalendars(Map.of("Enterprise",
				new CalendarSettings(ZoneId.of("America/Chicago"), null, LocalTime.MIDNIGHT, LocalTime.MAX, null, "US",
						null),
				"Emea", new CalendarSettings(ZoneId.of("Europe/Berlin"), null, LocalTime.MIDNIGHT, LocalTime.MAX, null,
						"DE", null)),
				null, null);
		this.driver.close();
		start(Topics.LEADS_ASSIGNED.name());
		this.clock.move(Duration.ofDays(3));
		agreement(true);

		LeadAssigned toEmea = route(lead("a@x.example", "GB", null));
		LeadScored toEnterprise = scored(lead("b@x.example", "US", 5000), Stage.SALES_READY, Stage.MQL);
		pipe(Topics.LEADS_SCORED, toEnterprise.leadId(), toEnterprise);

		assertThat(toEmea.team()).isEqualTo("Emea");
		assertThat(this.assigned.isEmpty()).isTrue();
		assertThat(this.driver.<String, LeadRouting>getKeyValueStore(LeadRouter.STORE)
			.get(toEnterprise.leadId().toString())
			.state()).isEqualTo(LeadRouting.State.WAITING);
		// Without working hours in the agreement, the holiday holds nobody back: the next
		// tick assigns it.
		agreement(false);
		this.driver.advanceWallClockTime(Duration.ofSeconds(2));
		LeadAssigned afterHoliday = this.assigned.readValue();
		assertThat(afterHoliday.leadId()).isEqualTo(toEnterprise.leadId());
		assertThat(String.join("; ", afterHoliday.reasons())).contains("Ada is off: Thanksgiving")
			.contains("(2026-11-26)");
	}

	@Test
	void aLeadNoRepCanTakeWaitsInTheTeamsOverflowQueueAndIsAssignedTheMomentARepCan() {
		LeadAssigned toEve = route(lead("a@x.example", "GB", null));
		route(lead("b@x.example", "GB", null));
		LeadScored waiting = scored(lead("c@x.example", "GB", null), Stage.SALES_READY, Stage.MQL);
		LeadScored behind = scored(lead("d@x.example", "GB", null), Stage.SALES_READY, Stage.MQL);

		pipe(Topics.LEADS_SCORED, waiting.leadId(), waiting);
		pipe(Topics.LEADS_SCORED, behind.leadId(), behind);

		assertThat(this.assigned.isEmpty()).isTrue();
		LeadRouting stands = this.driver.<String, LeadRouting>getKeyValueStore(LeadRouter.STORE)
			.get(waiting.leadId().toString());
		assertThat(stands.state()).isEqualTo(LeadRouting.State.WAITING);
		assertThat(stands.queue()).isEqualTo("Emea");
		assertThat(this.meters.get("handoff.routing.overflow.waiting").tag("team", "Emea").gauge().value())
			.isEqualTo(2);

		// Eve's lead is won: she can take one more, and the first in line gets her at
		// once.
		this.clock.move(Duration.ofMinutes(3));
		pipe(Topics.LEADS_OUTCOMES, toEve.leadId(), new LeadOutcome(UUID.randomUUID(), this.clock.instant(),
				toEve.leadId(), LeadOutcome.Outcome.WON, null));
		LeadAssigned afterWait = this.assigned.readValue();
		assertThat(afterWait.leadId()).isEqualTo(waiting.leadId());
		assertThat(afterWait.repId()).isEqualTo(toEve.repId());
		assertThat(afterWait.reasons())
			.anySatisfy((reason) -> assertThat(reason).isEqualTo("overflow: waited PT3M in team Emea's queue"));
		assertThat(afterWait.reasons().get(2)).contains("it waits in the team's overflow queue");
		assertThat(this.assigned.isEmpty()).isTrue();

		// A new rep joins the team: the next tick gives them the lead still waiting.
		this.roster = with(rep("gus", "Emea", 1, 5));
		this.driver.advanceWallClockTime(Duration.ofSeconds(1));
		LeadAssigned toNewRep = this.assigned.readValue();
		assertThat(toNewRep.leadId()).isEqualTo(behind.leadId());
		assertThat(toNewRep.repId()).isEqualTo("gus");
		assertThat(this.meters.get("handoff.routing.overflow.waiting").tag("team", "Emea").gauge().value()).isZero();
		assertThat(this.meters.get("handoff.routing.overflow.wait").tag("team", "Emea").timer().count()).isEqualTo(2);
	}

	@Test
	void aLeadThatFadesBelowSalesReadyWhileItWaitsLeavesTheQueueAndComesBackWhenItQualifiesAgain() {
		LeadAssigned toEve = route(lead("a@x.example", "GB", null));
		route(lead("b@x.example", "GB", null));
		LeadReceived idle = lead("c@x.example", "GB", null);
		pipe(Topics.LEADS_SCORED, idle.leadId(), scored(idle, Stage.SALES_READY, Stage.MQL));
		assertThat(this.meters.get("handoff.routing.overflow.waiting").tag("team", "Emea").gauge().value())
			.isEqualTo(1);

		// Its engagement fades while no rep is free: it is marketing's again.
		pipe(Topics.LEADS_SCORED, idle.leadId(), scored(idle, Stage.MQL, Stage.SALES_READY));

		LeadRouting left = this.driver.<String, LeadRouting>getKeyValueStore(LeadRouter.STORE)
			.get(idle.leadId().toString());
		assertThat(left.state()).isEqualTo(LeadRouting.State.CLOSED);
		assertThat(left.closedBecause()).startsWith("left sales-ready before a rep took it: ");
		assertThat(this.meters.get("handoff.routing.overflow.waiting").tag("team", "Emea").gauge().value()).isZero();
		// A rep frees up: nobody is waiting, so nobody gets it.
		pipe(Topics.LEADS_OUTCOMES, toEve.leadId(), new LeadOutcome(UUID.randomUUID(), this.clock.instant(),
				toEve.leadId(), LeadOutcome.Outcome.WON, null));
		assertThat(this.assigned.isEmpty()).isTrue();
		// It qualifies again: routed as any sales-ready lead.
		pipe(Topics.LEADS_SCORED, idle.leadId(), scored(idle, Stage.SALES_READY, Stage.MQL));
		assertThat(this.assigned.readValue().leadId()).isEqualTo(idle.leadId());
	}

	@Test
	void aLeadThatFadesWhileItsAssignmentIsOnItsWayStaysWithTheRepWhoGotIt() {
		readAssignmentsBackByHand();
		LeadReceived lead = lead("racing@x.example", "GB", null);
		pipe(Topics.LEADS_SCORED, lead.leadId(), scored(lead, Stage.SALES_READY, Stage.MQL));
		LeadAssigned onItsWay = this.assigned.readValue();
		// Routing reads the fade before it reads its own assignment back.
		LeadRouting waiting = this.driver.<String, LeadRouting>getKeyValueStore(LeadRouter.STORE)
			.get(lead.leadId().toString());
		assertThat(waiting.state()).isEqualTo(LeadRouting.State.WAITING);
		pipe(Topics.LEADS_SCORED, lead.leadId(), scored(lead, Stage.MQL, Stage.SALES_READY));

		pipe(Topics.LEADS_ASSIGNED, lead.leadId(), onItsWay);

		LeadRouting kept = this.driver.<String, LeadRouting>getKeyValueStore(LeadRouter.STORE)
			.get(lead.leadId().toString());
		assertThat(kept.state()).isEqualTo(LeadRouting.State.ASSIGNED);
		assertThat(kept.current().repId()).isEqualTo(onItsWay.repId());
		assertThat(open(onItsWay.repId())).isOne();
		// Scoring puts it back to sales-ready "by routing": no second rep.
		pipe(Topics.LEADS_SCORED, lead.leadId(), scored(lead, Stage.SALES_READY, Stage.MQL));
		assertThat(this.assigned.isEmpty()).isTrue();
	}

	@Test
	void anErasedPersonWaitingForARepIsAssignedWithoutTheirNameAndTheirPastAssignmentsForgetItToo() {
		LeadAssigned toEve = route(lead("a@x.example", "GB", null));
		route(lead("b@x.example", "GB", null));
		LeadScored waiting = scored(lead("c@x.example", "GB", null), Stage.SALES_READY, Stage.MQL);
		pipe(Topics.LEADS_SCORED, waiting.leadId(), waiting);
		assertThat(toEve.lead().name()).isEqualTo("Dana Reyes");

		pipe(Topics.LEADS_ERASURES, waiting.leadId(),
				new LeadErased(UUID.randomUUID(), MONDAY, waiting.leadId(), "admin"));
		pipe(Topics.LEADS_ERASURES, toEve.leadId(), new LeadErased(UUID.randomUUID(), MONDAY, toEve.leadId(), "admin"));
		pipe(Topics.LEADS_OUTCOMES, toEve.leadId(), new LeadOutcome(UUID.randomUUID(), this.clock.instant(),
				toEve.leadId(), LeadOutcome.Outcome.WON, null));

		LeadAssigned afterWait = this.assigned.readValue();
		assertThat(afterWait.leadId()).isEqualTo(waiting.leadId());
		assertThat(afterWait.lead().name()).isNull();
		assertThat(afterWait.lead().company()).isEqualTo("Prospect");
		LeadRouting past = this.driver.<String, LeadRouting>getKeyValueStore(LeadRouter.STORE)
			.get(toEve.leadId().toString());
		assertThat(past.history()).singleElement().satisfies((kept) -> {
			assertThat(kept.lead().name()).isNull();
			assertThat(kept.repId()).isEqualTo(toEve.repId());
		});
	}

	@Test
	void anInstanceCountsOnlyTheWaitingLeadsOfTheTasksItRunsNow() {
		route(lead("a@x.example", "GB", null));
		route(lead("b@x.example", "GB", null));
		route(lead("c@x.example", "GB", null));
		assertThat(this.meters.get("handoff.routing.overflow.waiting").tag("team", "Emea").gauge().value())
			.isEqualTo(1);
		assertThat(this.meters.get("handoff.routing.overflow.waiting").tag("team", "Enterprise").gauge().value())
			.isZero();

		// The task moves to another instance (here: closes): its lead waits there, and is
		// no longer counted here.
		this.driver.close();
		this.driver = null;

		assertThat(this.meters.get("handoff.routing.overflow.waiting").tag("team", "Emea").gauge().value()).isZero();
	}

	@Test
	void aReturnForAReasonTheAgreementDoesNotListLeavesTheLeadWithItsRep() {
		LeadAssigned first = route(lead("a@x.example", "GB", null));

		pipe(Topics.LEADS_RETURNED, first.leadId(),
				new LeadReturned(UUID.randomUUID(), MONDAY, first.leadId(), first.repId(), "DOES_NOT_LIKE_THEM", null));

		LeadRouting kept = this.driver.<String, LeadRouting>getKeyValueStore(LeadRouter.STORE)
			.get(first.leadId().toString());
		assertThat(kept.state()).isEqualTo(LeadRouting.State.ASSIGNED);
		assertThat(kept.current().repId()).isEqualTo(first.repId());
		assertThat(open(first.repId())).isOne();
		// The judge sends it back to marketing: now it goes.
		pipe(Topics.ARBITRATION_RULINGS, first.leadId(), ruling(first.leadId(), Ruling.Decision.RETURN_TO_MARKETING));
		assertThat(open(first.repId())).isZero();
	}

	@Test
	void openLeadsGoDownOnReturnsOutcomesAndReassignments() {
		LeadAssigned first = route(lead("a@x.example", "GB", null));
		LeadAssigned second = route(lead("b@x.example", "GB", null));
		assertThat(open("eve") + open("fay")).isEqualTo(2);

		pipe(Topics.LEADS_RETURNED, first.leadId(),
				new LeadReturned(UUID.randomUUID(), MONDAY, first.leadId(), first.repId(), "NO_BUDGET", "no budget"));
		assertThat(open(first.repId())).isZero();
		pipe(Topics.LEADS_OUTCOMES, second.leadId(),
				new LeadOutcome(UUID.randomUUID(), MONDAY, second.leadId(), LeadOutcome.Outcome.LOST, null));
		assertThat(open(second.repId())).isZero();

		LeadAssigned third = route(lead("c@x.example", "GB", null));
		assertThat(open(third.repId())).isOne();
		pipe(Topics.ARBITRATION_RULINGS, third.leadId(), ruling(third.leadId(), Ruling.Decision.REASSIGN));
		LeadAssigned reassigned = this.assigned.readValue();
		assertThat(reassigned.repId()).isNotEqualTo(third.repId());
		assertThat(open(third.repId())).isZero();
		assertThat(open(reassigned.repId())).isOne();
	}

	@Test
	void aReassignedLeadGoesToARepWhoHasNotHadItUnlessNobodyElseCanTakeIt() {
		// Enterprise has ada, bob and cy: each reassignment goes to one who has not had
		// the lead.
		LeadAssigned first = route(lead("r@far.example", "BR", null));
		pipe(Topics.ARBITRATION_RULINGS, first.leadId(), ruling(first.leadId(), Ruling.Decision.REASSIGN));
		LeadAssigned second = this.assigned.readValue();
		pipe(Topics.ARBITRATION_RULINGS, first.leadId(), ruling(first.leadId(), Ruling.Decision.REASSIGN));
		LeadAssigned third = this.assigned.readValue();

		assertThat(List.of(first.repId(), second.repId(), third.repId())).doesNotHaveDuplicates()
			.containsExactlyInAnyOrder("ada", "bob", "cy");
		assertThat(String.join(" ", third.reasons())).contains("had the lead before");

		// Everyone has had it now: it goes back to one who had it (not the rep it
		// leaves), and says why.
		pipe(Topics.ARBITRATION_RULINGS, first.leadId(), ruling(first.leadId(), Ruling.Decision.REASSIGN));
		LeadAssigned fourth = this.assigned.readValue();
		assertThat(fourth.repId()).isIn(first.repId(), second.repId()).isNotEqualTo(third.repId());
		assertThat(fourth.method()).isEqualTo(LeadAssigned.Method.REASSIGNMENT);
		assertThat(String.join(" ", fourth.reasons()))
			.contains("nobody who has not had the lead can take it, so those who had it are in turn again");
	}

	@Test
	void aReturnReadBeforeItsAssignmentIsReadBackIsTakenOnceItIs() {
		readAssignmentsBackByHand();
		LeadAssigned first = route(lead("a@x.example", "GB", null));
		LeadReturned returned = new LeadReturned(UUID.randomUUID(), MONDAY, first.leadId(), first.repId(), "NO_BUDGET",
				"no budget");

		pipe(Topics.LEADS_RETURNED, first.leadId(), returned);

		LeadRouting before = stands(first);
		assertThat(before.state()).isEqualTo(LeadRouting.State.WAITING);
		assertThat(before.early()).extracting(LeadRouting.Early::event).containsExactly(returned);
		assertThat(open(first.repId())).isOne();

		pipe(Topics.LEADS_ASSIGNED, first.leadId(), first);

		LeadRouting after = stands(first);
		assertThat(after.state()).isEqualTo(LeadRouting.State.RETURNED);
		assertThat(after.closedBecause()).isEqualTo("returned by " + first.repId() + ": NO_BUDGET");
		assertThat(after.early()).isEmpty();
		assertThat(open(first.repId())).isZero();
	}

	@Test
	void aRulingReadBeforeTheFirstAssignmentIsReadBackIsTakenOnceItIs() {
		readAssignmentsBackByHand();
		LeadAssigned first = route(lead("a@x.example", "US", 5000));

		// Taken at once, it would fail: routing knows of no rep to reassign the lead
		// from.
		pipe(Topics.ARBITRATION_RULINGS, first.leadId(), ruling(first.leadId(), Ruling.Decision.REASSIGN));
		assertThat(this.assigned.isEmpty()).isTrue();
		pipe(Topics.LEADS_ASSIGNED, first.leadId(), first);

		LeadAssigned reassigned = this.assigned.readValue();
		assertThat(reassigned.repId()).isNotEqualTo(first.repId());
		assertThat(reassigned.method()).isEqualTo(LeadAssigned.Method.REASSIGNMENT);
		assertThat(open(first.repId())).isZero();
		assertThat(open(reassigned.repId())).isOne();
	}

	@Test
	void aRulingToReassignGivesTheLeadToAnotherRepWithTheRulingAsTheReason() {
		LeadAssigned first = route(lead("a@x.example", "US", 5000));
		Ruling ruling = ruling(first.leadId(), Ruling.Decision.REASSIGN);

		pipe(Topics.ARBITRATION_RULINGS, first.leadId(), ruling);

		LeadAssigned reassigned = this.assigned.readValue();
		assertThat(reassigned.leadId()).isEqualTo(first.leadId());
		assertThat(reassigned.repId()).isNotEqualTo(first.repId());
		assertThat(reassigned.team()).isEqualTo("Enterprise");
		assertThat(reassigned.method()).isEqualTo(LeadAssigned.Method.REASSIGNMENT);
		assertThat(reassigned.grade()).isEqualTo(first.grade());
		assertThat(reassigned.reasons().get(0))
			.isEqualTo("reassigned by ruling of ceo on case " + ruling.caseId() + ": Two days without a call");
		assertThat(reassigned.reasons().get(1)).isEqualTo("previously with " + first.repName() + " (Enterprise)");
		assertThat(reassigned.reasons().get(2)).contains(first.repName() + " is the rep the lead leaves");
		assertThat(this.assigned.isEmpty()).isTrue();
		AssignmentController.Assignment view = AssignmentController.Assignment.of(
				this.driver.<String, LeadRouting>getKeyValueStore(LeadRouter.STORE).get(first.leadId().toString()),
				null);
		assertThat(view.status()).isEqualTo("ASSIGNED");
		assertThat(view.repId()).isEqualTo(reassigned.repId());
		assertThat(view.history()).extracting(LeadAssigned::repId).containsExactly(first.repId(), reassigned.repId());
	}

	@Test
	void aRulingThatSalesMustFollowUpGivesTheLeadToTheSameRepAgain() {
		LeadAssigned first = route(lead("a@x.example", "US", 5000));
		pipe(Topics.LEADS_RETURNED, first.leadId(),
				new LeadReturned(UUID.randomUUID(), MONDAY, first.leadId(), first.repId(), "NO_BUDGET", null));

		pipe(Topics.ARBITRATION_RULINGS, first.leadId(), ruling(first.leadId(), Ruling.Decision.FOLLOW_UP_REQUIRED));

		LeadAssigned again = this.assigned.readValue();
		assertThat(again.repId()).isEqualTo(first.repId());
		assertThat(again.method()).isEqualTo(LeadAssigned.Method.FOLLOW_UP);
		assertThat(again.reasons().get(0)).startsWith("sales must follow up, by ruling of ceo");
		assertThat(open(first.repId())).isOne();
	}

	@Test
	void anSlaEscalationAskingForAnotherRepReassignsTheLead() {
		LeadAssigned first = route(lead("a@x.example", "US", 5000));
		Instant due = MONDAY.plus(Duration.ofHours(4));

		pipe(Topics.SLA_EVENTS, first.leadId(), new SlaEvent(UUID.randomUUID(), due, first.leadId(), first.repId(),
				SlaEvent.Type.BREACH, SlaEvent.Clock.FIRST_TOUCH, due));
		assertThat(this.assigned.isEmpty()).isTrue();
		pipe(Topics.SLA_EVENTS, first.leadId(), new SlaEvent(UUID.randomUUID(), due, first.leadId(), first.repId(),
				SlaEvent.Type.ESCALATION, SlaEvent.Clock.FIRST_TOUCH, due));

		LeadAssigned reassigned = this.assigned.readValue();
		assertThat(reassigned.repId()).isNotEqualTo(first.repId());
		assertThat(reassigned.reasons().get(0))
			.isEqualTo("reassigned by SLA escalation: the first touch due " + due + " was missed by " + first.repId());
	}

	@Test
	void aLeadIsAssignedOncePerTransitionToSalesReady() {
		LeadReceived received = lead("a@x.example", "US", 5000);
		LeadScored enters = scored(received, Stage.SALES_READY, Stage.MQL);

		pipe(Topics.LEADS_SCORED, enters.leadId(), enters);
		pipe(Topics.LEADS_SCORED, enters.leadId(), enters);
		pipe(Topics.LEADS_SCORED, enters.leadId(), scored(received, Stage.SALES_READY, Stage.SALES_READY));
		pipe(Topics.LEADS_SCORED, enters.leadId(), scored(received, Stage.SALES_READY, Stage.NURTURE));
		assertThat(this.assigned.readValuesToList()).hasSize(1);

		// Returned to marketing by the judge, then sales-ready again: a new transition, a
		// new rep.
		pipe(Topics.ARBITRATION_RULINGS, enters.leadId(), ruling(enters.leadId(), Ruling.Decision.RETURN_TO_MARKETING));
		pipe(Topics.LEADS_SCORED, enters.leadId(), scored(received, Stage.SALES_READY, Stage.NURTURE));
		assertThat(this.assigned.readValuesToList()).hasSize(1);
	}

	@Test
	void onlyTheTransitionIntoSalesReadyIsAssigned() {
		LeadReceived received = lead("a@x.example", "US", 5000);
		pipe(Topics.LEADS_SCORED, received.leadId(), scored(received, Stage.MQL, Stage.NURTURE));
		pipe(Topics.LEADS_SCORED, received.leadId(), scored(received, Stage.SALES_READY, Stage.SALES_READY));

		assertThat(this.assigned.isEmpty()).isTrue();
	}

	@Test
	void aLeadNoTerritoryTakesWaitsUnroutedWithTheReason() {
		this.roster = new Roster(this.roster.reps(), this.roster.accounts(), this.roster.territories().subList(0, 2));
		LeadScored lead = scored(lead("a@x.example", "FR", null), Stage.SALES_READY, Stage.MQL);

		pipe(Topics.LEADS_SCORED, lead.leadId(), lead);

		assertThat(this.assigned.isEmpty()).isTrue();
		LeadRouting stands = this.driver.<String, LeadRouting>getKeyValueStore(LeadRouter.STORE)
			.get(lead.leadId().toString());
		assertThat(stands.queue()).isEqualTo(Route.UNROUTED);
		assertThat(RoutingStep
			.sentences(this.driver.<String, QueueRequest>getKeyValueStore(TeamQueue.OVERFLOW_STORE).all().next().value
				.steps()))
			.contains("territory: none takes this lead (Large US: country FR not in [US]; EMEA: country FR not "
					+ "in [GB, DE]); it waits in queue 'unrouted' until a territory does");
	}

	private LeadAssigned route(LeadReceived lead) {
		LeadScored scored = scored(lead, Stage.SALES_READY, Stage.MQL);
		pipe(Topics.LEADS_SCORED, scored.leadId(), scored);
		return this.assigned.isEmpty() ? null : this.assigned.readValue();
	}

	/**
	 * Restarts the topology so that its assignments are read back only when the test
	 * pipes them back.
	 */
	private void readAssignmentsBackByHand() {
		this.driver.close();
		start("test.assigned");
	}

	private LeadRouting stands(LeadAssigned assigned) {
		return this.driver.<String, LeadRouting>getKeyValueStore(LeadRouter.STORE).get(assigned.leadId().toString());
	}

	private int open(String repId) {
		Integer count = this.driver.<String, Integer>getKeyValueStore(TeamQueue.OPEN_STORE).get(repId);
		return (count != null) ? count : 0;
	}

	private void pipe(Topic<?> topic, Object key, Object value) {
		this.inputs.get(topic.name()).pipeInput(key.toString(), value, this.clock.instant());
	}

	private void agreement(boolean workingHoursOnly) {
		this.inputs.get(Topics.AGREEMENTS.name())
			.pipeInput(LeadAgreement.ACTIVE_KEY, TestAgreements.inForce(Duration.ofHours(4), workingHoursOnly));
	}

	private void away(String repId, Instant from, Instant until) {
		SalesRep rep = this.roster.rep(repId).orElseThrow();
		this.roster = with(new SalesRep(rep.repId(), rep.name(), rep.email(), rep.team(), rep.territories(),
				rep.weight(), rep.maxOpenLeads(), rep.timeZone(), rep.workingHours(),
				List.of(new SalesRep.Absence(from, until, null)), rep.manager(), rep.active()));
	}

	private Roster with(SalesRep rep) {
		Map<String, SalesRep> reps = new HashMap<>(this.roster.reps());
		reps.put(rep.repId(), rep);
		return new Roster(reps, this.roster.accounts(), this.roster.territories());
	}

	private static SalesRep rep(String id, String team, int weight, int maxOpen) {
		return rep(id, team, weight, maxOpen, null);
	}

	private static SalesRep rep(String id, String team, int weight, int maxOpen, SalesRep.WorkingHours hours) {
		String name = Character.toUpperCase(id.charAt(0)) + id.substring(1);
		return new SalesRep(id, name, id + "@seller.example", team, List.of(), weight, maxOpen, "America/Chicago",
				hours, List.of(), "Max", true);
	}

	private static LeadReceived lead(String email, String country, Integer employees) {
		return new LeadReceived(UUID.randomUUID(), MONDAY, LeadIds.ofEmail(email), email, "Dana", "Reyes", "VP Sales",
				null, new Company("Prospect", null, employees, "software", country, null), "webinar", null, null,
				Map.of());
	}

	private static LeadScored scored(LeadReceived lead, Stage stage, Stage previous) {
		return new LeadScored(UUID.randomUUID(), MONDAY, lead.leadId(), lead, 50, 0, "B", stage, previous, "v1", 1,
				List.of(), "fit 50 reaches sales-ready");
	}

	private static Ruling ruling(UUID leadId, Ruling.Decision decision) {
		return new Ruling(UUID.randomUUID(), MONDAY, leadId, UUID.randomUUID(), decision, "Two days without a call",
				"ceo");
	}

	@Test
	void theServiceBindsWhatTheseTestsRead() {
		TopologyFixture.assertBound(RoutingTopology.WIRING, "routing-service.yml");
	}

}
