package io.handoff.events;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What sales owes a sales-ready lead.
 *
 * @param grades the terms per fit grade
 * @param ignoredAfter further time after a missed first touch before the lead counts as
 * ignored
 * @param assignInWorkingHoursOnly whether round robin gives leads only to reps inside
 * their working hours (absent: no)
 * @param reassignAfter further time after a missed first touch before the lead goes to
 * another rep (absent: never; the lead stays with its rep until it counts as ignored)
 */
public record SlaTerms(List<GradeTerms> grades, Duration ignoredAfter, @Nullable Boolean assignInWorkingHoursOnly,
		@Nullable Duration reassignAfter) {

	public SlaTerms {
		grades = Lists.copyOf(grades);
	}

	public SlaTerms(List<GradeTerms> grades, Duration ignoredAfter) {
		this(grades, ignoredAfter, null, null);
	}

	/** Whether leads go only to reps inside their working hours. */
	public boolean workingHoursOnly() {
		return Boolean.TRUE.equals(this.assignInWorkingHoursOnly);
	}

	/**
	 * The terms for a lead of {@code grade}: its own, else the last (least demanding)
	 * grade's.
	 */
	public GradeTerms forGrade(@Nullable String grade) {
		return this.grades.stream()
			.filter((terms) -> terms.grade().equals(grade))
			.findFirst()
			.orElse(this.grades.get(this.grades.size() - 1));
	}

	/**
	 * What sales owes a sales-ready lead of one grade.
	 *
	 * @param grade the fit grade
	 * @param firstTouch time from assignment to the first touch, in business hours
	 * @param followUpAttempts how many attempts sales makes ...
	 * @param followUpWithin ... within this period from assignment
	 */
	public record GradeTerms(String grade, Duration firstTouch, int followUpAttempts, Duration followUpWithin) {
	}

}
