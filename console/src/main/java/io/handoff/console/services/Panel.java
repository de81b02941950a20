package io.handoff.console.services;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * What one panel of a page shows: the service's answer, or why it cannot be shown. A page
 * is built from panels, so one service down greys out its panels and leaves the others
 * working.
 *
 * @param value the answer, when there is one
 * @param problem why there is none
 * @param <T> the answer's type
 */
public record Panel<T>(@Nullable T value, @Nullable String problem) {

	/** Fills the panel now; a refusal or an unavailable service becomes its problem. */
	public static <T> Panel<T> of(Supplier<T> source) {
		try {
			return new Panel<>(source.get(), null);
		}
		catch (Refusal | Unavailable ex) {
			return new Panel<>(null, ex.getMessage());
		}
	}

	public boolean ok() {
		return this.value != null;
	}

	/** The answer, or {@code otherwise} when there is none. */
	public T orElse(T otherwise) {
		return (this.value != null) ? this.value : otherwise;
	}

}
