package io.handoff.routing.assignment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.handoff.events.AgainSteps;
import io.handoff.events.Company;
import io.handoff.events.FromNewerRelease;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadErased;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadOutcome;
import io.handoff.events.LeadReceived;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadScored.Stage;
import io.handoff.events.LeadScored;
import io.handoff.events.RouteSteps;
import io.handoff.events.RoutingStep;
import io.handoff.events.Ruling;
import io.handoff.events.SalesRep;
import io.handoff.events.Territory;
import io.handoff.events.TurnSteps;
import io.handoff.events.calendar.BusinessCalendars;
import io.handoff.routing.roster.Roster;
import io.handoff.test.TestAgreements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Routing's decisions for one lead, and for one team's queue, without Kafka. */
class DispatchTests {

	static final RoutingStep TERRITORY = new RouteSteps.InTerritory("Rest", "country in [US]", "West", List.of());

	static final Instant MONDAY = RoutingPreviewTests.MONDAY;

	final Roster roster = Roster.of(List.of(rep("ada", "West"), rep("bob", "West")), List.of(),
			List.of(new Territory("rest", "Rest", "West", 99, List.of(), List.of(), List.of(), null, null)));

	final LeadAgreement agreement = TestAgreements.inForce(Duration.ofHours(4));

	final LeadReceived lead = new LeadReceived(UUID.randomUUID(), MONDAY, UUID.randomUUID(), "dana@prospect.example",
			"Dana", "Reyes", "VP Marketing", null,
			new Company("Prospect", "prospect.example", 500, "software", "US", null), "webinar", "q4", null, Map.of());

	@Test
	void aLeadThatBecomesSalesReadyAsksItsTerritorysTeamForARepOncePerTransition() {
		LeadScored salesReady = scored(Stage.SALES_READY, Stage.MQL);

		Dispatched decision = dispatch(null).on(this.lead.leadId(), salesReady);

		assertThat(decision.requests()).singleElement().satisfies((request) -> {
			assertThat(request.kind()).isEqualTo(QueueRequest.Kind.ASSIGN);
			assertThat(request.team()).isEqualTo("West");
			assertThat(request.steps())
				.anySatisfy((step) -> assertThat(step).isInstanceOfSatisfying(RouteSteps.InTerritory.class,
						(territory) -> assertThat(territory.name()).isEqualTo("Rest")));
		});
		assertThat(decision.lead().state()).isEqualTo(LeadRouting.State.WAITING);
		assertThat(decision.lead().transition()).isEqualTo(salesReady.eventId());
		assertThat(dispatch(decision.lead()).on(this.lead.leadId(), salesReady).requests()).isEmpty();
	}

	@Test
	void aReturnReadBeforeTheAssignmentIsKeptAndTakenOnceTheAssignmentIsRead() {
		LeadRouting waiting = dispatch(null).on(this.lead.leadId(), scored(Stage.SALES_READY, Stage.MQL)).lead();
		LeadReturned returned = new LeadReturned(UUID.randomUUID(), MONDAY.plusSeconds(90), this.lead.leadId(), "ada",
				"NO_BUDGET", "no budget this year");

		Dispatched early = dispatch(waiting).on(this.lead.leadId(), returned);
		assertThat(early.requests()).isEmpty();
		assertThat(early.lead().early()).extracting(LeadRouting.Early::event).containsExactly(returned);

		Dispatched assigned = dispatch(early.lead()).on(this.lead.leadId(), assignment("ada"));
		assertThat(assigned.lead().state()).isEqualTo(LeadRouting.State.RETURNED);
		assertThat(assigned.lead().early()).isEmpty();
		assertThat(assigned.requests()).singleElement()
			.satisfies((release) -> assertThat(release.kind()).isEqualTo(QueueRequest.Kind.RELEASE));
	}

	@Test
	void anOutcomeClosesTheLeadAndFreesItsRepsSlot() {
		LeadRouting held = held("ada");

		Dispatched closed = dispatch(held).on(this.lead.leadId(),
				new LeadOutcome(UUID.randomUUID(), MONDAY, this.lead.leadId(), LeadOutcome.Outcome.WON, null));

		assertThat(closed.lead().state()).isEqualTo(LeadRouting.State.CLOSED);
		assertThat(closed.lead().closedBecause()).isEqualTo("outcome: WON");
		assertThat(closed.requests()).singleElement().satisfies((release) -> {
			assertThat(release.kind()).isEqualTo(QueueRequest.Kind.RELEASE);
			assertThat(release.repId()).isEqualTo("ada");
		});
	}

	@Test
	void anOutcomeOrARulingOfANewerReleaseIsRefusedToTheDeadLettersNotGuessedAt() {
		LeadRouting held = held("ada");
		LeadOutcome outcome = new LeadOutcome(UUID.randomUUID(), MONDAY, this.lead.leadId(),
				LeadOutcome.Outcome.UNKNOWN, null);
		Ruling ruling = new Ruling(UUID.randomUUID(), MONDAY, this.lead.leadId(), UUID.randomUUID(),
				Ruling.Decision.UNKNOWN, "a newer decision", "ceo");

		for (Object event : List.of(outcome, ruling)) {
			assertThatExceptionOfType(FromNewerRelease.class)
				.isThrownBy(() -> dispatch(held).on(this.lead.leadId(), event));
		}
	}

	@Test
	void aReassignmentByRulingPassesOverEveryRepWhoHadTheLead() {
		Ruling reassign = new Ruling(UUID.randomUUID(), MONDAY, this.lead.leadId(), UUID.randomUUID(),
				Ruling.Decision.REASSIGN, "ignored twice", "ceo");

		QueueRequest request = dispatch(held("ada")).on(this.lead.leadId(), reassign).requests().get(0);

		assertThat(request.kind()).isEqualTo(QueueRequest.Kind.REASSIGN);
		assertThat(request.hadIt()).containsExactly("ada");
		assertThat(request.steps()).first()
			.isEqualTo(new AgainSteps.Ruled(Ruling.Decision.REASSIGN, "ceo", reassign.caseId(), "ignored twice"));
		assertThat(request.steps().get(0).sentence()).startsWith("reassigned by ruling of ceo");
		assertThat(request.steps().get(0).erased().sentence()).isEqualTo(LeadErased.ERASED);
		assertThatIllegalStateException().isThrownBy(() -> dispatch(null).on(this.lead.leadId(), reassign))
			.withMessageContaining("was never assigned here");
	}

	@Test
	void aFollowUpGoesBackToItsRepAndAnOwnerPastTheRoundRobinAnyoneElseWaitsForATurn() {
		QueueRequest followUp = request(QueueRequest.Kind.FOLLOW_UP, "ada");
		assertThat(TeamDesk.plan(followUp, this.roster)).isInstanceOfSatisfying(TeamDesk.Direct.class, (direct) -> {
			assertThat(direct.rep().repId()).isEqualTo("ada");
			assertThat(direct.method()).isEqualTo(LeadAssigned.Method.FOLLOW_UP);
		});
		assertThat(TeamDesk.plan(request(QueueRequest.Kind.FOLLOW_UP, "gone"), this.roster))
			.isEqualTo(new TeamDesk.Queue(false, List.of(new TurnSteps.FollowUpRepGone("gone"))));
		assertThat(TeamDesk.plan(request(QueueRequest.Kind.ASSIGN, "bob"), this.roster)).isInstanceOfSatisfying(
				TeamDesk.Direct.class,
				(direct) -> assertThat(direct.method()).isEqualTo(LeadAssigned.Method.ACCOUNT_OWNER));
		assertThat(TeamDesk.plan(request(QueueRequest.Kind.ASSIGN, null), this.roster))
			.isEqualTo(new TeamDesk.Queue(false, List.of()));
		QueueRequest reassign = request(QueueRequest.Kind.REASSIGN, "ada");
		assertThat(TeamDesk.plan(reassign, this.roster)).isEqualTo(new TeamDesk.Queue(true, List.of()));
		assertThat(TeamDesk.passedOver(reassign)).isEqualTo("ada");
		assertThat(TeamDesk.method(reassign)).isEqualTo(LeadAssigned.Method.REASSIGNMENT);
	}

	@Test
	void anAssignmentCarriesEveryStepThatLedToItAsValuesAndInWords() {
		RoutingStep noneFree = new TurnSteps.NoRepFree("West", 1,
				List.of(new TurnSteps.Skip("ada", TurnSteps.Skip.Why.AT_CAPACITY, null, 10, 10)));
		QueueRequest waited = TeamDesk.waiting(request(QueueRequest.Kind.ASSIGN, null), List.of(noneFree), MONDAY);

		LeadAssigned assigned = TeamDesk.assignment(waited, rep("bob", "West"), LeadAssigned.Method.ROUND_ROBIN,
				List.of(TeamDesk.overflowed("West", Duration.ofMillis(90_500))), MONDAY.plusSeconds(90));

		assertThat(assigned.steps()).containsExactly(TERRITORY, noneFree,
				new TurnSteps.Overflowed("West", Duration.ofSeconds(90)));
		assertThat(assigned.reasons()).containsExactly("territory: Rest (country in [US]) is sold by team West",
				"round robin: no rep of team West can take it now (1 on the team; skipped: ada holds 10 of at most 10 "
						+ "open leads); it waits in the team's overflow queue",
				"overflow: waited PT1M30S in team West's queue");
		assertThat(assigned.repName()).isEqualTo("bob");
	}

	@Test
	void aRequestWaitingInTheOverflowQueueSinceAnEarlierReleaseKeepsItsStepsInWords() {
		String earlier = """
				{"kind":"ASSIGN","leadId":"%s","team":"West","repId":null,"grade":"B","agreementVersion":1,
				"receivedAt":"2026-11-30T09:00:00Z","requestedAt":"2026-11-30T09:00:01Z",
				"reasons":["territory: Rest (country in [US]) is sold by team West"],"lead":null,"hadIt":[]}"""
			.formatted(this.lead.leadId());

		QueueRequest read = LeadEventsJson.mapper().readValue(earlier, QueueRequest.class);

		assertThat(read.steps())
			.containsExactly(new RoutingStep.Said("territory: Rest (country in [US]) is sold by team West"));
		String written = LeadEventsJson.mapper().writeValueAsString(read);
		assertThat(written).contains("\"reasons\":[\"territory: Rest (country in [US]) is sold by team West\"]");
		assertThat(LeadEventsJson.mapper().readValue(written, QueueRequest.class)).isEqualTo(read);
	}

	@Test
	void earlyEventsStoredAsOneRecordOfThreeFieldsReadAsTheirKind() {
		String stored = "{\"leadId\":\"" + this.lead.leadId() + "\",\"state\":\"WAITING\",\"held\":false,"
				+ "\"history\":[],\"early\":[{\"returned\":{\"eventId\":\"" + UUID.randomUUID()
				+ "\",\"occurredAt\":\"2026-11-23T15:00:00Z\",\"leadId\":\"" + this.lead.leadId()
				+ "\",\"repId\":\"ada\",\"reasonCode\":\"NO_BUDGET\",\"note\":null},\"escalation\":null,"
				+ "\"ruling\":null}],\"routedAs\":null,\"addedLater\":\"ignored\"}";

		LeadRouting read = LeadEventsJson.mapper().readValue(stored, LeadRouting.class);

		assertThat(read.early()).singleElement()
			.isInstanceOfSatisfying(LeadRouting.Early.Returned.class,
					(returned) -> assertThat(returned.event().reasonCode()).isEqualTo("NO_BUDGET"));
		String written = LeadEventsJson.mapper().writeValueAsString(read);
		assertThat(LeadEventsJson.mapper().readValue(written, LeadRouting.class)).isEqualTo(read);
	}

	private Dispatch dispatch(LeadRouting lead) {
		return new Dispatch(lead, this.roster, BusinessCalendars.NONE.build(), MONDAY, () -> this.agreement);
	}

	private LeadRouting held(String repId) {
		LeadRouting waiting = dispatch(null).on(this.lead.leadId(), scored(Stage.SALES_READY, Stage.MQL)).lead();
		return dispatch(waiting).on(this.lead.leadId(), assignment(repId)).lead();
	}

	private LeadScored scored(Stage stage, Stage previous) {
		return new LeadScored(UUID.randomUUID(), MONDAY, this.lead.leadId(), this.lead, 50, 0, "B", stage, previous,
				"v1", 1, List.of(), "fit 50");
	}

	private LeadAssigned assignment(String repId) {
		return new LeadAssigned(UUID.randomUUID(), MONDAY.plusSeconds(1), this.lead.leadId(), repId, repId, "West",
				LeadAssigned.Method.ROUND_ROBIN, "B", 1, List.of("round robin"));
	}

	private QueueRequest request(QueueRequest.Kind kind, String repId) {
		return new QueueRequest(kind, this.lead.leadId(), "West", repId, "B", 1, MONDAY, MONDAY, List.of(TERRITORY),
				null, List.of());
	}

	private static SalesRep rep(String id, String team) {
		return new SalesRep(id, id, id + "@seller.example", team, List.of(), 1, 10, "America/Chicago", null, true);
	}

}
