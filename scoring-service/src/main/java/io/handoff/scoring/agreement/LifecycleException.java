package io.handoff.scoring.agreement;

import org.springframework.http.HttpStatus;

/**
 * A step of the agreement lifecycle that is not allowed now (activating without both
 * signatures, editing an active version, signing for a party one does not belong to),
 * with the reason.
 */
public class LifecycleException extends RuntimeException {

	private final HttpStatus status;

	public LifecycleException(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	public HttpStatus status() {
		return this.status;
	}

}
