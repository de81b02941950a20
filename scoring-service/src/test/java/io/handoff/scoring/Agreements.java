package io.handoff.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.handoff.events.StageRules;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAgreement.FitRule;
import io.handoff.events.LeadEventsJson;

/** The committed starter agreement and variations of it, for tests. */
public final class Agreements {

	private Agreements() {
	}

	/** The starter agreement as committed: version 1, active, signed by both parties. */
	public static LeadAgreement starter() {
		try (InputStream in = Agreements.class.getResourceAsStream("/agreement/starter-agreement.json")) {
			return LeadEventsJson.mapper().readValue(in, LeadAgreement.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The starter agreement with its fit rules changed by {@code change}, as version
	 * {@code version}.
	 */
	public static LeadAgreement withFitRules(int version, UnaryOperator<List<FitRule>> change) {
		LeadAgreement starter = starter();
		List<FitRule> rules = change.apply(new ArrayList<>(starter.fitRules()));
		return new LeadAgreement("v" + version, version, starter.name(), starter.status(), rules,
				starter.targetProfiles(), starter.engagementRules(), starter.grades(), starter.stages(),
				starter.requiredFields(), starter.sla(), starter.returnReasons(), starter.rulingWithin(),
				starter.author(), "test change", starter.createdAt(), starter.signatures(), starter.activatedAt(), null,
				starter.commitment());
	}

	/**
	 * The starter agreement with its stage rules changed by {@code change}, as version
	 * {@code version}.
	 */
	public static LeadAgreement withStages(int version, UnaryOperator<StageRules> change) {
		LeadAgreement starter = starter();
		return new LeadAgreement("v" + version, version, starter.name(), starter.status(), starter.fitRules(),
				starter.targetProfiles(), starter.engagementRules(), starter.grades(), change.apply(starter.stages()),
				starter.requiredFields(), starter.sla(), starter.returnReasons(), starter.rulingWithin(),
				starter.author(), "test change", starter.createdAt(), starter.signatures(), starter.activatedAt(), null,
				starter.commitment());
	}

	/** {@code rules} with the points of rule {@code id} replaced. */
	public static List<FitRule> repoint(List<FitRule> rules, String id, int points) {
		rules.replaceAll((rule) -> rule.id().equals(id)
				? new FitRule(rule.id(), rule.attribute(), rule.operator(), rule.values(), points) : rule);
		return rules;
	}

}
