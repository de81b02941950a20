package io.handoff.scoring.agreement;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.events.LeadAgreement;
import io.handoff.scoring.scores.CompiledAgreement;

/**
 * The agreements a figure over every lead (funnel, preview, calibration) is computed
 * under, as its parameters: each named by id and fingerprint, so that every instance
 * computes its share under the very same content, or answers 503 until it has read it.
 */
public final class FigureAgreements {

	private FigureAgreements() {
	}

	/**
	 * {@code <role>} and {@code <role>-fingerprint}: the version, for the instances asked
	 * for their shares.
	 */
	public static Map<String, String> parameters(String role, LeadAgreement version) {
		return Map.of(role, version.agreementId(), role + "-fingerprint", AgreementBook.fingerprint(version));
	}

	/** The version the parameters name, as the instance that asked saw it, compiled. */
	public static CompiledAgreement compiled(AgreementBook book, Map<String, String> asked, String role) {
		return CompiledAgreement.of(book.get(required(asked, role), required(asked, role + "-fingerprint")));
	}

	/** A parameter every share needs; a request without it is refused. */
	public static String required(Map<String, String> asked, String name) {
		String value = asked.get(name);
		if (value == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The figure needs its parameter " + name);
		}
		return value;
	}

}
