package io.handoff.intake.problems;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import io.handoff.events.LeadEventsJson;

/**
 * Problem details written by filters, which answer before Spring MVC (and its
 * problem-details support) runs.
 */
public final class ProblemResponses {

	private ProblemResponses() {
	}

	/** Answers with {@code status} and an RFC 9457 problem saying {@code detail}. */
	public static void write(HttpServletResponse response, HttpStatus status, String title, String detail)
			throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "https://handoff.io/problems/" + status.name().toLowerCase(Locale.ROOT).replace('_', '-'));
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		LeadEventsJson.mapper().writeValue(response.getOutputStream(), problem);
	}

}
