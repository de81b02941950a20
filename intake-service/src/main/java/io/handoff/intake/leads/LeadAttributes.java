package io.handoff.intake.leads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.handoff.intake.problems.RequestFields;

/**
 * The fields a platform sends beyond the known ones, kept as sent but bounded: every
 * stored profile carries them into the funnel, calibration and previews, and every event
 * about the lead carries them downstream, so one lead cannot be allowed to grow without
 * end. Text in them is cleaned as a name is (no control or invisible reordering
 * characters).
 */
final class LeadAttributes {

	/** The most attributes one lead keeps. */
	static final int MAX_COUNT = 100;

	/** The longest attribute name. */
	static final int MAX_NAME = 100;

	/** The longest text in an attribute. */
	static final int MAX_TEXT = 2_000;

	/**
	 * How deep objects and lists may nest inside an attribute (an attribute holding an
	 * object is depth 1).
	 */
	static final int MAX_DEPTH = 3;

	/** The most values (objects, lists, texts, numbers) inside one attribute. */
	static final int MAX_VALUES = 200;

	private LeadAttributes() {
	}

	/**
	 * The attributes, cleaned; each one beyond a bound is a problem naming it
	 * ({@code attributes.<name>}).
	 */
	static Map<String, Object> bounded(Map<String, Object> sent, RequestFields problems) {
		if (sent.size() > MAX_COUNT) {
			problems.problem("attributes", "at most " + MAX_COUNT + " attributes per lead, not " + sent.size());
			return Map.of();
		}
		Map<String, Object> kept = new LinkedHashMap<>();
		sent.forEach((name, value) -> {
			String field = "attributes." + ((name.length() > MAX_NAME) ? name.substring(0, MAX_NAME) + "..." : name);
			if (name.length() > MAX_NAME || RequestFields.clean(name).isBlank()) {
				problems.problem(field, "an attribute's name must be 1 to " + MAX_NAME + " visible characters");
				return;
			}
			int[] values = { 0 };
			String refused = check(value, 0, values);
			if (refused != null) {
				problems.problem(field, refused);
				return;
			}
			kept.put(RequestFields.clean(name), cleaned(value));
		});
		return kept;
	}

	private static @Nullable String check(@Nullable Object value, int depth, int[] values) {
		if (++values[0] > MAX_VALUES) {
			return "holds more than " + MAX_VALUES + " values";
		}
		if (value instanceof String text && text.length() > MAX_TEXT) {
			return "must be at most " + MAX_TEXT + " characters long, not " + text.length();
		}
		if (value instanceof Map<?, ?> || value instanceof List<?>) {
			if (depth + 1 > MAX_DEPTH) {
				return "nests objects and lists deeper than " + MAX_DEPTH + " levels";
			}
			Iterable<?> children = (value instanceof Map<?, ?> map) ? map.values() : (List<?>) value;
			for (Object child : children) {
				String refused = check(child, depth + 1, values);
				if (refused != null) {
					return refused;
				}
			}
		}
		return null;
	}

	private static @Nullable Object cleaned(@Nullable Object value) {
		if (value instanceof String text) {
			return RequestFields.clean(text);
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, @Nullable Object> copy = new LinkedHashMap<>();
			map.forEach((key, child) -> copy.put(RequestFields.clean(String.valueOf(key)), cleaned(child)));
			return copy;
		}
		if (value instanceof List<?> list) {
			List<@Nullable Object> copy = new ArrayList<>();
			list.forEach((child) -> copy.add(cleaned(child)));
			return copy;
		}
		return value;
	}

}
