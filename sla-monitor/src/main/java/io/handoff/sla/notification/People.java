package io.handoff.sla.notification;

import java.time.Duration;
import java.util.Comparator;
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
 * The people of the sales organisation that notifications reach: each rep and their
 * manager, followed from routing's {@code sales.reps} and {@code sales.managers}, so a
 * breach reaches the rep's own manager at their own address.
 */
@Component
class People implements DisposableBean {

	private final CompactedTopicBook<SalesRep> reps;

	private final CompactedTopicBook<SalesManager> managers;

	/** Whether the first wait for the books is over: later calls never block. */
	private volatile boolean waited;

	People(KafkaProperties kafka) {
		this.reps = CompactedTopicBook.reader(Topics.SALES_REPS, kafka.buildConsumerProperties());
		this.managers = CompactedTopicBook.reader(Topics.SALES_MANAGERS, kafka.buildConsumerProperties());
	}

	/**
	 * Whether both books have read what routing wrote: the first call waits up to
	 * {@code wait} for it (the planner's first event after start), later ones answer at
	 * once, so a book that cannot be read holds no listener up.
	 */
	boolean ready(Duration wait) {
		if (!this.waited) {
			boolean ready = this.reps.awaitCaughtUp(wait) && this.managers.awaitCaughtUp(wait);
			this.waited = true;
			return ready;
		}
		return this.reps.caughtUp() && this.managers.caughtUp();
	}

	Optional<SalesRep> rep(String repId) {
		return this.reps.get(repId);
	}

	/**
	 * The manager a rep names, by manager id or by name (as a CRM export names them); of
	 * two with that name, the one of the rep's team, then the first by id, so every
	 * instance picks the same.
	 */
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
		String team = rep(repId).map(SalesRep::team).orElse("");
		return this.managers.all()
			.values()
			.stream()
			.filter((manager) -> manager.name().strip().toLowerCase(Locale.ROOT).equals(name))
			.min(Comparator.comparing((SalesManager manager) -> !team.equals(manager.team()))
				.thenComparing(SalesManager::managerId));
	}

	@Override
	public void destroy() {
		this.reps.close();
		this.managers.close();
	}

}
