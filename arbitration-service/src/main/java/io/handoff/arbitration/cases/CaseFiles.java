package io.handoff.arbitration.cases;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.handoff.events.LeadScored;
import io.handoff.instances.ClusterStore;
import io.handoff.instances.ClusterStores;

/**
 * Reads the cases, their evidence and the refused returns, from whichever instance keeps
 * each lead's, for the judge's desk and the scorecard.
 */
@Component
public class CaseFiles {

	private final ClusterStore<Case> cases;

	private final ClusterStore<Evidence> evidence;

	private final ClusterStore<LeadScored> scores;

	private final ClusterStore<RefusedReturn> refused;

	CaseFiles(ClusterStores stores) {
		this.cases = stores.store(CaseTopology.CASES_STORE, Case.class);
		this.evidence = stores.store(CaseTopology.EVIDENCE_STORE, Evidence.class);
		this.scores = stores.store(CaseTopology.SCORES_STORE, LeadScored.class);
		this.refused = stores.store(CaseTopology.REFUSED_RETURNS_STORE, RefusedReturn.class);
	}

	/** Every case, oldest first. */
	public List<Case> cases() {
		List<Case> found = new ArrayList<>(this.cases.all());
		found.sort(Comparator.comparing(Case::openedAt));
		return found;
	}

	/**
	 * The cases in the partitions this instance runs now, for its share of the open-cases
	 * gauge (summed over instances, each case counts once).
	 */
	public List<Case> casesHere() {
		return this.cases.here();
	}

	/**
	 * A case; cases live with their lead, so one whose lead is not known is looked for in
	 * every partition.
	 */
	public @Nullable Case get(UUID caseId) {
		return this.cases.find(caseId.toString());
	}

	/** A case of a known lead, read in that lead's partition only. */
	public @Nullable Case get(UUID caseId, UUID leadId) {
		return this.cases.get(caseId.toString(), leadId.toString());
	}

	/** What is known of a lead. */
	public Evidence evidence(UUID leadId) {
		return Evidence.of(this.evidence.get(leadId.toString()), this.scores.get(leadId.toString()));
	}

	/** Returns that opened no case, oldest first. */
	public List<RefusedReturn> refusedReturns() {
		List<RefusedReturn> found = new ArrayList<>(this.refused.all());
		found.sort(Comparator.comparing((refusal) -> refusal.returned().occurredAt()));
		return found;
	}

}
