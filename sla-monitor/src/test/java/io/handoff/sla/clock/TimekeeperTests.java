package io.handoff.sla.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.handoff.events.EngagementRecorded;
import io.handoff.events.FromNewerRelease;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReturned;
import io.handoff.events.Ruling;
import io.handoff.events.SalesActivity;
import io.handoff.events.SlaEvent;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.sla.clock.SlaClock.Step;
import io.handoff.test.TestAgreements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The SLA's decisions on one clock, without Kafka. */
class TimekeeperTests {

	static final Instant START = SlaTopologyTests.START;

	final Timekeeper timekeeper = new Timekeeper(
			new SlaPolicy(SlaTopologyTests.ROUND_THE_CLOCK, BusinessCalendars.NONE.build()));

	final LeadAgreement agreement = TestAgreements.inForce(Duration.ofHours(4), false, Duration.ofHours(2));

	final UUID leadId = UUID.randomUUID();

	@Test
	void anAssignmentStartsAClockWithItsStepsInTheOrderTheyFallDue() {
		SlaClock clock = start("anna-snelling");

		assertThat(clock.state()).isEqualTo(SlaClock.State.RUNNING);
		assertThat(clock.firstTouchDue()).isEqualTo(START.plus(Duration.ofHours(4)));
		assertThat(clock.ignoredAt()).isEqualTo(START.plus(Duration.ofHours(24)));
		assertThat(clock.attemptsOwed()).isEqualTo(5);
		assertThat(clock.pending()).containsExactly(new Step(START.plus(Duration.ofHours(2)), Step.Kind.WARNING),
				new Step(START.plus(Duration.ofMinutes(192)), Step.Kind.WARNING),
				new Step(START.plus(Duration.ofHours(4)), Step.Kind.BREACH),
				new Step(START.plus(Duration.ofHours(6)), Step.Kind.REASSIGN),
				new Step(START.plus(Duration.ofHours(24)), Step.Kind.IGNORED),
				new Step(START.plus(Duration.ofDays(10)), Step.Kind.FOLLOW_UP_DUE));
	}

	@Test
	void aReassignmentStartsAFreshClockThatKeepsTheLeadsHistory() {
		SlaClock first = start("anna-snelling");
		SlaClock warned = this.timekeeper.fire(first, first.pending().get(0), START.plus(Duration.ofHours(2))).clock();

		Timekeeper.Change change = this.timekeeper.on(warned,
				assigned("cecily-lampkin", START.plus(Duration.ofHours(7))), () -> this.agreement);

		SlaClock next = ((Timekeeper.Start) change).clock();
		assertThat(next.repId()).isEqualTo("cecily-lampkin");
		assertThat(next.assignedAt()).isEqualTo(START.plus(Duration.ofHours(7)));
		assertThat(next.history()).extracting(SlaEvent::type).containsExactly(SlaEvent.Type.WARNING);
	}

	@Test
	void stepsRaiseTheirEventsOnlyWhileTheClockStillOwesWhatTheyCheck() {
		SlaClock clock = start("anna-snelling");
		List<SlaEvent.Type> raised = new ArrayList<>();
		for (Step step : clock.pending()) {
			Timekeeper.Fired fired = this.timekeeper.fire(clock, step, step.at());
			if (fired.event() != null) {
				raised.add(fired.event().type());
			}
			clock = fired.clock();
		}

		assertThat(raised).containsExactly(SlaEvent.Type.WARNING, SlaEvent.Type.WARNING, SlaEvent.Type.BREACH,
				SlaEvent.Type.ESCALATION, SlaEvent.Type.IGNORED, SlaEvent.Type.BREACH);
		assertThat(clock.state()).isEqualTo(SlaClock.State.IGNORED);
		assertThat(clock.pending()).isEmpty();
		assertThat(clock.history().get(5).clock()).isEqualTo(SlaEvent.Clock.FOLLOW_UP);
	}

	@Test
	void aTouchedLeadIsNeitherBreachedNorIgnoredAndOwesOnlyItsFollowUps() {
		SlaClock clock = start("anna-snelling");
		SalesActivity call = call("anna-snelling", START.plus(Duration.ofHours(1)));

		Timekeeper.Change change = this.timekeeper.on(clock, call, () -> this.agreement);
		Timekeeper.Touched touched = this.timekeeper.touched(clock, ((Timekeeper.Touch) change).activity());

		assertThat(touched.first()).isTrue();
		assertThat(touched.businessTime()).isEqualTo(Duration.ofHours(1));
		assertThat(touched.clock().state()).isEqualTo(SlaClock.State.TOUCHED);
		assertThat(touched.clock().touchedInTime()).isTrue();
		assertThat(touched.clock().pending()).extracting(Step::kind).containsExactly(Step.Kind.FOLLOW_UP_DUE);
		assertThat(this.timekeeper.on(touched.clock(), call, () -> this.agreement)).isEqualTo(Timekeeper.DUPLICATE);
		Timekeeper.Touched again = this.timekeeper.touched(touched.clock(),
				call("anna-snelling", START.plus(Duration.ofHours(2))));
		assertThat(again.first()).isFalse();
		assertThat(again.clock().attempts()).isEqualTo(2);
	}

	@Test
	void onlyTheRepWhoHoldsTheLeadKeepsItsSla() {
		SlaClock clock = start("anna-snelling");

		assertThat(this.timekeeper.on(clock, call("someone-else", START), () -> this.agreement))
			.isEqualTo(Timekeeper.NONE);
		SalesActivity accept = new SalesActivity(UUID.randomUUID(), START, this.leadId, "anna-snelling",
				SalesActivity.Type.ACCEPT, null);
		assertThat(this.timekeeper.on(clock, accept, () -> this.agreement)).isEqualTo(Timekeeper.NONE);
	}

	@Test
	void anAgreedReturnByTheHolderAnOutcomeAndARulingStopTheClockOtherReturnsDoNot() {
		SlaClock clock = start("anna-snelling");

		assertThat(this.timekeeper.on(clock, returned("anna-snelling", "NO_BUDGET"), () -> this.agreement))
			.isEqualTo(new Timekeeper.Stop(START, "returned by anna-snelling: NO_BUDGET"));
		assertThat(this.timekeeper.on(clock, returned("anna-snelling", "DOES_NOT_LIKE_THEM"), () -> this.agreement))
			.isEqualTo(Timekeeper.NONE);
		assertThat(this.timekeeper.on(clock, returned("someone-else", "NO_BUDGET"), () -> this.agreement))
			.isEqualTo(Timekeeper.NONE);
		assertThat(this.timekeeper.on(clock,
				new LeadOutcome(UUID.randomUUID(), START, this.leadId, LeadOutcome.Outcome.WON, null),
				() -> this.agreement))
			.isEqualTo(new Timekeeper.Stop(START, "outcome: WON"));
		assertThat(this.timekeeper.on(clock, ruling(Ruling.Decision.RETURN_TO_MARKETING), () -> this.agreement))
			.isEqualTo(new Timekeeper.Stop(null, "returned to marketing by ruling"));
		assertThat(this.timekeeper.on(clock, ruling(Ruling.Decision.FOLLOW_UP_REQUIRED), () -> this.agreement))
			.isInstanceOf(Timekeeper.Stop.class);
		assertThat(this.timekeeper.on(clock, ruling(Ruling.Decision.REASSIGN), () -> this.agreement))
			.isEqualTo(Timekeeper.NONE);
	}

	@Test
	void anActivityAnOutcomeOrARulingOfANewerReleaseIsRefusedToTheDeadLettersNotGuessedAt() {
		SlaClock clock = start("anna-snelling");
		SalesActivity newer = new SalesActivity(UUID.randomUUID(), START, this.leadId, "anna-snelling",
				SalesActivity.Type.UNKNOWN, null);
		LeadOutcome outcome = new LeadOutcome(UUID.randomUUID(), START, this.leadId, LeadOutcome.Outcome.UNKNOWN, null);

		for (Object event : List.of(newer, outcome, ruling(Ruling.Decision.UNKNOWN))) {
			assertThatExceptionOfType(FromNewerRelease.class)
				.isThrownBy(() -> this.timekeeper.on(clock, event, () -> this.agreement))
				.withMessageContaining("replay it from the dead letters after the upgrade");
		}
	}

	@Test
	void aStoppedClockOrNoClockAtAllChangesOnlyWithTheNextAssignment() {
		SlaClock stopped = start("anna-snelling").stopped("outcome: WON");

		assertThat(this.timekeeper.on(stopped, call("anna-snelling", START), () -> this.agreement))
			.isEqualTo(Timekeeper.NONE);
		assertThat(this.timekeeper.on(null, returned("anna-snelling", "NO_BUDGET"), () -> this.agreement))
			.isEqualTo(Timekeeper.NONE);
		assertThat(this.timekeeper.on(stopped, assigned("anna-snelling", START), () -> this.agreement))
			.isInstanceOf(Timekeeper.Start.class);
	}

	@Test
	void anEventTheSlaDoesNotReadIsRefusedByName() {
		Object engagement = new EngagementRecorded(UUID.randomUUID(), START, this.leadId, "webinar", null);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.timekeeper.on(null, engagement, () -> this.agreement))
			.withMessage("sla-monitor does not read EngagementRecorded");
	}

	private SlaClock start(String repId) {
		return this.timekeeper.start(null, assigned(repId, START), this.agreement);
	}

	private LeadAssigned assigned(String repId, Instant at) {
		return new LeadAssigned(UUID.randomUUID(), at, this.leadId, repId, repId, "Central",
				LeadAssigned.Method.ROUND_ROBIN, "B", 1, List.of("round robin"));
	}

	private SalesActivity call(String repId, Instant at) {
		return new SalesActivity(UUID.randomUUID(), at, this.leadId, repId, SalesActivity.Type.CALL, null);
	}

	private LeadReturned returned(String repId, String reason) {
		return new LeadReturned(UUID.randomUUID(), START, this.leadId, repId, reason, "note");
	}

	private Ruling ruling(Ruling.Decision decision) {
		return new Ruling(UUID.randomUUID(), START, this.leadId, UUID.randomUUID(), decision, "ruled", "ceo");
	}

}
