package io.handoff.sla.clock;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReturned;
import io.handoff.events.Ruling;
import io.handoff.events.SalesActivity;
import io.handoff.events.SlaEvent;
import io.handoff.events.SlaEvent.Type;
import io.handoff.events.Topics;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.events.calendar.CalendarSettings;
import io.handoff.events.streams.InputEnds;
import io.handoff.test.TestAgreements;
import io.handoff.test.TopologyFixture;

import static org.assertj.core.api.Assertions.assertThat;

class SlaTopologyTests {

	/** A Monday, 09:00 UTC. */
	static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

	/** Round the clock, warnings at half and four fifths of the time. */
	static final SlaSettings ROUND_THE_CLOCK = new SlaSettings(List.of(0.5, 0.8), false, null, null,
			Duration.ofSeconds(1), 100, null);

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@AutoClose
	TopologyFixture topology;

	TopologyTestDriver driver;

	TestInputTopic<String, Object> assigned;

	TestInputTopic<String, Object> activities;

	TestInputTopic<String, Object> returns;

	TestInputTopic<String, Object> outcomes;

	TestInputTopic<String, Object> rulings;

	TestOutputTopic<String, SlaEvent> slaEvents;

	/**
	 * Where the inputs end, as the broker would say: unless a test holds records back,
	 * nothing is left to read.
	 */
	InputEnds inputEnds = InputEnds.NOTHING_WRITTEN;

	/** The business calendars: none unless a test sets some. */
	BusinessCalendars calendars = BusinessCalendars.NONE;

	void start(SlaSettings settings, Instant at) {
		this.topology = TopologyFixture.start("sla-test", at, SlaTopology.WIRING,
				leads -> SlaTopology.clocks(leads, settings, this.calendars.build(), this.meters, this.inputEnds));
		this.driver = this.topology.driver();
		this.assigned = this.topology.input(Topics.LEADS_ASSIGNED);
		this.activities = this.topology.input(Topics.SALES_ACTIVITIES);
		this.returns = this.topology.input(Topics.LEADS_RETURNED);
		this.outcomes = this.topology.input(Topics.LEADS_OUTCOMES);
		this.rulings = this.topology.input(Topics.ARBITRATION_RULINGS);
		this.slaEvents = this.topology.output(Topics.SLA_EVENTS);
		this.topology.agreementInForce(agreement(Duration.ofHours(4)));
	}

	@Test
	void anUntouchedLeadIsWarnedBreachedAndIgnoredEachStepAtItsTime() {
		LeadAssigned assignment = assignedAroundTheClock("anna-snelling");

		this.driver.advanceWallClockTime(Duration.ofHours(2).minusSeconds(2));
		assertThat(this.slaEvents.isEmpty()).isTrue();
		this.driver.advanceWallClockTime(Duration.ofSeconds(3));
		assertThat(this.slaEvents.readValue().type()).isEqualTo(Type.WARNING);
		this.driver.advanceWallClockTime(Duration.ofMinutes(72));
		assertThat(this.slaEvents.readValue().type()).isEqualTo(Type.WARNING);
		this.driver.advanceWallClockTime(Duration.ofMinutes(48));
		SlaEvent breach = this.slaEvents.readValue();
		assertThat(breach.type()).isEqualTo(Type.BREACH);
		assertThat(breach.clock()).isEqualTo(SlaEvent.Clock.FIRST_TOUCH);
		assertThat(breach.leadId()).isEqualTo(assignment.leadId());
		assertThat(breach.repId()).isEqualTo("anna-snelling");
		assertThat(breach.deadline()).isEqualTo(START.plus(Duration.ofHours(4)));
		assertThat(this.slaEvents.isEmpty()).isTrue();

		this.driver.advanceWallClockTime(Duration.ofHours(20));
		assertThat(this.slaEvents.readValue().type()).isEqualTo(Type.IGNORED);
		assertThat(clock(assignment.leadId()).state()).isEqualTo(SlaClock.State.IGNORED);
		assertThat(this.meters.counter("handoff.sla.events", "type", "IGNORED", "clock", "FIRST_TOUCH").count())
			.isEqualTo(1);
		assertThat(clock(assignment.leadId()).history()).extracting(SlaEvent::type)
			.containsExactly(Type.WARNING, Type.WARNING, Type.BREACH, Type.IGNORED);
	}

	@Test
	void aRepsExplicitAcceptIsNoTouchTheClockRunsOnToItsBreach() {
		LeadAssigned assignment = assignedAroundTheClock("anna-snelling");
		this.activities.pipeInput(assignment.leadId().toString(), new SalesActivity(UUID.randomUUID(),
				START.plusSeconds(60), assignment.leadId(), "anna-snelling", SalesActivity.Type.ACCEPT, null));

		this.driver.advanceWallClockTime(Duration.ofHours(4).plusSeconds(1));

		assertThat(this.slaEvents.readValuesToList()).extracting(SlaEvent::type)
			.containsExactly(Type.WARNING, Type.WARNING, Type.BREACH);
		assertThat(clock(assignment.leadId()).attempts()).isZero();
	}

	@Test
	void aTouchInTimeStillWaitingInItsTopicPastTheDeadlineRaisesNoBreach() {
		// A minute before the 4-hour deadline the rep calls, and the sales tool writes
		// the touch; sla-monitor has not read it yet (a restart, or lag): the broker says
		// sales.activities ends one record further than it has read.
		LeadAssigned assignment = touchWrittenAtTheDeadlineNotYetRead();
		touch(assignment.leadId(), "anna-snelling", START.plus(Duration.ofMinutes(239)));
		this.driver.advanceWallClockTime(Duration.ofHours(48));

		assertThat(this.slaEvents.isEmpty()).isTrue();
		assertThat(clock(assignment.leadId()).state()).isEqualTo(SlaClock.State.TOUCHED);
		assertThat(clock(assignment.leadId()).touchedInTime()).isTrue();
		assertThat(this.meters.counter("handoff.sla.steps.unconfirmed").count()).isZero();
	}

	@Test
	void aLateTouchReadWhileTheBreachWaitedForItIsLateTheBreachStillFalls() {
		// The touch comes a second after the deadline, and the breach waits to read it.
		LeadAssigned assignment = touchWrittenAtTheDeadlineNotYetRead();
		touch(assignment.leadId(), "anna-snelling", START.plus(Duration.ofHours(4)).plusSeconds(1));

		SlaEvent breach = this.slaEvents.readValue();
		assertThat(breach.type()).isEqualTo(Type.BREACH);
		assertThat(breach.deadline()).isEqualTo(START.plus(Duration.ofHours(4)));
		assertThat(clock(assignment.leadId()).state()).isEqualTo(SlaClock.State.TOUCHED);
		assertThat(clock(assignment.leadId()).touchedInTime()).isFalse();
		this.driver.advanceWallClockTime(Duration.ofHours(48));
		assertThat(this.slaEvents.isEmpty()).isTrue();
	}

	@Test
	void aStepThatCannotConfirmWhatWasWrittenBeforeItWaitsNoLongerThanTheReadWait() {
		// The broker says returns were written that never arrive (or cannot be read):
		// each step waits 10 minutes.
		Written written = new Written();
		written.returns = 3;
		this.inputEnds = written;
		assignedAroundTheClock("anna-snelling");

		minutes(129);
		assertThat(this.slaEvents.isEmpty()).isTrue();
		minutes(2);

		assertThat(this.slaEvents.readValue().type()).isEqualTo(Type.WARNING);
		assertThat(this.meters.counter("handoff.sla.steps.unconfirmed").count()).isEqualTo(1);
	}

	/**
	 * A lead assigned and warned twice; a touch written around its 4-hour deadline that
	 * sla-monitor has not read, and six minutes past the deadline with nothing taken.
	 */
	private LeadAssigned touchWrittenAtTheDeadlineNotYetRead() {
		Written written = new Written();
		this.inputEnds = written;
		LeadAssigned assignment = assignedAroundTheClock("anna-snelling");
		minutes(239);
		assertThat(this.slaEvents.readValuesToList()).extracting(SlaEvent::type)
			.containsExactly(Type.WARNING, Type.WARNING);
		written.activities = 1;
		minutes(6);
		assertThat(this.slaEvents.isEmpty()).isTrue();
		return assignment;
	}

	@Test
	void whatTheApplicationCommittedCountsAsReadAfterAnUpgradeThatNotedNothingYet() {
		// Three returns were read and committed before this version noted anything in its
		// own store.
		Written written = new Written();
		written.returns = 3;
		written.committedReturns = 3;
		this.inputEnds = written;
		assignedAroundTheClock("anna-snelling");

		minutes(121);

		assertThat(this.slaEvents.readValue().type()).isEqualTo(Type.WARNING);
		assertThat(this.meters.counter("handoff.sla.steps.unconfirmed").count()).isZero();
	}

	/** Where the inputs end, as a test says intake has written to them. */
	static final class Written implements InputEnds {

		volatile long activities;

		volatile long returns;

		volatile long committedReturns;

		volatile long assigned;

		@Override
		public OptionalLong endSince(String topic, int partition, Instant at) {
			return OptionalLong.of(topic.equals(Topics.SALES_ACTIVITIES.name()) ? this.activities
					: topic.equals(Topics.LEADS_RETURNED.name()) ? this.returns
							: topic.equals(Topics.LEADS_ASSIGNED.name()) ? this.assigned : 0);
		}

		@Override
		public OptionalLong committed(String topic, int partition) {
			return topic.equals(Topics.LEADS_RETURNED.name()) ? OptionalLong.of(this.committedReturns)
					: OptionalLong.empty();
		}

	}

	/** Lets {@code count} minutes pass, a tick each. */
	private void minutes(int count) {
		for (int i = 0; i < count; i++) {
			this.driver.advanceWallClockTime(Duration.ofMinutes(1));
		}
	}

	@Test
	void aTouchInTimeByTheAssignedRepStopsTheFirstTouchClock() {
		LeadAssigned assignment = assignedAroundTheClock("anna-snelling");

		touchedByTheRepAfter(assignment, Duration.ofHours(1));

		assertThat(this.slaEvents.isEmpty()).isTrue();
		SlaClock clock = clock(assignment.leadId());
		assertThat(clock.state()).isEqualTo(SlaClock.State.TOUCHED);
		assertThat(clock.touchedAt()).isEqualTo(START.plus(Duration.ofHours(1)));
		assertThat(clock.timeToFirstTouch()).isEqualTo(Duration.ofHours(1));
		assertThat(clock.touchedInTime()).isTrue();
		assertThat(clock.attempts()).isEqualTo(1);
		assertThat(this.meters.counter("handoff.sla.first-touches", "team", "Central", "in_time", "true").count())
			.isEqualTo(1);
		assertThat(this.meters.timer("handoff.sla.time-to-first-touch", "team", "Central").totalTime(TimeUnit.MINUTES))
			.isEqualTo(60);
	}

	@Test
	void aTouchByAnotherRepDoesNotCount() {
		LeadAssigned assignment = assignedAroundTheClock("anna-snelling");

		touch(assignment.leadId(), "someone-else", START.plusSeconds(60));
		this.driver.advanceWallClockTime(Duration.ofHours(5));

		assertThat(this.slaEvents.readValuesToList()).extracting(SlaEvent::type)
			.containsExactly(Type.WARNING, Type.WARNING, Type.BREACH);
	}

	@Test
	void aTouchAndAnOutcomeReadBeforeTheAssignmentTheyFollowCountOnceItIsRead() {
		assignmentsEndingAt(2);
		start(ROUND_THE_CLOCK, START);
		UUID touched = UUID.randomUUID();
		UUID won = UUID.randomUUID();

		// Each read before its assignment, above all while sla-monitor catches up after a
		// restart.
		touch(touched, "anna-snelling", START.plusSeconds(600));
		this.outcomes.pipeInput(won.toString(),
				new LeadOutcome(UUID.randomUUID(), START.plusSeconds(900), won, LeadOutcome.Outcome.WON, null));
		this.driver.advanceWallClockTime(Duration.ofSeconds(5));
		assign(touched, "anna-snelling", "B");
		assign(won, "anna-snelling", "B");

		assertThat(clock(touched).state()).isEqualTo(SlaClock.State.TOUCHED);
		assertThat(clock(touched).touchedAt()).isEqualTo(START.plusSeconds(600));
		assertThat(clock(won).state()).isEqualTo(SlaClock.State.STOPPED);
		this.driver.advanceWallClockTime(Duration.ofHours(5));
		assertThat(this.slaEvents.isEmpty()).isTrue();
		assertThat(this.meters.counter("handoff.events.early", "outcome", "held").count()).isEqualTo(2);
	}

	@Test
	void aReturnHeldThatHappenedBeforeTheAssignmentReadNextDoesNotStopItsClock() {
		assignmentsEndingAt(2);
		start(ROUND_THE_CLOCK, START);
		UUID leadId = UUID.randomUUID();

		this.returns.pipeInput(leadId.toString(), new LeadReturned(UUID.randomUUID(), START.plusSeconds(600), leadId,
				"anna-snelling", "NO_BUDGET", null));
		// Given to anna after she returned it: her return was about an earlier
		// assignment.
		assign(leadId, "anna-snelling", "B", START.plusSeconds(1200));

		assertThat(clock(leadId).state()).isEqualTo(SlaClock.State.RUNNING);
	}

	@Test
	void anEventReadWhileTheLeadHasEventsHeldWaitsBehindThemSoTheyAreTakenInOrder() {
		assignmentsEndingAt(3);
		LeadAssigned first = assignedAroundTheClock("anna-snelling");
		UUID leadId = first.leadId();

		// Reassigned to cecily: her touch, then the lead's outcome, both read before her
		// assignment.
		touch(leadId, "cecily-lampkin", START.plusSeconds(1800));
		this.outcomes.pipeInput(leadId.toString(),
				new LeadOutcome(UUID.randomUUID(), START.plusSeconds(2400), leadId, LeadOutcome.Outcome.WON, null));
		assertThat(clock(leadId).state()).isEqualTo(SlaClock.State.RUNNING);
		assign(leadId, "cecily-lampkin", "B", START.plusSeconds(1200));

		SlaClock clock = clock(leadId);
		assertThat(clock.repId()).isEqualTo("cecily-lampkin");
		assertThat(clock.touchedAt()).isEqualTo(START.plusSeconds(1800));
		assertThat(clock.state()).isEqualTo(SlaClock.State.STOPPED);
	}

	@Test
	void aTouchNoAssignmentFollowsIsTakenAsItIsOnceLeadsAssignedIsReadAsFarAsItEndedAfterIt() {
		Written written = assignmentsEndingAt(2);
		LeadAssigned assignment = assignedAroundTheClock("anna-snelling");

		touch(assignment.leadId(), "someone-else", START.plusSeconds(60));
		this.driver.advanceWallClockTime(Duration.ofSeconds(5));
		assertThat(held()).isOne();

		written.assigned = 1;
		this.driver.advanceWallClockTime(Duration.ofSeconds(1));
		assertThat(held()).isZero();
		assertThat(clock(assignment.leadId()).state()).isEqualTo(SlaClock.State.RUNNING);
		assertThat(this.meters.counter("handoff.events.early", "outcome", "past-longest-wait").count()).isZero();
	}

	/**
	 * The inputs as the broker would say, {@code leads.assigned} ending at {@code end}:
	 * an event held waits until the task has read that far.
	 */
	private Written assignmentsEndingAt(long end) {
		Written written = new Written();
		written.assigned = end;
		this.inputEnds = written;
		return written;
	}

	/** How many leads have events held for their assignment. */
	private long held() {
		try (var all = this.driver.getKeyValueStore(SlaTopology.EARLY_STORE).all()) {
			long count = 0;
			for (; all.hasNext(); all.next()) {
				count++;
			}
			return count;
		}
	}

	@Test
	void aTouchAfterTheBreachStopsTheLeadFromBeingIgnored() {
		LeadAssigned assignment = assignedAroundTheClock("anna-snelling");

		touchedByTheRepAfter(assignment, Duration.ofHours(5));

		assertThat(this.slaEvents.readValuesToList()).extracting(SlaEvent::type)
			.containsExactly(Type.WARNING, Type.WARNING, Type.BREACH);
		assertThat(clock(assignment.leadId()).touchedInTime()).isFalse();
	}

	@Test
	void followUpAttemptsShortOfTheAgreedNumberAreABreachAtTheEndOfThePeriod() {
		LeadAssigned diligent = assignedAroundTheClock("anna-snelling");
		LeadAssigned lazy = assign(UUID.randomUUID(), "cecily-lampkin", "B");
		for (int attempt = 0; attempt < 5; attempt++) {
			touch(diligent.leadId(), "anna-snelling", START.plus(Duration.ofHours(1 + attempt)));
		}
		touch(lazy.leadId(), "cecily-lampkin", START.plus(Duration.ofHours(1)));
		touch(lazy.leadId(), "cecily-lampkin", START.plus(Duration.ofHours(2)));

		this.driver.advanceWallClockTime(Duration.ofDays(10).plusSeconds(1));

		assertThat(this.slaEvents.readValuesToList()).singleElement().satisfies((event) -> {
			assertThat(event.leadId()).isEqualTo(lazy.leadId());
			assertThat(event.type()).isEqualTo(Type.BREACH);
			assertThat(event.clock()).isEqualTo(SlaEvent.Clock.FOLLOW_UP);
			assertThat(event.deadline()).isEqualTo(START.plus(Duration.ofDays(10)));
		});
		assertThat(clock(diligent.leadId()).pending()).isEmpty();
		assertThat(clock(lazy.leadId()).attempts()).isEqualTo(2);
	}

	@Test
	void anActivityWrittenTwiceCountsOnceSoARetryThatReachedTwoIntakesIsNoSecondAttempt() {
		LeadAssigned lead = assignedAroundTheClock("cecily-lampkin");
		SalesActivity call = new SalesActivity(UUID.randomUUID(), START.plus(Duration.ofHours(1)), lead.leadId(),
				"cecily-lampkin", SalesActivity.Type.CALL, null);

		this.activities.pipeInput(lead.leadId().toString(), call);
		this.activities.pipeInput(lead.leadId().toString(), call);
		touch(lead.leadId(), "cecily-lampkin", START.plus(Duration.ofHours(2)));

		assertThat(clock(lead.leadId()).attempts()).isEqualTo(2);
		assertThat(clock(lead.leadId()).touchedAt()).isEqualTo(START.plus(Duration.ofHours(1)));
		assertThat(this.meters.counter("handoff.sla.duplicate-activities").count()).isEqualTo(1);
	}

	@Test
	void eachGradeRunsOnItsOwnTermsFromTheAgreementInForce() {
		start(new SlaSettings(List.of(), false, null, null, Duration.ofSeconds(1), 100, null), START);
		LeadAssigned gradeA = assign(UUID.randomUUID(), "anna-snelling", "A");
		LeadAssigned gradeB = assign(UUID.randomUUID(), "anna-snelling", "B");

		this.driver.advanceWallClockTime(Duration.ofHours(2).plusSeconds(1));
		assertThat(this.slaEvents.readValuesToList()).extracting(SlaEvent::leadId).containsExactly(gradeA.leadId());

		// Version 2 gives grade B a single hour: the next assignment runs on it; the
		// running clock keeps its terms.
		this.topology.agreementInForce(agreement(Duration.ofHours(1)));
		LeadAssigned later = assign(UUID.randomUUID(), "anna-snelling", "B", START.plus(Duration.ofHours(2)));
		this.driver.advanceWallClockTime(Duration.ofHours(1));
		assertThat(this.slaEvents.readValuesToList()).extracting(SlaEvent::leadId).containsExactly(later.leadId());
		this.driver.advanceWallClockTime(Duration.ofHours(1));
		assertThat(this.slaEvents.readValuesToList()).extracting(SlaEvent::leadId).containsExactly(gradeB.leadId());
	}

	@Test
	void theClockRunsInTheBusinessHoursOfTheRepsTeam() {
		CalendarSettings chicago = new CalendarSettings(ZoneId.of("America/Chicago"),
				EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0),
				Set.of(LocalDate.of(2026, 11, 26)));
		// Friday 16:00 in Chicago.
		Instant friday = Instant.parse("2026-11-20T22:00:00Z");
		this.calendars = new BusinessCalendars(Map.of("Central", chicago), null, null);
		start(new SlaSettings(List.of(), true, null, null, Duration.ofSeconds(1), 100, null), friday);
		LeadAssigned assignment = assign(UUID.randomUUID(), "anna-snelling", "B", friday);

		// One business hour on Friday, three on Monday: due Monday 12:00 in Chicago,
		// 18:00 UTC.
		Instant due = Instant.parse("2026-11-23T18:00:00Z");
		this.driver.advanceWallClockTime(Duration.between(friday, due).minusSeconds(2));
		assertThat(this.slaEvents.isEmpty()).isTrue();
		this.driver.advanceWallClockTime(Duration.ofSeconds(3));
		assertThat(this.slaEvents.readValue().deadline()).isEqualTo(due);
		assertThat(clock(assignment.leadId()).firstTouchDue()).isEqualTo(due);
	}

	@Test
	void aRepWithACalendarOfTheirOwnKeepsTheirOwnHours() {
		CalendarSettings chicago = new CalendarSettings(ZoneId.of("America/Chicago"), null, null, null, null);
		CalendarSettings berlin = new CalendarSettings(ZoneId.of("Europe/Berlin"), null, null, null, null);
		// Monday 09:00 UTC: 10:00 in Berlin, 03:00 in Chicago.
		this.calendars = new BusinessCalendars(Map.of("Central", chicago), Map.of("remote-rep", berlin), null);
		start(new SlaSettings(List.of(), true, null, null, Duration.ofSeconds(1), 100, null), START);
		LeadAssigned teamHours = assign(UUID.randomUUID(), "anna-snelling", "B");
		LeadAssigned ownHours = assign(UUID.randomUUID(), "remote-rep", "B");

		assertThat(clock(ownHours.leadId()).firstTouchDue()).isEqualTo(Instant.parse("2026-11-23T13:00:00Z"));
		assertThat(clock(teamHours.leadId()).firstTouchDue()).isEqualTo(Instant.parse("2026-11-23T19:00:00Z"));
	}

	@Test
	void aReturnByTheAssigneeForAnAgreedReasonAnOutcomeOrARulingForMarketingStopsTheClock() {
		LeadAssigned returned = assignedAroundTheClock("anna-snelling");
		LeadAssigned returnedByOther = assign(UUID.randomUUID(), "anna-snelling", "B");
		LeadAssigned returnedForAnotherReason = assign(UUID.randomUUID(), "anna-snelling", "B");
		LeadAssigned won = assign(UUID.randomUUID(), "anna-snelling", "B");
		LeadAssigned toMarketing = assign(UUID.randomUUID(), "anna-snelling", "B");

		this.returns.pipeInput(returned.leadId().toString(),
				new LeadReturned(UUID.randomUUID(), START, returned.leadId(), "anna-snelling", "NO_BUDGET", null));
		this.returns.pipeInput(returnedByOther.leadId().toString(), new LeadReturned(UUID.randomUUID(), START,
				returnedByOther.leadId(), "someone-else", "NO_BUDGET", null));
		// A reason the agreement does not list: the lead stays with its rep and its clock
		// runs on.
		this.returns.pipeInput(returnedForAnotherReason.leadId().toString(), new LeadReturned(UUID.randomUUID(), START,
				returnedForAnotherReason.leadId(), "anna-snelling", "DOES_NOT_LIKE_THEM", null));
		this.outcomes.pipeInput(won.leadId().toString(),
				new LeadOutcome(UUID.randomUUID(), START, won.leadId(), LeadOutcome.Outcome.WON, null));
		this.rulings.pipeInput(toMarketing.leadId().toString(),
				ruling(toMarketing, Ruling.Decision.RETURN_TO_MARKETING));
		this.driver.advanceWallClockTime(Duration.ofDays(30));

		assertThat(this.slaEvents.readValuesToList()).extracting(SlaEvent::leadId)
			.containsOnly(returnedByOther.leadId(), returnedForAnotherReason.leadId());
		assertThat(clock(returnedForAnotherReason.leadId()).stoppedBecause()).isNull();
		assertThat(clock(returned.leadId()).state()).isEqualTo(SlaClock.State.STOPPED);
		assertThat(clock(returned.leadId()).stoppedBecause()).isEqualTo("returned by anna-snelling: NO_BUDGET");
		assertThat(clock(won.leadId()).stoppedBecause()).isEqualTo("outcome: WON");
		assertThat(clock(toMarketing.leadId()).state()).isEqualTo(SlaClock.State.STOPPED);
	}

	@Test
	void aRulingThatOrdersAFollowUpStopsTheClockAndTheFollowUpAssignmentStartsAFreshOneForTheSameRep() {
		LeadAssigned assignment = assignedAroundTheClock("anna-snelling");
		this.driver.advanceWallClockTime(Duration.ofHours(25));
		assertThat(this.slaEvents.readValuesToList()).extracting(SlaEvent::type).endsWith(Type.IGNORED);

		Instant ruledAt = START.plus(Duration.ofHours(25));
		this.rulings.pipeInput(assignment.leadId().toString(), new Ruling(UUID.randomUUID(), ruledAt,
				assignment.leadId(), UUID.randomUUID(), Ruling.Decision.FOLLOW_UP_REQUIRED, "Call them today", "ceo"));
		this.driver.advanceWallClockTime(Duration.ofHours(1));
		assertThat(this.slaEvents.isEmpty()).isTrue();
		// Routing gives the lead back to the same rep (method FOLLOW_UP): that starts the
		// fresh clock.
		assign(assignment.leadId(), "anna-snelling", "B", ruledAt);
		this.driver.advanceWallClockTime(Duration.ofHours(3));

		List<SlaEvent> fresh = this.slaEvents.readValuesToList();
		assertThat(fresh).extracting(SlaEvent::type).containsExactly(Type.WARNING, Type.WARNING, Type.BREACH);
		assertThat(fresh.get(2).repId()).isEqualTo("anna-snelling");
		assertThat(fresh.get(2).deadline()).isEqualTo(ruledAt.plus(Duration.ofHours(4)));
		assertThat(clock(assignment.leadId()).history()).hasSize(7);
	}

	@Test
	void anAgreementThatReassignsAfterAMissedFirstTouchEscalatesBeforeTheLeadCountsAsIgnored() {
		start(ROUND_THE_CLOCK, START);
		this.topology.agreementInForce(TestAgreements.inForce(Duration.ofHours(4), false, Duration.ofHours(2)));
		LeadAssigned assignment = assign(UUID.randomUUID(), "anna-snelling", "B");

		this.driver.advanceWallClockTime(Duration.ofHours(6).plusMinutes(1));

		List<SlaEvent> events = this.slaEvents.readValuesToList();
		assertThat(events).extracting(SlaEvent::type)
			.containsExactly(Type.WARNING, Type.WARNING, Type.BREACH, Type.ESCALATION);
		assertThat(events.get(3).repId()).isEqualTo("anna-snelling");
		assertThat(events.get(3).deadline()).isEqualTo(START.plus(Duration.ofHours(4)));
		// Routing's reassignment restarts the clock for the next rep: the first rep's
		// lead is never "ignored".
		assign(assignment.leadId(), "cecily-lampkin", "B", START.plus(Duration.ofHours(6)));
		this.driver.advanceWallClockTime(Duration.ofHours(30));
		List<SlaEvent> next = this.slaEvents.readValuesToList();
		assertThat(next).extracting(SlaEvent::repId).containsOnly("cecily-lampkin");
		// Nobody reassigns in this test, so the second rep's clock runs its whole ladder.
		assertThat(next).extracting(SlaEvent::type)
			.containsExactly(Type.WARNING, Type.WARNING, Type.BREACH, Type.ESCALATION, Type.IGNORED);
	}

	@Test
	void aReassignmentRestartsTheClockForTheNewRep() {
		start(new SlaSettings(List.of(), false, null, null, Duration.ofSeconds(1), 100, null), START);
		UUID leadId = UUID.randomUUID();
		assign(leadId, "anna-snelling", "B");
		this.driver.advanceWallClockTime(Duration.ofHours(3));
		assign(leadId, "cecily-lampkin", "B", START.plus(Duration.ofHours(3)));

		this.driver.advanceWallClockTime(Duration.ofHours(2));
		assertThat(this.slaEvents.isEmpty()).isTrue();
		this.driver.advanceWallClockTime(Duration.ofHours(2));

		assertThat(this.slaEvents.readValuesToList()).singleElement()
			.satisfies((event) -> assertThat(event.repId()).isEqualTo("cecily-lampkin"));
	}

	@Test
	void oneTickFiresABoundedNumberOfStepsAndTheNextTicksTheRest() {
		start(new SlaSettings(List.of(), false, null, null, Duration.ofSeconds(1), 2, null), START);
		for (int i = 0; i < 5; i++) {
			assign(UUID.randomUUID(), "anna-snelling", "B");
		}

		this.driver.advanceWallClockTime(Duration.ofHours(4).plusSeconds(1));
		assertThat(this.slaEvents.readValuesToList()).hasSize(2);
		this.driver.advanceWallClockTime(Duration.ofSeconds(1));
		this.driver.advanceWallClockTime(Duration.ofSeconds(1));
		assertThat(this.slaEvents.readValuesToList()).hasSize(3);
	}

	@Test
	void configuredTermsOverrideTheAgreementForDemos() {
		start(new SlaSettings(List.of(), false, Duration.ofSeconds(90), Duration.ofSeconds(60), Duration.ofSeconds(1),
				100, null), START);
		assign(UUID.randomUUID(), "anna-snelling", "B");

		this.driver.advanceWallClockTime(Duration.ofSeconds(151));

		assertThat(this.slaEvents.readValuesToList()).extracting(SlaEvent::type)
			.containsExactly(Type.BREACH, Type.IGNORED);
	}

	private LeadAssigned assign(UUID leadId, String repId, String grade) {
		return assign(leadId, repId, grade, START);
	}

	private LeadAssigned assign(UUID leadId, String repId, String grade, Instant at) {
		LeadAssigned assignment = new LeadAssigned(UUID.randomUUID(), at, leadId, repId, repId, "Central",
				LeadAssigned.Method.ROUND_ROBIN, grade, 1, List.of("round robin"));
		this.assigned.pipeInput(leadId.toString(), assignment);
		return assignment;
	}

	private void touch(UUID leadId, String repId, Instant at) {
		this.activities.pipeInput(leadId.toString(),
				new SalesActivity(UUID.randomUUID(), at, leadId, repId, SalesActivity.Type.CALL, null));
	}

	private static Ruling ruling(LeadAssigned assignment, Ruling.Decision decision) {
		return new Ruling(UUID.randomUUID(), START, assignment.leadId(), UUID.randomUUID(), decision, "ruled", "ceo");
	}

	private SlaClock clock(UUID leadId) {
		return this.driver.<String, SlaClock>getKeyValueStore(SlaTopology.CLOCKS_STORE).get(leadId.toString());
	}

	static LeadAgreement agreement(Duration gradeB) {
		return TestAgreements.inForce(gradeB);
	}

	@Test
	void theServiceBindsWhatTheseTestsRead() {
		TopologyFixture.assertBound(SlaTopology.WIRING, "sla-monitor.yml");
	}

	/**
	 * A new lead assigned to {@code repId} in team B, its clocks running round the clock.
	 */
	private LeadAssigned assignedAroundTheClock(String repId) {
		start(ROUND_THE_CLOCK, START);
		return assign(UUID.randomUUID(), repId, "B");
	}

	/**
	 * The assigned rep touches the lead {@code after} its assignment; then two days pass.
	 */
	private void touchedByTheRepAfter(LeadAssigned assignment, Duration after) {
		this.driver.advanceWallClockTime(after);
		touch(assignment.leadId(), assignment.repId(), START.plus(after));
		this.driver.advanceWallClockTime(Duration.ofHours(48));
	}

}
