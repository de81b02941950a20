package io.handoff.routing.roster;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A change to the sales organisation or its routing that the checks refuse, with every
 * problem at once: answered 400 with the problems listed ({@code problems}), so a person
 * fixes them all in one go.
 */
public class RosterProblem extends RuntimeException {

	private final String title;

	private final List<String> problems;

	/**
	 * A refusal.
	 * @param title what was refused, for the problem's title
	 * @param problems each problem in words
	 */
	public RosterProblem(String title, List<String> problems) {
		super(String.join("; ", problems));
		this.title = title;
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}

	/** Answers every refusal of the organisation's checks as problem details. */
	@RestControllerAdvice
	static class Answer {

		@ExceptionHandler(RosterProblem.class)
		ProblemDetail refused(RosterProblem problem) {
			ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, problem.getMessage());
			detail.setTitle(problem.title);
			detail.setProperty("problems", problem.problems());
			return detail;
		}

	}

}
