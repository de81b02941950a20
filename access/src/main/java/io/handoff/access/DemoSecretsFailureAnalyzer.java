package io.handoff.access;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says at start which settings still hold a demo secret and what to do about it, instead
 * of a stack trace.
 */
class DemoSecretsFailureAnalyzer extends AbstractFailureAnalyzer<DemoSecrets.Found> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DemoSecrets.Found cause) {
		return new FailureAnalysis(
				"These settings hold the local stack's public demo passwords or keys (the '" + DemoSecrets.PROFILE
						+ "' profile is not active), or a password that is not encoded: "
						+ String.join(", ", cause.settings()),
				"Replace each one with your own (a bcrypt hash for a password, the SHA-256 of a new key; for example "
						+ "HANDOFF_PEOPLE_0_PASSWORD from a Secret), or start with --spring.profiles.active="
						+ DemoSecrets.PROFILE + " for a demo on this machine (deploy/local/run does).",
				cause);
	}

}
