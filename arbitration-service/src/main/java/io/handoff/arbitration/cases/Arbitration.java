package io.handoff.arbitration.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.handoff.events.CaseEscalated;
import io.handoff.events.FromNewerRelease;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadIds;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadScored;
import io.handoff.events.Ruling;
import io.handoff.events.RulingSubmitted;
import io.handoff.events.SlaEvent;

/**
 * Arbitration's decisions: which scores a lead's evidence keeps, which returns and
 * ignored leads open a case, which submission rules a case, and which cases go to the
 * executives unruled. Plain Java: the topology keeps the cases and the evidence and
 * carries out what this decides.
 */
final class Arbitration {

	private Arbitration() {
	}

	/**
	 * What a score does to the evidence: only a lead that reached sales can come before
	 * the judge, so its scores are kept from its first sales-ready one on (and every
	 * later one, down as well as up), no other lead's.
	 * @param kept the lead's latest score kept so far
	 * @param evidence its evidence so far
	 * @param scored the score read
	 */
	static Scored scored(@Nullable LeadScored kept, Evidence evidence, LeadScored scored) {
		if (kept == null && scored.stage() != LeadScored.Stage.SALES_READY) {
			return new Scored(kept, evidence);
		}
		// Every score from then on stays in the lead's evidence, with the rules that
		// fired.
		return new Scored(Evidence.latest(kept, scored), evidence.withScore(scored));
	}

	/**
	 * Why a return opens no case, or {@code null}: only the lead's assignee may send it
	 * back. (A return for a reason the agreement does not list opens a case of its own:
	 * the lead stays with its rep.)
	 */
	static @Nullable String refusal(Evidence evidence, LeadReturned returned) {
		if (evidence.assignment() == null) {
			return "lead " + returned.leadId() + " was never assigned, so no rep may return it";
		}
		if (!evidence.assignment().repId().equals(returned.repId())) {
			return "lead " + returned.leadId() + " is assigned to " + evidence.assignment().repId() + ", not to "
					+ returned.repId() + "; only the assigned rep may return it";
		}
		return null;
	}

	/**
	 * The case an event opens, or {@code null}: a return the assignee made (see
	 * {@link #refusal}), or an ignored lead; the judge must rule within the agreement's
	 * {@code rulingWithin}.
	 */
	static @Nullable Case opens(Object event, Supplier<@Nullable LeadAgreement> inForce) {
		if (event instanceof LeadReturned returned) {
			LeadAgreement agreement = inForce.get();
			return Case.returned(returned, LeadAgreement.agreedReturn(agreement, returned.reasonCode()),
					rulingWithin(agreement));
		}
		if (event instanceof SlaEvent sla && sla.type() == SlaEvent.Type.IGNORED) {
			return Case.ignored(sla, rulingWithin(inForce.get()));
		}
		return null;
	}

	private static @Nullable Duration rulingWithin(@Nullable LeadAgreement agreement) {
		return (agreement != null) ? agreement.rulingWithin() : null;
	}

	/**
	 * The case as the submission rules it, or {@code null} when it rules nothing: a case
	 * is ruled once, so a later submission, from whichever instance the judge reached,
	 * changes nothing. The case of a person erased meanwhile keeps the decision, not the
	 * judge's words about them.
	 * @throws FromNewerRelease for a decision a newer release added, which this one
	 * cannot rule on
	 */
	static @Nullable Case ruled(@Nullable Case open, RulingSubmitted submitted, boolean erased) {
		if (submitted.decision() == Ruling.Decision.UNKNOWN) {
			// Ruled through a newer release's API while this one still runs.
			throw new FromNewerRelease("Case " + submitted.caseId() + " was ruled with a decision");
		}
		if (open == null || open.status() == Case.Status.RULED || !open.leadId().equals(submitted.leadId())) {
			return null;
		}
		return open.ruled(erased ? submitted.ruling().erased() : submitted.ruling());
	}

	/**
	 * Whether {@code open} is past its ruling time at {@code now} and not yet escalated
	 * (a case is escalated once).
	 */
	static boolean overdue(Case open, Instant now) {
		return open.status() == Case.Status.OPEN && open.escalatedAt() == null && open.rulingDue() != null
				&& !open.rulingDue().isAfter(now);
	}

	/**
	 * The escalation of an overdue case to the executives; its id is the case's, so a
	 * replay raises no second.
	 */
	static CaseEscalated escalation(Case overdue, Instant now) {
		return new CaseEscalated(LeadIds.nameBased("escalation:" + overdue.caseId()), now, overdue.leadId(),
				overdue.caseId(), overdue.repId(), overdue.cause().name(), overdue.openedAt(), overdue.rulingDue());
	}

	/**
	 * A score read.
	 *
	 * @param kept the latest score to keep
	 * @param evidence the evidence with it
	 */
	record Scored(@Nullable LeadScored kept, Evidence evidence) {
	}

}
