package io.handoff.arbitration.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.handoff.events.LeadErased;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadReturned;
import io.handoff.events.LeadScored;
import io.handoff.events.Ruling;
import io.handoff.events.RulingSubmitted;
import io.handoff.events.streams.InputEnds;
import io.handoff.events.streams.LeadProcessor;

/**
 * Keeps each lead's evidence and its cases, carries out what {@link Arbitration} decides,
 * forwards each case's one ruling, and every {@code check} escalates the cases left
 * unruled past their time. A return read before the assignment it follows is held until
 * it is read.
 */
final class CaseKeeper extends LeadProcessor<Object> {

	private final Duration check;

	private final InputEnds inputEnds;

	private KeyValueStore<String, Case> cases;

	private KeyValueStore<String, Evidence> evidence;

	private KeyValueStore<String, LeadScored> scores;

	private KeyValueStore<String, RefusedReturn> refused;

	CaseKeeper(MeterRegistry meters, Duration check, InputEnds inputEnds) {
		super(meters);
		this.check = check;
		this.inputEnds = inputEnds;
	}

	@Override
	protected void open() {
		this.cases = store(CaseTopology.CASES_STORE);
		this.evidence = store(CaseTopology.EVIDENCE_STORE);
		this.scores = store(CaseTopology.SCORES_STORE);
		this.refused = store(CaseTopology.REFUSED_RETURNS_STORE);
		// Registered at zero, so dashboards and alerts see "none yet" rather than "no
		// such metric".
		for (Ruling.Decision decision : LeadEventsJson.writable(Ruling.Decision.class)) {
			counter("handoff.rulings", "decision", decision.name());
		}
		counter("handoff.cases.escalated");
		counter("handoff.returns.refused");
		// Wall-clock time: a ruling comes due whether or not events arrive.
		every(this.check, this::escalateOverdue);
		holdEarly(CaseTopology.EARLY_STORE, this.inputEnds, CaseTopology.EARLY_TICK, CaseTopology.EARLY_WAIT);
	}

	@Override
	protected void takeEvent(String leadId, Object event, long timestamp) {
		if (event instanceof RulingSubmitted submitted) {
			rule(submitted, timestamp);
			return;
		}
		Evidence known = this.evidence.get(leadId);
		Evidence before = (known != null) ? known : Evidence.none();
		if (event instanceof LeadScored scored) {
			LeadScored kept = this.scores.get(leadId);
			Arbitration.Scored after = Arbitration.scored(kept, before, scored);
			if (after.kept() != kept) {
				this.scores.put(leadId, after.kept());
			}
			if (after.evidence() != before) {
				this.evidence.put(leadId, after.evidence());
			}
			return;
		}
		if (event instanceof LeadReturned returned) {
			String refusal = Arbitration.refusal(before, returned);
			// Refused for want of its assignment (none read yet, or another rep's): it
			// waits for the assignment it may follow.
			if (refusal != null && heldForAssignment(leadId)) {
				return;
			}
			if (refusal != null) {
				this.refused.put(returned.eventId().toString(), new RefusedReturn(returned, refusal));
				counter("handoff.returns.refused").increment();
				return;
			}
		}
		this.evidence.put(leadId, before.with(event));
		Case opened = Arbitration.opens(event, this::agreementInForce);
		if (opened != null) {
			open(opened, before);
		}
	}

	/**
	 * The person is forgotten: their evidence, score, cases and refused returns keep what
	 * happened and when, not who they are or what was written about them. Cases and
	 * refused returns are found by a scan of this task's (an erasure is rare).
	 */
	@Override
	protected void erase(LeadErased erasure) {
		UUID leadId = erasure.leadId();
		Evidence known = this.evidence.get(leadId.toString());
		if (known != null) {
			this.evidence.put(leadId.toString(), known.erased());
		}
		LeadScored score = this.scores.get(leadId.toString());
		if (score != null) {
			this.scores.put(leadId.toString(), score.erased());
		}
		List<Case> theirs = new ArrayList<>();
		try (KeyValueIterator<String, Case> all = this.cases.all()) {
			all.forEachRemaining((entry) -> {
				if (entry.value.leadId().equals(leadId)) {
					theirs.add(entry.value);
				}
			});
		}
		theirs.forEach((found) -> this.cases.put(found.caseId().toString(), found.erased()));
		List<KeyValue<String, RefusedReturn>> refusedReturns = new ArrayList<>();
		try (KeyValueIterator<String, RefusedReturn> all = this.refused.all()) {
			all.forEachRemaining((entry) -> {
				if (entry.value.returned().leadId().equals(leadId)) {
					refusedReturns.add(entry);
				}
			});
		}
		refusedReturns.forEach((entry) -> this.refused.put(entry.key,
				new RefusedReturn(entry.value.returned().erased(), entry.value.reason())));
	}

	/**
	 * Takes the first ruling submitted for an open case: closes the case and publishes
	 * the ruling for the other services to carry out.
	 */
	private void rule(RulingSubmitted submitted, long timestamp) {
		Case ruled = Arbitration.ruled(this.cases.get(submitted.caseId().toString()), submitted,
				erased().erased(submitted.leadId().toString()));
		if (ruled == null) {
			counter("handoff.rulings.ignored").increment();
			return;
		}
		this.cases.put(ruled.caseId().toString(), ruled);
		Ruling ruling = submitted.ruling();
		// Written with none of the submission's headers (its type header among them).
		forwardUncaused(submitted.leadId().toString(), ruling, timestamp);
		counter("handoff.rulings", "decision", ruling.decision().name()).increment();
	}

	/** Escalates the open cases past their ruling time to the executives, once each. */
	private void escalateOverdue(Instant now) {
		List<Case> overdue = new ArrayList<>();
		try (KeyValueIterator<String, Case> all = this.cases.all()) {
			all.forEachRemaining((entry) -> {
				if (Arbitration.overdue(entry.value, now)) {
					overdue.add(entry.value);
				}
			});
		}
		for (Case open : overdue) {
			this.cases.put(open.caseId().toString(), open.escalated(now));
			forward(open.leadId().toString(), Arbitration.escalation(open, now), now.toEpochMilli());
			counter("handoff.cases.escalated").increment();
		}
	}

	private void open(Case opened, Evidence known) {
		if (this.cases.putIfAbsent(opened.caseId().toString(), opened) == null) {
			String team = (known.assignment() != null) ? known.assignment().team() : "unknown";
			String reason = (opened.returned() != null) ? opened.returned().reasonCode() : "none";
			counter("handoff.cases.opened", "cause", opened.cause().name(), "team", team, "reason", reason).increment();
		}
	}

}
