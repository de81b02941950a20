package io.handoff.intake.problems;

/**
 * One thing wrong with one field of a request.
 *
 * @param field the field, as a JSON path ({@code company.employees})
 * @param message what was wrong and what to send instead
 */
public record FieldProblem(String field, String message) {
}
