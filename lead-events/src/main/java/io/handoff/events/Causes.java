package io.handoff.events;

import java.util.Arrays;

/** What a failure was caused by, looking through its chain of causes. */
public final class Causes {

	private Causes() {
	}

	/**
	 * Whether {@code failure}, or any failure that caused it, is one of {@code kinds}.
	 */
	@SafeVarargs
	public static boolean any(Throwable failure, Class<? extends Throwable>... kinds) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			Throwable current = cause;
			if (Arrays.stream(kinds).anyMatch((kind) -> kind.isInstance(current))) {
				return true;
			}
		}
		return false;
	}

}
