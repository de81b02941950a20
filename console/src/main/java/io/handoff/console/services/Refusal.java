package io.handoff.console.services;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A service understood the request and said no (a 4xx problem detail): the person is
 * shown why, beside the field it names where there is one. A refusal says nothing about
 * the service's health.
 */
public class Refusal extends RuntimeException {

	private final int status;

	private final List<Problem> problems;

	public Refusal(int status, String detail, List<Problem> problems) {
		super(detail);
		this.status = status;
		this.problems = List.copyOf(problems);
	}

	public int status() {
		return this.status;
	}

	/**
	 * What was wrong, field by field when the service named fields (validation of an
	 * agreement, say).
	 */
	public List<Problem> problems() {
		return this.problems;
	}

	/**
	 * The problems that name {@code field} (a JSON path such as
	 * {@code fitRules[2].points}).
	 */
	public List<String> about(String field) {
		return this.problems.stream().filter((problem) -> field.equals(problem.field())).map(Problem::message).toList();
	}

	/**
	 * One thing that was wrong.
	 *
	 * @param field the field it is about, or {@code null}
	 * @param message what was wrong
	 */
	public record Problem(@Nullable String field, String message) {

		@SuppressWarnings("unchecked")
		static List<Problem> from(Map<String, Object> problemDetail) {
			Object errors = problemDetail.get("errors");
			if (errors == null) {
				errors = problemDetail.get("problems");
			}
			if (!(errors instanceof List<?> list)) {
				return List.of();
			}
			return list.stream().map((item) -> {
				if (item instanceof Map<?, ?> map) {
					Object field = ((Map<String, Object>) map).getOrDefault("path",
							((Map<String, Object>) map).get("field"));
					Object message = ((Map<String, Object>) map).getOrDefault("message",
							((Map<String, Object>) map).get("detail"));
					return new Problem((field != null) ? field.toString() : null, String.valueOf(message));
				}
				return new Problem(null, String.valueOf(item));
			}).toList();
		}

	}

}
