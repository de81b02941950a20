package io.handoff.scoring.agreement;

/**
 * One thing wrong with an agreement document.
 *
 * @param field where, as a path into the document ({@code fitRules[3].operator})
 * @param message what is wrong and what to send instead
 */
public record AgreementProblem(String field, String message) {
}
