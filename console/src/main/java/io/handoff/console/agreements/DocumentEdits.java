package io.handoff.console.agreements;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Changes to an agreement document as the studio makes them, by the JSON path of each
 * field ({@code fitRules[2].points}): values as typed, items added to and removed from
 * its lists. Each change answers a copy; the document given stays as it was.
 */
final class DocumentEdits {

	private static final Pattern STEP = Pattern.compile("([A-Za-z]+)(?:\\[(\\d+)])?");

	private DocumentEdits() {
	}

	/**
	 * A new item for the list at {@code list}: its fields empty (or typical) for the
	 * person to fill in.
	 */
	static Map<String, Object> newItem(String list) {
		Map<String, Object> item = new LinkedHashMap<>();
		// The SLA's grades by their whole path: its last step is the same as the fit
		// grades'.
		String last = list.equals("sla.grades") ? "slaGrades" : list.substring(list.lastIndexOf('.') + 1);
		switch (last) {
			case "fitRules" -> {
				item.put("id", "");
				item.put("attribute", "");
				item.put("operator", "IN");
				item.put("values", new ArrayList<>());
				item.put("points", null);
			}
			case "targetProfiles" -> {
				item.put("id", "");
				item.put("name", "");
				item.put("conditions", new ArrayList<>(List.of(newItem("conditions"))));
				item.put("points", null);
			}
			case "conditions" -> {
				item.put("attribute", "");
				item.put("operator", "IN");
				item.put("values", new ArrayList<>());
			}
			case "engagementRules" -> {
				item.put("type", "");
				item.put("points", null);
				item.put("cap", null);
				item.put("halfLife", "P30D");
			}
			case "grades" -> {
				item.put("grade", "");
				item.put("minFitScore", null);
				item.put("maxFitScore", null);
			}
			case "mql", "salesReady" -> {
				item.put("minFit", null);
				item.put("minEngagement", null);
			}
			case "returnReasons" -> {
				item.put("code", "");
				item.put("description", "");
			}
			case "segments" -> {
				item.put("dimension", "source");
				item.put("value", "");
				item.put("salesReadyPerWeek", null);
			}
			case "slaGrades" -> {
				item.put("grade", "");
				item.put("firstTouch", "PT4H");
				item.put("followUpAttempts", 3);
				item.put("followUpWithin", "P10D");
			}
			default -> throw new IllegalArgumentException("No list " + list + " in an agreement");
		}
		return item;
	}

	/**
	 * {@code document} with a new item at the end of the list at {@code list}, which must
	 * be one of {@link DocumentFields#lists}.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> withNew(Map<String, Object> document, String list) {
		Map<String, Object> copy = (Map<String, Object>) deepCopy(document);
		Object node = at(copy, list, true);
		if (node instanceof List<?> items) {
			((List<Object>) items).add(newItem(list));
		}
		return copy;
	}

	/**
	 * {@code document} without the item at {@code item}, which must be one of
	 * {@link DocumentFields#items}.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> without(Map<String, Object> document, String item) {
		Map<String, Object> copy = (Map<String, Object>) deepCopy(document);
		int open = item.lastIndexOf('[');
		Object node = at(copy, item.substring(0, open), false);
		int index = Integer.parseInt(item.substring(open + 1, item.length() - 1));
		if (node instanceof List<?> items && index < items.size()) {
			((List<Object>) items).remove(index);
		}
		return copy;
	}

	/**
	 * The node at {@code path} (steps of names and indexes); an absent list is made where
	 * {@code make} says so.
	 */
	@SuppressWarnings("unchecked")
	private static @Nullable Object at(Map<String, Object> document, String path, boolean make) {
		Object node = document;
		String[] steps = path.split("\\.");
		for (int i = 0; i < steps.length; i++) {
			Matcher step = STEP.matcher(steps[i]);
			if (!step.matches() || !(node instanceof Map<?, ?>)) {
				return null;
			}
			Map<String, Object> object = (Map<String, Object>) node;
			node = object.get(step.group(1));
			if (node == null && make && i == steps.length - 1 && step.group(2) == null) {
				node = new ArrayList<>();
				object.put(step.group(1), node);
			}
			if (step.group(2) != null) {
				int index = Integer.parseInt(step.group(2));
				node = (node instanceof List<?> list && index < list.size()) ? list.get(index) : null;
			}
		}
		return node;
	}

	/**
	 * Sets each of {@code values} (path to text as typed) in {@code document}: a number
	 * where the document has a number, empty text as no value; text that is not a number
	 * is kept as text, so scoring's validation names it.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> with(Map<String, Object> document, Map<String, String> values) {
		Map<String, Object> copy = (Map<String, Object>) deepCopy(document);
		values.forEach((path, text) -> set(copy, path, text));
		return copy;
	}

	@SuppressWarnings("unchecked")
	private static void set(Map<String, Object> document, String path, String text) {
		String[] steps = path.split("\\.");
		Object node = document;
		for (int i = 0; i < steps.length; i++) {
			Matcher step = STEP.matcher(steps[i]);
			if (!step.matches() || !(node instanceof Map<?, ?>)) {
				return;
			}
			Map<String, Object> object = (Map<String, Object>) node;
			boolean last = i == steps.length - 1;
			if (step.group(2) == null) {
				if (last) {
					object.put(step.group(1), value(object.get(step.group(1)), text));
					return;
				}
				if (object.get(step.group(1)) == null && text.isBlank()) {
					// Nothing typed for a term the document does not have (a version
					// without a commitment): none.
					return;
				}
				node = object.computeIfAbsent(step.group(1), (name) -> new LinkedHashMap<String, Object>());
			}
			else {
				if (!(object.get(step.group(1)) instanceof List<?> list)) {
					return;
				}
				int index = Integer.parseInt(step.group(2));
				if (index >= list.size()) {
					return;
				}
				if (last) {
					((List<Object>) list).set(index, value(list.get(index), text));
					return;
				}
				node = list.get(index);
			}
		}
	}

	private static @Nullable Object value(@Nullable Object before, String text) {
		if (before instanceof List<?>) {
			// A list of values, one a line.
			return new ArrayList<>(text.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList());
		}
		String typed = text.strip();
		if (typed.isEmpty()) {
			return (before instanceof String) ? "" : null;
		}
		if (before instanceof Boolean) {
			return switch (typed.toLowerCase(Locale.ROOT)) {
				case "true", "yes" -> Boolean.TRUE;
				case "false", "no" -> Boolean.FALSE;
				default -> typed;
			};
		}
		if (before == null || before instanceof Number) {
			try {
				return Integer.valueOf(typed);
			}
			catch (NumberFormatException notWhole) {
				return typed;
			}
		}
		return typed;
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Object deepCopy(@Nullable Object node) {
		if (node instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			((Map<String, Object>) map).forEach((key, value) -> copy.put(key, deepCopy(value)));
			return copy;
		}
		if (node instanceof List<?> list) {
			List<Object> copy = new ArrayList<>();
			list.forEach((item) -> copy.add(deepCopy(item)));
			return copy;
		}
		return node;
	}

}
