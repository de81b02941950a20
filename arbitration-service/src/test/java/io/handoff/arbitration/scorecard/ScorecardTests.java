package io.handoff.arbitration.scorecard;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.handoff.arbitration.cases.Case;
import io.handoff.arbitration.cases.Evidence;
import io.handoff.arbitration.cases.RefusedReturn;
import io.handoff.events.LeadAssigned;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadScored;
import io.handoff.events.Ruling;
import io.handoff.test.Leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ScorecardTests {

	static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");

	final Map<UUID, Evidence> evidence = new HashMap<>();

	@Test
	void theNumbersOfAFixedWeek() {
		// Three returns: two upheld (one with a "student" title rule behind it), one
		// rejected; two ignored leads in Central and East, one reassigned; one case still
		// open, escalated; one refused return; one case last month.
		List<Case> cases = List.of(
				returned("anna", "Central", "NOT_A_DECISION_MAKER", 1, Ruling.Decision.RETURN_TO_MARKETING,
						List.of(hit("title-manager", 15), hit("time-on-site-long", 25), hit("title-missing", -15))),
				returned("anna", "Central", "NOT_A_DECISION_MAKER", 2, Ruling.Decision.RETURN_TO_MARKETING,
						List.of(hit("time-on-site-long", 25))),
				returned("cecily", "Central", "NO_BUDGET", 3, Ruling.Decision.FOLLOW_UP_REQUIRED, List.of()),
				ignored("darcel", "East", 4, Ruling.Decision.REASSIGN, null),
				ignored("anna", "Central", 5, null, MONDAY.plus(Duration.ofDays(8))),
				ignored("anna", "Central", -40, Ruling.Decision.FOLLOW_UP_REQUIRED, null));
		List<RefusedReturn> refused = List
			.of(new RefusedReturn(new LeadReturned(UUID.randomUUID(), MONDAY.plus(Duration.ofHours(3)),
					UUID.randomUUID(), "boris", "DOES_NOT_LIKE_THEM", null), "not listed"));

		Scorecard card = Scorecard.of(cases, (leadId) -> this.evidence.getOrDefault(leadId, evidence(null, "Central")),
				refused, MONDAY, MONDAY.plus(Duration.ofDays(7)), MONDAY.plus(Duration.ofDays(9)));

		assertThat(card.returnsByReason()).containsOnly(entry("NOT_A_DECISION_MAKER", 2), entry("NO_BUDGET", 1));
		assertThat(card.refusedReturns()).isEqualTo(1);
		assertThat(card.rulings()).containsOnly(entry(Ruling.Decision.RETURN_TO_MARKETING, 2),
				entry(Ruling.Decision.FOLLOW_UP_REQUIRED, 1), entry(Ruling.Decision.REASSIGN, 1));
		assertThat(card.upheldShare()).isEqualTo(2.0 / 3);
		assertThat(card.againstMarketing()).isEqualTo(2);
		assertThat(card.againstSales()).isEqualTo(2);
		assertThat(card.ignoredByRep()).containsOnly(entry("darcel", 1), entry("anna", 1));
		assertThat(card.ignoredByTeam()).containsOnly(entry("East", 1), entry("Central", 1));
		assertThat(card.openCases()).isEqualTo(1);
		assertThat(card.oldestOpenCase()).isEqualTo(Duration.ofDays(4));
		assertThat(card.escalated()).isEqualTo(1);
		assertThat(card.rules()).containsOnly(entry("title-manager", 1), entry("time-on-site-long", 2));
	}

	private Case returned(String rep, String team, String reason, int day, Ruling.Decision decision,
			List<LeadScored.RuleHit> hits) {
		UUID leadId = UUID.randomUUID();
		Instant opened = MONDAY.plus(Duration.ofDays(day));
		this.evidence.put(leadId, evidence(hits, team));
		LeadReturned returned = new LeadReturned(UUID.randomUUID(), opened, leadId, rep, reason, null);
		return new Case(UUID.randomUUID(), leadId, rep, Case.Cause.RETURNED, Case.Status.RULED, opened, returned,
				opened.plus(Duration.ofDays(3)), null, ruling(leadId, decision, opened));
	}

	private Case ignored(String rep, String team, int day, Ruling.@Nullable Decision decision,
			@Nullable Instant escalatedAt) {
		UUID leadId = UUID.randomUUID();
		Instant opened = MONDAY.plus(Duration.ofDays(day));
		this.evidence.put(leadId, evidence(List.of(), team));
		return new Case(UUID.randomUUID(), leadId, rep, Case.Cause.IGNORED,
				(decision != null) ? Case.Status.RULED : Case.Status.OPEN, opened, null,
				opened.plus(Duration.ofDays(3)), escalatedAt,
				(decision != null) ? ruling(leadId, decision, opened) : null);
	}

	private static Ruling ruling(UUID leadId, Ruling.Decision decision, Instant opened) {
		return new Ruling(UUID.randomUUID(), opened.plus(Duration.ofHours(5)), leadId, UUID.randomUUID(), decision,
				"ruled", "ceo");
	}

	private static Evidence evidence(@Nullable List<LeadScored.RuleHit> hits, String team) {
		LeadScored score = (hits != null) ? new LeadScored(UUID.randomUUID(), MONDAY, UUID.randomUUID(),
				Leads.salesReady("x@northwind.com", MONDAY), 50, 0, "B", LeadScored.Stage.SALES_READY, null, "v1", 1,
				hits, "fit 50") : null;
		LeadAssigned assignment = new LeadAssigned(UUID.randomUUID(), MONDAY, UUID.randomUUID(), "rep", "Rep", team,
				LeadAssigned.Method.ROUND_ROBIN, "B", 1, List.of());
		return new Evidence(score, assignment, List.of(), List.of(), List.of(), List.of());
	}

	private static LeadScored.RuleHit hit(String ruleId, int points) {
		return new LeadScored.RuleHit(ruleId, ruleId, points);
	}

}
