package io.handoff.sla.notification;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import io.handoff.events.CompactedTopicBook;
import io.handoff.events.SalesManager;
import io.handoff.events.SalesRep;
import io.handoff.events.Topics;

/**
 * The people of the sales organisation that notifications reach: each rep and their manager, followed from routing's
 * {@code sales.reps} and {@code sales.managers}, so a breach reaches the rep's own manager at their own address.
 */
@Component
class People implements DisposableBean {

	private final CompactedTopicBook<SalesRep> reps;

	private final CompactedTopicBook<SalesManager> managers;

	People(KafkaProperties kafka) {
		this.reps = CompactedTopicBook.reader(Topics.SALES_REPS, kafka.buildConsumerProperties());
		this.managers = CompactedTopicBook.reader(Topics.SALES_MANAGERS, kafka.buildConsumerProperties());
	}

	/** Waits up to {@code wait} for both books to have read what routing wrote; whether they have. */
	boolean ready(Duration wait) {
		return this.reps.awaitCaughtUp(wait) && this.managers.awaitCaughtUp(wait);
	}

	Optional<SalesRep> rep(String repId) {
		return this.reps.get(repId);
	}

	/** The manager a rep names, by manager id or by name (as a CRM export names them). */
	Optional<SalesManager> managerOf(String repId) {
		String named = rep(repId).map(SalesRep::manager).orElse(null);
		if (named == null || named.isBlank()) {
			return Optional.empty();
		}
		Optional<SalesManager> byId = this.managers.get(named);
		if (byId.isPresent()) {
			return byId;
		}
		String name = named.strip().toLowerCase(Locale.ROOT);
		return this.managers.all()
			.values()
			.stream()
			.filter((manager) -> manager.name().strip().toLowerCase(Locale.ROOT).equals(name))
			.findFirst();
	}

	@Override
	public void destroy() {
		this.reps.close();
		this.managers.close();
	}

}
