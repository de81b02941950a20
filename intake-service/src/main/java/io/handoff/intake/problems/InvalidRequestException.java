package io.handoff.intake.problems;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request refused for what it contains; answered with 400 and every offending field.
 */
public class InvalidRequestException extends RuntimeException {

	private final List<FieldProblem> problems;

	public InvalidRequestException(List<FieldProblem> problems) {
		super(problems.stream().map((p) -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")));
		this.problems = List.copyOf(problems);
	}

	public List<FieldProblem> problems() {
		return this.problems;
	}

}
