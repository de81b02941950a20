package io.handoff.scoring.agreement;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.handoff.events.CompactedTopicBook;
import io.handoff.events.LeadAgreement;
import io.handoff.events.LeadAgreement.Party;
import io.handoff.events.LeadAgreement.Status;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.Topic;
import io.handoff.events.TopicBooks;
import io.handoff.events.Topics;

/**
 * Every version of the agreement, kept on the compacted {@code agreements} topic (keyed
 * by agreement id, plus the record keyed {@link LeadAgreement#ACTIVE_KEY} holding the one
 * in force) and read back from it at start-up. Each change is written and acknowledged
 * before it is answered, so nothing a person was told is saved can be lost. When the
 * topic is empty, the committed starter agreement becomes version 1.
 *
 * <p>
 * Every instance reads the topic as it changes, so each answers the same. A change is
 * decided by one writer among every instance ({@link CompactedTopicBook#decide}): from
 * the topic read to its end, under a transactional id all instances share; two instances
 * changing the agreements at the same moment cannot both take the same version number or
 * both activate a version: one succeeds, the other answers {@code 409} and changes
 * nothing (or {@code 503} when its commit is in doubt: see
 * {@link CompactedTopicBook.WriteFailedException}).
 */
@Component
public class AgreementBook extends TopicBooks {

	private static final Logger logger = LoggerFactory.getLogger(AgreementBook.class);

	private final Topic<LeadAgreement> topic;

	private final String writerId;

	private final Resource starter;

	private final Clock clock;

	private @Nullable CompactedTopicBook<LeadAgreement> book;

	@Autowired
	public AgreementBook(KafkaProperties kafka,
			@Value("${handoff.scoring.starter-agreement:classpath:agreement/starter-agreement.json}") Resource starter,
			@Value("${handoff.streams.application-id-prefix:handoff}") String deployment, Clock clock) {
		this(kafka, Topics.AGREEMENTS, deployment + "-agreement-writer", starter, clock);
	}

	AgreementBook(KafkaProperties kafka, Topic<LeadAgreement> topic, String writerId, Resource starter, Clock clock) {
		super(kafka.buildProducerProperties(), kafka.buildConsumerProperties());
		this.topic = topic;
		this.writerId = writerId;
		this.starter = starter;
		this.clock = clock;
	}

	/** Every version, oldest first. */
	public List<LeadAgreement> all() {
		return List.copyOf(versions(book().all()).values());
	}

	/** The version with {@code agreementId}. */
	public LeadAgreement get(String agreementId) {
		return get(versions(book().all()), agreementId);
	}

	private static LeadAgreement get(TreeMap<Integer, LeadAgreement> versions, String agreementId) {
		return find(versions, agreementId).orElseThrow(() -> new LifecycleException(HttpStatus.NOT_FOUND,
				"No agreement '" + agreementId + "'; GET /api/v1/agreements lists every version"));
	}

	private static Optional<LeadAgreement> find(TreeMap<Integer, LeadAgreement> versions, String agreementId) {
		return versions.values()
			.stream()
			.filter((agreement) -> agreement.agreementId().equals(agreementId))
			.findFirst();
	}

	/**
	 * A fingerprint of the version's whole content: what another instance checks before
	 * it computes a share of a figure under the version (a draft edited a moment ago
	 * keeps its id).
	 */
	public static String fingerprint(LeadAgreement agreement) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(LeadEventsJson.mapper().writeValueAsBytes(agreement));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	/**
	 * The version {@code agreementId} as another instance saw it ({@code fingerprint}),
	 * waiting a moment for this instance to read it when it has not yet (a draft made or
	 * edited through the other instance).
	 * @throws org.apache.kafka.streams.errors.InvalidStateStoreException when it has not
	 * read that content within 2 s: the figure answers 503, to be asked again
	 */
	public LeadAgreement get(String agreementId, String fingerprint) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
		while (true) {
			LeadAgreement known = find(versions(book().all()), agreementId).orElse(null);
			if (known != null && fingerprint(known).equals(fingerprint)) {
				return known;
			}
			if (System.nanoTime() > deadline) {
				throw new InvalidStateStoreException(
						"This instance has not read " + "agreement " + agreementId + " as it is now yet");
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for agreement " + agreementId, ex);
			}
		}
	}

	/** The version in force. */
	public LeadAgreement active() {
		return activeOrNone(versions(book().all()))
			.orElseThrow(() -> new IllegalStateException("No agreement is in force"));
	}

	private static Optional<LeadAgreement> activeOrNone(TreeMap<Integer, LeadAgreement> versions) {
		return versions.values().stream().filter((agreement) -> agreement.status() == Status.ACTIVE).findFirst();
	}

	/** Saves {@code content} as a new draft by {@code author}. */
	public LeadAgreement draft(LeadAgreement content, String author) {
		return decide((versions) -> {
			int version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
			return List.of(AgreementLifecycle.draft(content, version, author, this.clock.instant()));
		});
	}

	/** Replaces a draft's terms; its signatures are cleared. */
	public LeadAgreement edit(String agreementId, LeadAgreement content, String author) {
		return decide((versions) -> List.of(AgreementLifecycle.edit(get(versions, agreementId), content, author)));
	}

	/** Signs a draft for {@code party}. */
	public LeadAgreement sign(String agreementId, Party party, String signer, Set<String> roles) {
		return decide((versions) -> List
			.of(AgreementLifecycle.sign(get(versions, agreementId), party, signer, roles, this.clock.instant())));
	}

	/**
	 * Puts a signed draft in force; the version it replaces stays readable as superseded.
	 */
	public LeadAgreement activate(String agreementId) {
		return decide((versions) -> {
			AgreementLifecycle.Activation activation = AgreementLifecycle.activate(get(versions, agreementId),
					activeOrNone(versions).orElse(null), this.clock.instant());
			List<LeadAgreement> changed = new ArrayList<>();
			if (activation.superseded() != null) {
				changed.add(activation.superseded());
			}
			changed.add(activation.activated());
			return changed;
		});
	}

	/**
	 * Decides a change from every version on the topic, as the one writer among the
	 * instances, and writes the versions it changes, then the one in force under the
	 * active key; answers the last one changed.
	 */
	private LeadAgreement decide(Function<TreeMap<Integer, LeadAgreement>, List<LeadAgreement>> change) {
		try {
			return book().decide(this.writerId, (everything) -> {
				List<LeadAgreement> changed = change.apply(versions(everything));
				Map<String, @Nullable LeadAgreement> writes = new LinkedHashMap<>();
				for (LeadAgreement agreement : changed) {
					writes.put(agreement.agreementId(), agreement);
				}
				changed.stream()
					.filter((agreement) -> agreement.status() == Status.ACTIVE)
					.forEach((agreement) -> writes.put(LeadAgreement.ACTIVE_KEY, agreement));
				return new CompactedTopicBook.Decision<>(writes, changed.get(changed.size() - 1));
			});
		}
		catch (CompactedTopicBook.ConcurrentWriteException ex) {
			throw new LifecycleException(HttpStatus.CONFLICT,
					"The agreements changed at this moment through another instance; nothing was changed: read them "
							+ "again and retry");
		}
	}

	/**
	 * Every version on the topic by version number (the record under the active key is a
	 * copy of one of them).
	 */
	private static TreeMap<Integer, LeadAgreement> versions(Map<String, LeadAgreement> everything) {
		return versions(everything, LeadAgreement.ACTIVE_KEY, LeadAgreement::version);
	}

	@Override
	protected void openBooks() {
		this.book = open(this.topic);
		if (versions(this.book.all()).isEmpty()) {
			seed();
		}
		logger.info("Agreements: {} version(s); {} in force", all().size(),
				activeOrNone(versions(book().all())).map(LeadAgreement::agreementId).orElse("none"));
	}

	private CompactedTopicBook<LeadAgreement> book() {
		return opened(this.book, "agreement book");
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
		// Two instances starting on an empty topic: the second finds the first one's
		// version 1 and writes nothing.
		LeadAgreement starterAgreement = agreement;
		book().seed(this.writerId, (everything) -> versions(everything).isEmpty(), () -> Map
			.of(starterAgreement.agreementId(), starterAgreement, LeadAgreement.ACTIVE_KEY, starterAgreement));
	}

}
