package io.handoff.routing.plan;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import io.handoff.events.CompactedTopicBook;
import io.handoff.events.RoutingDocument;
import io.handoff.events.RoutingDocument.Status;
import io.handoff.events.TopicBooks;
import io.handoff.events.Topics;
import io.handoff.routing.roster.RosterProblem;
import io.handoff.routing.roster.SalesOrganisation;

/**
 * Every version of the routing document, on the compacted {@code routing.documents} topic
 * (keyed by version, plus the copy of the one in force under
 * {@link RoutingDocument#ACTIVE_KEY}), as the agreement's versions are kept. A change is
 * decided by one writer among every instance ({@link CompactedTopicBook#decide}), so two
 * instances cannot take the same version number or activate two versions at once: one
 * succeeds, the other answers 409. Activation puts the version's territories and reps'
 * routing in the sales organisation, which routing reads. When the topic is empty, the
 * organisation as it stands becomes version 1; a change made to the organisation directly
 * (a territory saved or removed, reps imported with another weight) is kept as a version
 * of its own, so the history misses none.
 */
@Component
public class RoutingBook extends TopicBooks {

	private static final Logger logger = LoggerFactory.getLogger(RoutingBook.class);

	private final SalesOrganisation organisation;

	private final String writerId;

	private final Clock clock;

	private @Nullable CompactedTopicBook<RoutingDocument> book;

	RoutingBook(KafkaProperties kafka, SalesOrganisation organisation,
			@Value("${handoff.streams.application-id-prefix:handoff}") String deployment, Clock clock) {
		super(kafka.buildProducerProperties(), kafka.buildConsumerProperties());
		this.organisation = organisation;
		this.writerId = deployment + "-routing-writer";
		this.clock = clock;
	}

	/** Every version, newest first. */
	public List<RoutingDocument> all() {
		return List.copyOf(versions(book().all()).descendingMap().values());
	}

	/** Version {@code version}. */
	public RoutingDocument get(int version) {
		return get(versions(book().all()), version);
	}

	/** The version in force. */
	public RoutingDocument active() {
		// The copy under the active key: one record, never read half-way through an
		// activation's writes.
		return book().get(RoutingDocument.ACTIVE_KEY)
			.orElseThrow(() -> new IllegalStateException("No routing document is in force"));
	}

	/**
	 * A new draft by {@code author}: {@code change} applied to the version in force as
	 * the one writer reads it. When {@code basedOn} is given and is no longer the version
	 * in force, nothing is drafted (409): the change was made against another version,
	 * and drafting it over this one would undo what came since.
	 */
	public RoutingDocument draft(UnaryOperator<RoutingDocument> change, @Nullable Integer basedOn,
			@Nullable String note, String author) {
		return decide((versions) -> {
			RoutingDocument active = active(versions).orElseThrow();
			current(basedOn, active);
			RoutingDocument source = change.apply(active);
			RoutingDocument draft = new RoutingDocument(versions.lastKey() + 1, Status.DRAFT, source.territories(),
					source.reps(), source.matching(), active.version(), note, author, this.clock.instant(), null, null,
					null, null);
			refuseProblems(draft);
			return List.of(draft);
		});
	}

	/**
	 * Replaces a draft's routing by {@code change} applied to it; an approval it had is
	 * withdrawn.
	 */
	public RoutingDocument edit(int version, UnaryOperator<RoutingDocument> change, @Nullable String note,
			String author) {
		return decide((versions) -> {
			RoutingDocument draft = editable(get(versions, version));
			RoutingDocument content = change.apply(draft);
			RoutingDocument edited = new RoutingDocument(draft.version(), Status.DRAFT, content.territories(),
					content.reps(), content.matching(), draft.basedOn(), (note != null) ? note : draft.note(), author,
					this.clock.instant(), null, null, null, null);
			refuseProblems(edited);
			return List.of(edited);
		});
	}

	private static void current(@Nullable Integer basedOn, RoutingDocument active) {
		if (basedOn != null && basedOn != active.version()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "The change was made to version " + basedOn
					+ ", but version " + active.version() + " is in force now: make it again to that one");
		}
	}

	/** Sales ops approve a draft as it is now. */
	public RoutingDocument approve(int version, String approver) {
		return decide((versions) -> {
			RoutingDocument draft = editable(get(versions, version));
			if (draft.status() != Status.DRAFT) {
				throw new ResponseStatusException(HttpStatus.CONFLICT,
						"Version " + version + " is approved already, by " + draft.approvedBy()
								+ ": put it in force, or change it to approve it again");
			}
			return List.of(new RoutingDocument(draft.version(), Status.APPROVED, draft.territories(), draft.reps(),
					draft.matching(), draft.basedOn(), draft.note(), draft.author(), draft.createdAt(), approver,
					this.clock.instant(), null, null));
		});
	}

	/**
	 * Puts an approved version in force: the organisation takes its routing, the version
	 * it replaces is superseded, and the other drafts drafted from that one are outdated
	 * (they would undo this change).
	 */
	public RoutingDocument activate(int version, String by) {
		RoutingDocument activated = decide((versions) -> {
			RoutingDocument approved = get(versions, version);
			if (approved.status() != Status.APPROVED) {
				throw new ResponseStatusException(HttpStatus.CONFLICT, "Version " + version + " is " + approved.status()
						+ ": only an approved version can be activated (POST .../approval first)");
			}
			RoutingDocument active = active(versions).orElseThrow();
			if (!Objects.equals(approved.basedOn(), active.version())) {
				throw new ResponseStatusException(HttpStatus.CONFLICT,
						"Version " + version + " was drafted from version " + approved.basedOn() + ", but version "
								+ active.version() + " is in force now: draft again "
								+ "from it, or its changes would be undone");
			}
			RoutingDocument inForce = new RoutingDocument(approved.version(), Status.ACTIVE, approved.territories(),
					approved.reps(), approved.matching(), approved.basedOn(), approved.note(), approved.author(),
					approved.createdAt(), approved.approvedBy(), approved.approvedAt(), by, this.clock.instant());
			// The organisation takes it while this is the one writer, so no direct change
			// comes in between; should the version then fail to be written, the
			// organisation is recorded as it is by the next change or start.
			this.organisation.apply(inForce);
			return RoutingDocuments.activation(versions.values(), active, inForce);
		});
		logger.info("Routing version {} in force, activated by {}", activated.version(), by);
		return activated;
	}

	/**
	 * Keeps the organisation's routing as it stands now as a version in force of its own,
	 * when it differs from the one in force: after a change made to the organisation
	 * directly ({@code how}, by {@code author}).
	 */
	public void recordDirectChange(String how, String author) {
		if (RoutingDocuments.sameRouting(active(), RoutingDocuments.of(this.organisation.roster(), 0, Status.DRAFT,
				null, null, author, this.clock.instant()))) {
			// Availability only (leave, hours): not routing, no version.
			return;
		}
		try {
			decide((versions) -> {
				RoutingDocument active = active(versions).orElseThrow();
				RoutingDocument now = RoutingDocuments.of(this.organisation.roster(), versions.lastKey() + 1,
						Status.ACTIVE, active.version(), "changed directly: " + how, author, this.clock.instant());
				return RoutingDocuments.sameRouting(now, active) ? List.of()
						: RoutingDocuments.activation(versions.values(), active, now);
			});
		}
		catch (RuntimeException ex) {
			// The change itself is saved; only its version is not: the next change or
			// activation keeps it.
			logger.warn("The organisation's change ({}) is saved, but not kept as a routing version: {}", how,
					ex.getMessage());
		}
	}

	private static RoutingDocument editable(RoutingDocument document) {
		if (document.status() != Status.DRAFT && document.status() != Status.APPROVED) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Version " + document.version() + " is "
					+ document.status() + ": only a draft can be changed or approved; draft a new version instead");
		}
		return document;
	}

	private void refuseProblems(RoutingDocument draft) {
		List<String> problems = RoutingDocuments.problems(draft, this.organisation.roster());
		if (!problems.isEmpty()) {
			throw new RosterProblem("Not a valid routing draft", problems);
		}
	}

	private static RoutingDocument get(TreeMap<Integer, RoutingDocument> versions, int version) {
		RoutingDocument document = versions.get(version);
		if (document == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No routing version " + version + "; GET /api/v1/routing/versions lists them");
		}
		return document;
	}

	private static Optional<RoutingDocument> active(TreeMap<Integer, RoutingDocument> versions) {
		return versions.values().stream().filter((document) -> document.status() == Status.ACTIVE).findFirst();
	}

	/**
	 * Decides a change from every version as the one writer, and writes it; answers the
	 * last version changed.
	 */
	private @Nullable RoutingDocument decide(
			Function<TreeMap<Integer, RoutingDocument>, List<RoutingDocument>> change) {
		try {
			return book().decide(this.writerId, (everything) -> {
				List<RoutingDocument> changed = change.apply(versions(everything));
				Map<String, @Nullable RoutingDocument> writes = new LinkedHashMap<>();
				changed.forEach((document) -> writes.put(document.key(), document));
				changed.stream()
					.filter((document) -> document.status() == Status.ACTIVE)
					.forEach((document) -> writes.put(RoutingDocument.ACTIVE_KEY, document));
				return new CompactedTopicBook.Decision<>(writes,
						changed.isEmpty() ? null : changed.get(changed.size() - 1));
			});
		}
		catch (CompactedTopicBook.ConcurrentWriteException ex) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "The routing versions changed at this moment "
					+ "through another instance; nothing was changed: read them again and retry");
		}
	}

	private static TreeMap<Integer, RoutingDocument> versions(Map<String, RoutingDocument> everything) {
		return versions(everything, RoutingDocument.ACTIVE_KEY, RoutingDocument::version);
	}

	private CompactedTopicBook<RoutingDocument> book() {
		return opened(this.book, "routing book");
	}

	@Override
	protected void openBooks() {
		CompactedTopicBook<RoutingDocument> book = open(Topics.ROUTING_DOCUMENTS);
		this.book = book;
		book.onChange(() -> {
			try {
				book.get(RoutingDocument.ACTIVE_KEY)
					.ifPresent((active) -> this.organisation.matching(active.matching()));
			}
			catch (RuntimeException ex) {
				// The follower must go on following whatever happens here.
				logger.warn("Could not take the routing version in force: {}", ex.toString());
			}
		});
		// Version 1 is the organisation as it stands when routing is first versioned.
		book.seed(this.writerId, (everything) -> versions(everything).isEmpty(), () -> {
			RoutingDocument first = RoutingDocuments.of(this.organisation.roster(), 1, Status.ACTIVE, null,
					"the organisation as it stood when routing was first versioned", "handoff", this.clock.instant());
			return Map.of(first.key(), first, RoutingDocument.ACTIVE_KEY, first);
		});
		this.organisation.matching(active().matching());
		// A change to the organisation whose version was not written (an activation or a
		// direct change cut short): the organisation as it is becomes a version of its
		// own, so what routes is what the history says.
		recordDirectChange("the organisation as found at start", "handoff");

		logger.info("Routing: {} version(s); version {} in force", versions(book().all()).size(), active().version());
	}

}
