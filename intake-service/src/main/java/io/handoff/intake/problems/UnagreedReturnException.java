package io.handoff.intake.problems;

import java.util.List;

/**
 * A return whose reason the agreement in force does not list: answered with 422, naming
 * the agreed reasons.
 */
public class UnagreedReturnException extends RuntimeException {

	private final String agreementId;

	private final List<Agreed> agreed;

	public UnagreedReturnException(String reasonCode, String agreementId, List<Agreed> agreed) {
		super("reasonCode " + reasonCode + " is not a reason the agreement in force (" + agreementId
				+ ") lets sales return a lead for; send one of " + agreed.stream().map(Agreed::code).toList()
				+ ", or keep the lead and log what happened as an activity");
		this.agreementId = agreementId;
		this.agreed = List.copyOf(agreed);
	}

	public String agreementId() {
		return this.agreementId;
	}

	public List<Agreed> agreed() {
		return this.agreed;
	}

	/**
	 * One reason the agreement lists.
	 *
	 * @param code what to send as {@code reasonCode}
	 * @param description what it means
	 */
	public record Agreed(String code, String description) {
	}

}
