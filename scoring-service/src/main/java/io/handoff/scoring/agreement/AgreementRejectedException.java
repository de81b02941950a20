package io.handoff.scoring.agreement;

import java.util.List;

/**
 * An agreement document that cannot be accepted, with every problem found; answered with
 * {@code 400}.
 */
public class AgreementRejectedException extends RuntimeException {

	private final List<AgreementProblem> problems;

	public AgreementRejectedException(List<AgreementProblem> problems) {
		super("The agreement has " + problems.size() + " problem(s): " + problems.get(0).field() + ": "
				+ problems.get(0).message() + ((problems.size() > 1) ? " (see problems for the rest)" : ""));
		this.problems = List.copyOf(problems);
	}

	public List<AgreementProblem> problems() {
		return this.problems;
	}

}
