package io.handoff.arbitration.scorecard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.handoff.arbitration.cases.Case;
import io.handoff.arbitration.cases.Evidence;
import io.handoff.arbitration.cases.RefusedReturn;
import io.handoff.events.LeadScored;
import io.handoff.events.Ruling;

/**
 * The scorecard for the cases opened in a period: what sales returned and why, how the
 * judge ruled (upheld returns count against marketing's lead quality, follow-ups and
 * reassignments against sales), who ignored leads, how old the open cases are, and per
 * agreement rule how often the leads it qualified were returned for cause: the facts for
 * revisiting the lead definition.
 *
 * @param from the start of the period (inclusive)
 * @param to its end (exclusive)
 * @param returnsByReason returned leads per reason code (the agreed reasons)
 * @param returnsWithoutAgreedReason returns for a reason the agreement does not list,
 * each a case while the lead stays with its rep
 * @param refusedReturns returns refused (from a rep the lead is not with, or of a lead
 * never assigned)
 * @param rulings rulings per decision
 * @param upheldShare the share of ruled returns upheld (sent back to marketing for cause)
 * @param againstMarketing rulings that count against marketing (RETURN_TO_MARKETING)
 * @param againstSales rulings that count against sales (FOLLOW_UP_REQUIRED, REASSIGN)
 * @param ignoredByRep ignored leads per rep
 * @param ignoredByTeam ignored leads per team
 * @param openCases cases still open now
 * @param oldestOpenCase the age of the oldest open case
 * @param medianOpenCaseAge the median age of the open cases
 * @param escalated cases that went to the executives unruled
 * @param rules per rule that qualified a lead returned for cause, how many such leads
 */
public record Scorecard(Instant from, Instant to, Map<String, Integer> returnsByReason, int returnsWithoutAgreedReason,
		int refusedReturns, Map<Ruling.Decision, Integer> rulings, @Nullable Double upheldShare, int againstMarketing,
		int againstSales, Map<String, Integer> ignoredByRep, Map<String, Integer> ignoredByTeam, int openCases,
		@Nullable Duration oldestOpenCase, @Nullable Duration medianOpenCaseAge, int escalated,
		Map<String, Integer> rules) {

	/**
	 * The scorecard of the cases opened within {@code [from, to)}, open-case ages as of
	 * {@code now}.
	 */
	public static Scorecard of(List<Case> cases, Function<UUID, Evidence> evidence, List<RefusedReturn> refused,
			Instant from, Instant to, Instant now) {
		Map<String, Integer> returnsByReason = new TreeMap<>();
		Map<Ruling.Decision, Integer> rulings = new TreeMap<>();
		Map<String, Integer> ignoredByRep = new TreeMap<>();
		Map<String, Integer> ignoredByTeam = new TreeMap<>();
		Map<String, Integer> rules = new TreeMap<>();
		List<Duration> openAges = new ArrayList<>();
		int ruledReturns = 0;
		int unagreedReturns = 0;
		int upheldReturns = 0;
		int escalated = 0;
		for (Case found : cases) {
			if (found.openedAt().isBefore(from) || !found.openedAt().isBefore(to)) {
				continue;
			}
			Evidence known = evidence.apply(found.leadId());
			if (found.cause() == Case.Cause.RETURNED && found.returned() != null) {
				returnsByReason.merge(found.returned().reasonCode(), 1, Integer::sum);
			}
			if (found.cause() == Case.Cause.RETURNED_WITHOUT_AGREED_REASON) {
				unagreedReturns++;
			}
			if (found.cause() == Case.Cause.IGNORED) {
				ignoredByRep.merge(found.repId(), 1, Integer::sum);
				String team = (known.assignment() != null) ? known.assignment().team() : "(unknown)";
				ignoredByTeam.merge(team, 1, Integer::sum);
			}
			if (found.escalatedAt() != null) {
				escalated++;
			}
			Ruling ruling = found.ruling();
			if (ruling == null) {
				openAges.add(Duration.between(found.openedAt(), now));
				continue;
			}
			rulings.merge(ruling.decision(), 1, Integer::sum);
			boolean forCause = ruling.decision() == Ruling.Decision.RETURN_TO_MARKETING;
			if (found.cause() == Case.Cause.RETURNED) {
				ruledReturns++;
				upheldReturns += forCause ? 1 : 0;
			}
			if (forCause && known.score() != null) {
				for (LeadScored.RuleHit hit : known.score().explanation()) {
					if (hit.points() > 0) {
						rules.merge(hit.ruleId(), 1, Integer::sum);
					}
				}
			}
		}
		int refusedInPeriod = (int) refused.stream()
			.filter((refusal) -> !refusal.returned().occurredAt().isBefore(from)
					&& refusal.returned().occurredAt().isBefore(to))
			.count();
		openAges.sort(null);
		int againstMarketing = rulings.getOrDefault(Ruling.Decision.RETURN_TO_MARKETING, 0);
		int againstSales = rulings.getOrDefault(Ruling.Decision.FOLLOW_UP_REQUIRED, 0)
				+ rulings.getOrDefault(Ruling.Decision.REASSIGN, 0);
		return new Scorecard(from, to, returnsByReason, unagreedReturns, refusedInPeriod, rulings,
				(ruledReturns > 0) ? (double) upheldReturns / ruledReturns : null, againstMarketing, againstSales,
				ignoredByRep, ignoredByTeam, openAges.size(),
				openAges.isEmpty() ? null : openAges.get(openAges.size() - 1),
				openAges.isEmpty() ? null : openAges.get((openAges.size() - 1) / 2), escalated, rules);
	}

}
