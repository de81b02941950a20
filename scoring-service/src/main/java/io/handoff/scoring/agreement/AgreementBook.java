package io.handoff.scoring.agreement;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.handoff.events.CompactedTopicBook;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAgreement.Party;
import io.handoff.events.LeadAgreement.Status;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.Topics;

/**
 * Every version of the agreement, kept on the compacted {@code agreements} topic (keyed by agreement id, plus the
 * record keyed {@link LeadAgreement#ACTIVE_KEY} holding the one in force) and read back from it at start-up. Each
 * change is written and acknowledged before it is answered, so nothing a person was told is saved can be lost. When
 * the topic is empty, the committed starter agreement becomes version 1.
 *
 * <p>One scoring instance writes the agreements; others read the topic.
 */
@Component
public class AgreementBook implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(AgreementBook.class);

	private final KafkaProperties kafka;

	private final String topic;

	private final Resource starter;

	private final Clock clock;

	private final TreeMap<Integer, LeadAgreement> versions = new TreeMap<>();

	private @Nullable CompactedTopicBook<LeadAgreement> book;

	private volatile boolean running;

	public AgreementBook(KafkaProperties kafka,
			@Value("${handoff.scoring.starter-agreement:classpath:agreement/starter-agreement.json}") Resource starter,
			Clock clock) {
		this.kafka = kafka;
		this.topic = Topics.AGREEMENTS.name();
		this.starter = starter;
		this.clock = clock;
	}

	/** Every version, oldest first. */
	public synchronized List<LeadAgreement> all() {
		return List.copyOf(this.versions.values());
	}

	/** The version with {@code agreementId}. */
	public synchronized LeadAgreement get(String agreementId) {
		return this.versions.values()
			.stream()
			.filter((agreement) -> agreement.agreementId().equals(agreementId))
			.findFirst()
			.orElseThrow(() -> new LifecycleException(HttpStatus.NOT_FOUND,
					"No agreement '" + agreementId + "'; GET /api/v1/agreements lists every version"));
	}

	/** The version in force. */
	public synchronized LeadAgreement active() {
		return activeOrNone().orElseThrow(() -> new IllegalStateException("No agreement is in force"));
	}

	private Optional<LeadAgreement> activeOrNone() {
		return this.versions.values().stream().filter((agreement) -> agreement.status() == Status.ACTIVE).findFirst();
	}

	/** Saves {@code content} as a new draft by {@code author}. */
	public synchronized LeadAgreement draft(LeadAgreement content, String author) {
		int version = this.versions.isEmpty() ? 1 : this.versions.lastKey() + 1;
		LeadAgreement draft = AgreementLifecycle.draft(content, version, author, this.clock.instant());
		save(List.of(draft));
		return draft;
	}

	/** Replaces a draft's terms; its signatures are cleared. */
	public synchronized LeadAgreement edit(String agreementId, LeadAgreement content, String author) {
		LeadAgreement edited = AgreementLifecycle.edit(get(agreementId), content, author);
		save(List.of(edited));
		return edited;
	}

	/** Signs a draft for {@code party}. */
	public synchronized LeadAgreement sign(String agreementId, Party party, String signer, Set<String> roles) {
		LeadAgreement signed = AgreementLifecycle.sign(get(agreementId), party, signer, roles, this.clock.instant());
		save(List.of(signed));
		return signed;
	}

	/** Puts a signed draft in force; the version it replaces stays readable as superseded. */
	public synchronized LeadAgreement activate(String agreementId) {
		AgreementLifecycle.Activation activation = AgreementLifecycle.activate(get(agreementId),
				activeOrNone().orElse(null), this.clock.instant());
		List<LeadAgreement> changed = new ArrayList<>();
		if (activation.superseded() != null) {
			changed.add(activation.superseded());
		}
		changed.add(activation.activated());
		save(changed);
		return activation.activated();
	}

	/** Writes the versions, then the one in force under the active key, and waits for the broker's acknowledgement. */
	private void save(List<LeadAgreement> changed) {
		CompactedTopicBook<LeadAgreement> out = this.book;
		if (out == null) {
			throw new IllegalStateException("The agreement book is not started");
		}
		Map<String, @Nullable LeadAgreement> writes = new LinkedHashMap<>();
		for (LeadAgreement agreement : changed) {
			writes.put(agreement.agreementId(), agreement);
		}
		changed.stream()
			.filter((agreement) -> agreement.status() == Status.ACTIVE)
			.forEach((agreement) -> writes.put(LeadAgreement.ACTIVE_KEY, agreement));
		try {
			out.write(writes);
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException("The broker did not acknowledge the agreement; nothing was changed", ex);
		}
		changed.forEach((agreement) -> this.versions.put(agreement.version(), agreement));
	}

	@Override
	public synchronized void start() {
		this.book = new CompactedTopicBook<>(Topics.AGREEMENTS, this.kafka.buildProducerProperties(),
				this.kafka.buildConsumerProperties());
		load();
		if (this.versions.isEmpty()) {
			seed();
		}
		this.running = true;
		logger.info("Agreements: {} version(s); {} in force", this.versions.size(),
				activeOrNone().map(LeadAgreement::agreementId).orElse("none"));
	}

	private void load() {
		book().all().forEach((key, agreement) -> {
			if (!LeadAgreement.ACTIVE_KEY.equals(key)) {
				this.versions.put(agreement.version(), agreement);
			}
		});
	}

	private CompactedTopicBook<LeadAgreement> book() {
		if (this.book == null) {
			throw new IllegalStateException("The agreement book is not started");
		}
		return this.book;
	}

	private void seed() {
		LeadAgreement agreement;
		try (InputStream in = this.starter.getInputStream()) {
			agreement = LeadEventsJson.mapper().readValue(in, LeadAgreement.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the starter agreement " + this.starter, ex);
		}
		List<AgreementProblem> problems = AgreementDocuments.check(agreement);
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The starter agreement " + this.starter + " is not valid: " + problems);
		}
		if (agreement.status() != Status.ACTIVE) {
			throw new IllegalStateException("The starter agreement " + this.starter + " must be ACTIVE and signed");
		}
		save(List.of(agreement));
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.book != null) {
			this.book.close();
			this.book = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Before the stream processors start, so the agreement in force is on the topic when they read it. */
	@Override
	public int getPhase() {
		return 0;
	}

}
