package io.handoff.intake.cloudevents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.handoff.intake.events.EventKind;
import io.handoff.intake.problems.FieldProblem;
import io.handoff.intake.problems.InvalidRequestException;

/**
 * A CloudEvent (specification 1.0) carrying one of intake's events as its data.
 *
 * @param id the event's id at its source; with {@code source}, what makes a resend
 * recognisable
 * @param source where it came from
 * @param kind the kind its {@code type} names
 * @param data the payload, as the plain HTTP endpoint takes it
 */
public record CloudEvent(String id, String source, EventKind kind, Map<String, @Nullable Object> data) {

	/** The only specification version accepted. */
	static final String SPEC_VERSION = "1.0";

	/**
	 * Reads the context attributes and data of a CloudEvent, or refuses it naming every
	 * problem.
	 * @param prefix how attributes are named in problems ({@code ""} for structured mode,
	 * {@code ce-} for binary)
	 */
	static CloudEvent read(String prefix, @Nullable Object specVersion, @Nullable Object id, @Nullable Object source,
			@Nullable Object type, @Nullable Object data) {
		List<FieldProblem> problems = new ArrayList<>();
		if (!SPEC_VERSION.equals(specVersion)) {
			problems.add(new FieldProblem(prefix + "specversion", "must be \"1.0\", not " + specVersion));
		}
		requireText(prefix + "id", id, problems);
		requireText(prefix + "source", source, problems);
		EventKind kind = null;
		if (requireText(prefix + "type", type, problems)) {
			kind = EventKind.ofCloudEventType((String) type).orElse(null);
			if (kind == null) {
				problems.add(new FieldProblem(prefix + "type",
						"must be one of " + Arrays.stream(EventKind.values()).map(EventKind::cloudEventType).toList()
								+ ", not '" + type + "'"));
			}
		}
		if (!(data instanceof Map)) {
			problems.add(new FieldProblem("data", "must be the event as a JSON object"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		@SuppressWarnings("unchecked")
		Map<String, @Nullable Object> payload = (Map<String, @Nullable Object>) data;
		return new CloudEvent((String) id, (String) source, kind, payload);
	}

	/** Reads a structured-mode CloudEvent: attributes and data in one JSON object. */
	static CloudEvent structured(Map<String, @Nullable Object> event) {
		return read("", event.get("specversion"), event.get("id"), event.get("source"), event.get("type"),
				event.get("data"));
	}

	private static boolean requireText(String name, @Nullable Object value, List<FieldProblem> problems) {
		if (value instanceof String text && !text.isBlank()) {
			return true;
		}
		problems.add(new FieldProblem(name, "is required (a non-empty string)"));
		return false;
	}

	/**
	 * The key that makes a resend of this event answer like the first: its source and id.
	 */
	String idempotencyKey() {
		return this.source + " " + this.id;
	}

}
