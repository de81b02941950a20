package io.handoff.test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadAgreement;
import io.handoff.events.SlaTerms.GradeTerms;
import io.handoff.events.LeadAgreement.ReturnReason;
import io.handoff.events.SlaTerms;

/**
 * Agreements in force for tests of the services that read one: only the terms those
 * services use.
 */
public final class TestAgreements {

	static final Instant SIGNED = Instant.parse("2026-11-02T09:30:00Z");

	private TestAgreements() {
	}

	/**
	 * An agreement whose grade A owes a first touch in 2 hours and grade B in
	 * {@code gradeB} (6 and 5 attempts within 10 days), ignored 20 hours after a missed
	 * touch, with the starter's return reasons and three days to rule.
	 */
	public static LeadAgreement inForce(Duration gradeB) {
		return inForce(gradeB, false);
	}

	/**
	 * The same, giving leads only to reps inside their working hours when
	 * {@code assignInWorkingHoursOnly}.
	 */
	public static LeadAgreement inForce(Duration gradeB, boolean assignInWorkingHoursOnly) {
		return inForce(gradeB, assignInWorkingHoursOnly, null);
	}

	/**
	 * The same, asking routing for another rep {@code reassignAfter} a missed first
	 * touch.
	 */
	public static LeadAgreement inForce(Duration gradeB, boolean assignInWorkingHoursOnly,
			@Nullable Duration reassignAfter) {
		return new LeadAgreement("v1", 1, "test agreement", LeadAgreement.Status.ACTIVE, List.of(), List.of(),
				List.of(), List.of(), null, List.of("email"),
				new SlaTerms(
						List.of(new GradeTerms("A", Duration.ofHours(2), 6, Duration.ofDays(10)),
								new GradeTerms("B", gradeB, 5, Duration.ofDays(10))),
						Duration.ofHours(20), assignInWorkingHoursOnly, reassignAfter),
				List.of(new ReturnReason("NOT_A_DECISION_MAKER", "cannot buy"),
						new ReturnReason("NO_BUDGET", "no budget"),
						new ReturnReason("BAD_CONTACT_DATA", "unreachable")),
				Duration.ofDays(3), "test", "", SIGNED, List.of(), SIGNED, null);
	}

}
