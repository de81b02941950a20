package io.handoff.scoring.agreement;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.handoff.events.LeadAgreement;
import io.handoff.events.Commitment;
import io.handoff.events.Commitment.SegmentCommitment;
import io.handoff.events.SlaTerms;
import io.handoff.scoring.Agreements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AgreementDiffTests {

	@Test
	void theCommitmentAndEverySlaTermShowInTheDiffSegmentsMatchedBySegment() {
		LeadAgreement before = Agreements.starter();
		SlaTerms sla = before.sla();
		LeadAgreement after = with(before, new SlaTerms(sla.grades(), sla.ignoredAfter(), true, Duration.ofHours(6)),
				new Commitment(180, List.of(new SegmentCommitment("grade", "A", 60),
						new SegmentCommitment("country", "India", 90))));

		assertThat(AgreementDiff.between(before, after).changes())
			.extracting(AgreementDiff.Change::term, AgreementDiff.Change::kind)
			.containsExactly(tuple("sla.assignInWorkingHoursOnly", AgreementDiff.Kind.CHANGED),
					tuple("sla.reassignAfter", AgreementDiff.Kind.CHANGED),
					tuple("commitment.salesReadyPerWeek", AgreementDiff.Kind.CHANGED),
					tuple("commitment.segments[grade=A]", AgreementDiff.Kind.CHANGED),
					tuple("commitment.segments[source=Google]", AgreementDiff.Kind.REMOVED),
					tuple("commitment.segments[country=India]", AgreementDiff.Kind.ADDED));
		assertThat(AgreementDiff.between(before, before).changes()).isEmpty();
	}

	private static LeadAgreement with(LeadAgreement a, SlaTerms sla, Commitment commitment) {
		return new LeadAgreement("v2", 2, a.name(), LeadAgreement.Status.DRAFT, a.fitRules(), a.targetProfiles(),
				a.engagementRules(), a.grades(), a.stages(), a.requiredFields(), sla, a.returnReasons(),
				a.rulingWithin(), a.author(), a.changeNote(), a.createdAt(), List.of(), null, null, commitment);
	}

}
