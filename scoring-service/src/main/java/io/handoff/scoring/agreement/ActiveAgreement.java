package io.handoff.scoring.agreement;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadEventsJson;

/**
 * The agreement in force. Loaded at start-up from a document ({@code handoff.scoring.agreement}, the committed
 * starter agreement unless configured); refused at start-up if it could not score leads consistently.
 */
@Component
public class ActiveAgreement {

	private final LeadAgreement agreement;

	public ActiveAgreement(@Value("${handoff.scoring.agreement:classpath:agreement/starter-agreement.json}") Resource document)
			throws IOException {
		try (InputStream in = document.getInputStream()) {
			this.agreement = LeadEventsJson.mapper().readValue(in, LeadAgreement.class);
		}
		if (this.agreement.grades().isEmpty()) {
			throw new IllegalStateException("The agreement in " + document + " has no grade bands");
		}
		if (this.agreement.mqlThreshold() > this.agreement.salesReadyThreshold()) {
			throw new IllegalStateException("The agreement in " + document
					+ " makes leads sales-ready before they are marketing-qualified: mqlThreshold "
					+ this.agreement.mqlThreshold() + " > salesReadyThreshold " + this.agreement.salesReadyThreshold());
		}
	}

	public LeadAgreement get() {
		return this.agreement;
	}

}
