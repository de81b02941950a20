package io.handoff.sla.notification;

/**
 * A delivery that will never succeed as it is (an address the server refuses, a webhook
 * that answers 4xx): it goes to the dead-letter topic at once instead of being retried.
 */
public class PermanentDeliveryException extends RuntimeException {

	public PermanentDeliveryException(String message, Throwable cause) {
		super(message, cause);
	}

	public PermanentDeliveryException(String message) {
		super(message);
	}

}
