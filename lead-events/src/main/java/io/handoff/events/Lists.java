package io.handoff.events;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** Lists as Handoff's records keep them. */
public final class Lists {

	private Lists() {
	}

	/**
	 * An unmodifiable copy of {@code list}; an empty list for none (a field a writer left
	 * out, an earlier release among them).
	 */
	public static <T> List<T> copyOf(@Nullable List<T> list) {
		return (list != null) ? List.copyOf(list) : List.of();
	}

}
