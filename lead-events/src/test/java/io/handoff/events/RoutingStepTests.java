package io.handoff.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

import io.handoff.events.TurnSteps.Skip;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing's steps as values: each in the words routing wrote before its steps were values
 * (sales tools read them), written and read back as JSON, and read from what an earlier
 * or a newer release wrote.
 */
class RoutingStepTests {

	static final TypeReference<List<RoutingStep>> STEPS = new TypeReference<>() {
	};

	static final UUID CASE = UUID.fromString("5c1d2a3b-0000-4000-8000-000000000001");

	static final List<RoutingStep> EVERY_KIND = List.of(
			new RouteSteps.NoAccount(List.of("northwind.example"), "Northwind", false, 0.9),
			new RouteSteps.AccountOwner("Northwind", "domain", "Ada", "West"),
			new RouteSteps.OwnerAway("Northwind", "name", "ada", "Ada is away until 2026-12-24"),
			new RouteSteps.InTerritory("West", "country in [US]", "West", List.of("EMEA: country not in [DE]")),
			new RouteSteps.NoTerritory(List.of("EMEA: country not in [DE]"), "unrouted"),
			new TurnSteps.RoundRobin("West", 3, 1,
					List.of(new Skip("Bo", Skip.Why.AT_CAPACITY, null, 10, 10),
							new Skip("Cy", Skip.Why.UNAVAILABLE, "Cy is away", 0, 0)),
					false, "Ada", 2, 0.915),
			new TurnSteps.NoRepFree("West", 1, List.of(new Skip("Ada", Skip.Why.LEAVES, null, 0, 0))),
			new TurnSteps.FollowUp("Ada"), new TurnSteps.FollowUpRepGone("ada"),
			new TurnSteps.Overflowed("West", Duration.ofMillis(3_723_456)), new TurnSteps.WaitsBehind(2, "West"),
			new AgainSteps.Ruled(Ruling.Decision.REASSIGN, "judge", CASE, "Ada was away"),
			new AgainSteps.Escalated(SlaEvent.Clock.FIRST_TOUCH, Instant.parse("2026-12-01T12:00:00Z"), "ada"),
			new AgainSteps.PreviouslyWith("Ada", "West"), new RoutingStep.Said("round robin"));

	@Test
	void eachStepReadsAsRoutingWroteItInWords() {
		assertThat(RoutingStep.sentences(EVERY_KIND)).containsExactly(
				"account: no account matches northwind.example, nor the company name 'Northwind' (no account name "
						+ "is at least 0.9 similar)",
				"account: Northwind (domain), owned by Ada (West)",
				"account: Northwind (name), but its owner is unavailable: Ada is away until 2026-12-24",
				"territory: West (country in [US]) is sold by team West; not EMEA: country not in [DE]",
				"territory: none takes this lead (EMEA: country not in [DE]); it waits in queue 'unrouted' until a "
						+ "territory does",
				"round robin: 1 of 3 reps of team West can take it; skipped: Bo holds 10 of at most 10 open leads; "
						+ "Cy is away; Ada (weight 2) was owed the most, 0.92 leads",
				"round robin: no rep of team West can take it now (1 on the team; skipped: Ada is the rep the lead "
						+ "leaves); it waits in the team's overflow queue",
				"follow-up: the lead goes back to Ada", "follow-up: ada is no longer on the roster",
				"overflow: waited PT1H2M3S in team West's queue",
				"overflow: 2 lead(s) already wait in team West's queue: it would wait behind them, and reps take "
						+ "them first, in order, as they free up",
				"reassigned by ruling of judge on case " + CASE + ": Ada was away",
				"reassigned by SLA escalation: the first touch due 2026-12-01T12:00:00Z was missed by ada",
				"previously with Ada (West)", "round robin");
	}

	@Test
	void everyKindIsWrittenWithItsKindAndReadBackTheSame() {
		String json = LeadEventsJson.mapper().writerFor(STEPS).writeValueAsString(EVERY_KIND);

		List<RoutingStep> read = LeadEventsJson.mapper().readValue(json, STEPS);

		assertThat(read).isEqualTo(EVERY_KIND);
		assertThat(json).contains("\"kind\":\"ROUND_ROBIN\"", "\"kind\":\"SAID\"");
	}

	@Test
	void stepsAnEarlierReleaseWroteInWordsAndAKindOfANewerOneReadAsWords() {
		List<RoutingStep> read = LeadEventsJson.mapper()
			.readValue("[\"territory: West is sold by team West\", {\"kind\":\"A_NEWER_KIND\",\"x\":1}]", STEPS);

		assertThat(read).containsExactly(new RoutingStep.Said("territory: West is sold by team West"),
				new RoutingStep.Said("(a step of a newer release)"));
	}

	@Test
	void anErasedLeadKeepsNoneOfTheJudgesWordsAndEveryOtherStep() {
		assertThat(EVERY_KIND.stream().map(RoutingStep::erased).map(RoutingStep::sentence)).contains(LeadErased.ERASED)
			.noneMatch((sentence) -> sentence.contains("Ada was away"))
			.hasSize(EVERY_KIND.size());
	}

	@Test
	void wordsAnEarlierReleaseWroteLoseTheJudgesWordsOnErasureAsThatReleaseDid() {
		RoutingStep earlier = new RoutingStep.Said("reassigned by ruling of judge on case " + CASE + ": Ada was ill");

		assertThat(earlier.erased()).isEqualTo(new RoutingStep.Said(LeadErased.ERASED));
		assertThat(new RoutingStep.Said("round robin").erased()).isEqualTo(new RoutingStep.Said("round robin"));
	}

	@Test
	void aStepOfANewerKindTakesItsWordsFromTheReasonsWrittenBesideIt() {
		LeadAssigned read = LeadEventsJson.mapper()
			.readValue("""
					{"eventId":"%s","occurredAt":"2026-12-01T12:00:00Z","leadId":"%s","repId":"ada","repName":"Ada",
					"team":"West","method":"ROUND_ROBIN","grade":"B","agreementVersion":1,
					"reasons":["territory: West is sold by team West","lottery: Ada drew the short straw"],
					"steps":[{"kind":"SAID","sentence":"territory: West is sold by team West"},
					{"kind":"LOTTERY","straw":"short"}]}""".formatted(UUID.randomUUID(), UUID.randomUUID()),
					LeadAssigned.class);

		assertThat(read.steps()).last().isEqualTo(new RoutingStep.Said("lottery: Ada drew the short straw"));
	}

	@Test
	void aReasonANewerReleaseAddedToPassARepOverReadsAsUnknown() {
		RoutingStep read = LeadEventsJson.mapper().readValue("""
				{"kind":"NO_REP_FREE","team":"West","members":1,"skipped":[{"repName":"Ada","why":"ON_STRIKE",
				"unavailable":null,"open":0,"max":10}]}""", RoutingStep.class);

		assertThat(read.sentence()).contains("skipped: Ada is passed over");
	}

}
