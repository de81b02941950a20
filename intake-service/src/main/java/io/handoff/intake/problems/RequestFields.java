package io.handoff.intake.problems;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.handoff.events.LeadEventsJson;

/**
 * Reads the fields of a JSON object one by one, collecting every problem instead of
 * stopping at the first, so a refusal names all that was wrong. Fields nobody asked for
 * stay available as {@link #unread()}.
 */
public final class RequestFields {

	private final String prefix;

	private final Map<String, @Nullable Object> body;

	private final List<FieldProblem> problems;

	private final Set<String> read = new HashSet<>();

	public RequestFields(Map<String, @Nullable Object> body) {
		this("", body, new ArrayList<>());
	}

	private RequestFields(String prefix, Map<String, @Nullable Object> body, List<FieldProblem> problems) {
		this.prefix = prefix;
		this.body = body;
		this.problems = problems;
	}

	/**
	 * A text field, trimmed, with runs of white space folded; {@code null} when absent or
	 * blank.
	 */
	public @Nullable String text(String name, int maxLength) {
		String text = take(name, String.class, "a string");
		if (text == null) {
			return null;
		}
		String cleaned = clean(text).strip().replaceAll("\\s+", " ");
		if (cleaned.length() > maxLength) {
			problem(name, "must be at most " + maxLength + " characters long, not " + cleaned.length());
			return null;
		}
		return cleaned.isEmpty() ? null : cleaned;
	}

	/**
	 * {@code text} without the characters that have no place in a name or a note: control
	 * characters other than tab and line breaks, and the invisible ones that reorder or
	 * hide what a person reads (bidirectional overrides and isolates, zero-width spaces,
	 * byte-order marks), which could make a lead's name read differently in a CRM, a
	 * console page or an e-mail than it is. Joiners that scripts and emoji need stay.
	 */
	public static String clean(String text) {
		StringBuilder cleaned = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean drop = (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') || c == '\u00AD'
					|| c == '\u061C' || c == '\u200B' || c == '\u200E' || c == '\u200F' || c == '\u2028'
					|| c == '\u2029' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2060' && c <= '\u2064')
					|| (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF';
			if (drop && cleaned == null) {
				cleaned = new StringBuilder(text.length()).append(text, 0, i);
			}
			else if (!drop && cleaned != null) {
				cleaned.append(c);
			}
		}
		return (cleaned != null) ? cleaned.toString() : text;
	}

	/** A text field that must be there. */
	public @Nullable String requiredText(String name, int maxLength) {
		boolean present = this.body.get(name) != null;
		String value = text(name, maxLength);
		if (value == null && (!present || this.body.get(name) instanceof String)) {
			problem(name, "is required");
		}
		return value;
	}

	/** A whole number between {@code min} and {@code max}; {@code null} when absent. */
	public @Nullable Integer integer(String name, int min, int max) {
		Object value = take(name);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Integer || value instanceof Long)) {
			problem(name, "must be a whole number, not " + kind(value));
			return null;
		}
		long number = ((Number) value).longValue();
		if (number < min || number > max) {
			problem(name, "must be between " + min + " and " + max + ", not " + number);
			return null;
		}
		return (int) number;
	}

	/**
	 * One of the names of {@code type} that a writer may write, in any case; {@code null}
	 * when absent.
	 */
	public <E extends Enum<E>> @Nullable E oneOf(String name, Class<E> type, boolean required) {
		String value = required ? requiredText(name, 64) : text(name, 64);
		if (value == null) {
			return null;
		}
		List<E> writable = LeadEventsJson.writable(type);
		for (E known : writable) {
			if (known.name().equalsIgnoreCase(value)) {
				return known;
			}
		}
		problem(name, "must be one of " + writable + ", not '" + value + "'");
		return null;
	}

	/**
	 * A code such as {@code DEMO_REQUEST}: letters, digits and underscores, upper-cased.
	 */
	public @Nullable String code(String name, boolean required) {
		String value = required ? requiredText(name, 64) : text(name, 64);
		if (value == null) {
			return null;
		}
		String code = value.toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
		if (!code.matches("[A-Z][A-Z0-9_]{1,63}")) {
			problem(name,
					"must be a code of letters, digits and underscores such as DEMO_REQUEST, not '" + value + "'");
			return null;
		}
		return code;
	}

	/** A non-negative amount of money; {@code null} when absent. */
	public @Nullable BigDecimal amount(String name) {
		Number number = take(name, Number.class, "a number");
		if (number == null) {
			return null;
		}
		BigDecimal amount = new BigDecimal(number.toString());
		if (amount.signum() < 0) {
			problem(name, "must not be negative: " + amount);
			return null;
		}
		return amount;
	}

	/** An ISO-8601 instant not in the future; {@code fallback} when absent. */
	public Instant pastInstant(String name, Instant now, Instant fallback) {
		String value = text(name, 64);
		if (value == null) {
			return fallback;
		}
		try {
			Instant instant = Instant.parse(value);
			if (instant.isAfter(now.plusSeconds(60))) {
				problem(name, "must not be in the future: " + value);
				return fallback;
			}
			return instant;
		}
		catch (DateTimeParseException ex) {
			problem(name, "must be an ISO-8601 instant such as 2026-11-23T09:30:00Z, not '" + value + "'");
			return fallback;
		}
	}

	/** A nested object; an empty one when absent. */
	public RequestFields object(String name) {
		Object value = take(name);
		if (value instanceof Map<?, ?> map) {
			@SuppressWarnings("unchecked")
			Map<String, @Nullable Object> nested = (Map<String, @Nullable Object>) map;
			return new RequestFields(this.prefix + name + ".", nested, this.problems);
		}
		if (value != null) {
			problem(name, "must be an object, not " + kind(value));
		}
		return new RequestFields(this.prefix + name + ".", Map.of(), this.problems);
	}

	/** The fields not read so far, as sent. */
	public Map<String, Object> unread() {
		Map<String, Object> unread = new LinkedHashMap<>();
		this.body.forEach((key, value) -> {
			if (!this.read.contains(key) && value != null) {
				unread.put(key, value);
			}
		});
		return unread;
	}

	/** Records a problem with a field of this object. */
	public void problem(String name, String message) {
		this.problems.add(new FieldProblem(this.prefix + name, message));
	}

	/** Whether a problem was recorded for {@code name} of this object. */
	public boolean hasProblem(String name) {
		return this.problems.stream().anyMatch((problem) -> problem.field().equals(this.prefix + name));
	}

	/** Refuses the request if anything was wrong. */
	public void throwIfInvalid() {
		if (!this.problems.isEmpty()) {
			throw new InvalidRequestException(this.problems);
		}
	}

	private @Nullable Object take(String name) {
		this.read.add(name);
		return this.body.get(name);
	}

	/**
	 * The field if it is a {@code type}; {@code null} when absent, or when it is not
	 * ({@code expected} names what it must be, in the problem recorded).
	 */
	private <T> @Nullable T take(String name, Class<T> type, String expected) {
		Object value = take(name);
		if (value != null && !type.isInstance(value)) {
			problem(name, "must be " + expected + ", not " + kind(value));
			return null;
		}
		return type.cast(value);
	}

	private static String kind(Object value) {
		if (value instanceof String) {
			return "a string";
		}
		if (value instanceof Number) {
			return "a number";
		}
		if (value instanceof Boolean) {
			return "a boolean";
		}
		if (value instanceof List) {
			return "an array";
		}
		return "an object";
	}

}
