package io.handoff.console.services;

/**
 * A service did not answer in time, answered with a server error, or its circuit breaker
 * is open.
 */
public class Unavailable extends RuntimeException {

	public Unavailable(String message, Throwable cause) {
		super(message, cause);
	}

}
