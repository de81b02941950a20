package io.handoff.intake.events;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import io.handoff.events.CompactedTopicBook;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadReturned;
import io.handoff.events.Topics;
import io.handoff.intake.problems.UnagreedReturnException;

/**
 * The reasons the agreement in force lets sales send a lead back, followed from the
 * {@code agreements} topic, so intake refuses a return for any other reason before it
 * reaches the services. Intake starts without Kafka: until it has read the topic (or
 * while no agreement is in force) it cannot tell, and takes the return; the services
 * downstream then hold it to the agreement all the same (the lead stays with its rep, the
 * judge gets a case).
 */
@Component
public class ReturnReasons implements DisposableBean {

	private final CompactedTopicBook<LeadAgreement> agreements;

	ReturnReasons(KafkaProperties kafka) {
		this.agreements = CompactedTopicBook.reader(Topics.AGREEMENTS, kafka.buildConsumerProperties());
	}

	/**
	 * Refuses {@code returned} when the agreement in force does not list its reason.
	 * @throws UnagreedReturnException naming the agreed reasons
	 */
	void check(LeadReturned returned) {
		LeadAgreement agreement = inForce();
		if (agreement != null && !agreement.allowsReturnReason(returned.reasonCode())) {
			throw new UnagreedReturnException(returned.reasonCode(), agreement.agreementId(),
					agreement.returnReasons()
						.stream()
						.map((reason) -> new UnagreedReturnException.Agreed(reason.code(), reason.description()))
						.toList());
		}
	}

	/**
	 * The agreement in force as far as intake has read, {@code null} before it has read
	 * one.
	 */
	public @Nullable LeadAgreement inForce() {
		return this.agreements.get(LeadAgreement.ACTIVE_KEY).orElse(null);
	}

	@Override
	public void destroy() {
		this.agreements.close();
	}

}
