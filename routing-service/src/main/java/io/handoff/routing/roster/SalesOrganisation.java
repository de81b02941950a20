package io.handoff.routing.roster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import io.handoff.events.Account;
import io.handoff.events.CompactedTopicBook;
import io.handoff.events.Matching;
import io.handoff.events.RoutingDocument;
import io.handoff.events.SalesManager;
import io.handoff.events.SalesRep;
import io.handoff.events.Territory;
import io.handoff.events.TopicBooks;
import io.handoff.events.Topics;

/**
 * The sales organisation, kept on the compacted topics {@code sales.reps},
 * {@code sales.managers}, {@code sales.accounts} and {@code sales.territories}: read at
 * start (before routing starts) and followed, so every routing instance works with the
 * same organisation. Changes are written and acknowledged before they are answered. When
 * the topics are empty and {@code handoff.routing.seed} names a directory, its
 * {@code managers.csv}, {@code reps.csv}, {@code territories.csv} and
 * {@code accounts.csv} are imported (the local stack's demo organisation).
 */
@Component
public class SalesOrganisation extends TopicBooks {

	private static final Logger logger = LoggerFactory.getLogger(SalesOrganisation.class);

	private final ResourceLoader resources;

	private final String seed;

	private @Nullable CompactedTopicBook<SalesRep> reps;

	private @Nullable CompactedTopicBook<SalesManager> managers;

	private @Nullable CompactedTopicBook<Account> accounts;

	private @Nullable CompactedTopicBook<Territory> territories;

	private volatile Roster roster = Roster.empty();

	/** How accounts are matched: the routing document in force says. */
	private volatile Matching matching = Matching.DEFAULT;

	public SalesOrganisation(KafkaProperties kafka, ResourceLoader resources,
			@Value("${handoff.routing.seed:}") String seed) {
		super(kafka.buildProducerProperties(), kafka.buildConsumerProperties());
		this.resources = resources;
		this.seed = seed;
	}

	/** The organisation now. */
	public Roster roster() {
		return this.roster;
	}

	/**
	 * Matches accounts by {@code matching} from now on (the routing document in force
	 * changed).
	 */
	public void matching(Matching matching) {
		this.matching = matching;
		rebuild();
	}

	/**
	 * Puts a routing document's territories and reps' routing in the organisation:
	 * territories it has not are removed, reps' availability stays as it is, reps it does
	 * not name keep their routing. Written and acknowledged before it answers.
	 */
	public void apply(RoutingDocument document) {
		Map<String, @Nullable Territory> territories = new LinkedHashMap<>();
		book(this.territories).all().keySet().forEach((territoryId) -> territories.put(territoryId, null));
		document.territories().forEach((territory) -> territories.put(territory.territoryId(), territory));
		Map<String, @Nullable SalesRep> reps = new LinkedHashMap<>();
		document.reps().forEach((repId, routing) -> book(this.reps).get(repId).ifPresent((rep) -> {
			if (!RoutingDocument.RepRouting.of(rep).equals(routing)) {
				reps.put(repId, routing.applyTo(rep));
			}
		}));
		if (!reps.isEmpty()) {
			book(this.reps).write(reps);
		}
		book(this.territories).write(territories);
		matching(document.matching());
	}

	/** Saves one rep; the problems, if any, refuse it. */
	public SalesRep put(SalesRep rep) {
		return saved(RosterChecks.rep(rep), this.reps, rep.repId(), rep);
	}

	/** Saves one manager; the problems, if any, refuse it. */
	public SalesManager put(SalesManager manager) {
		return saved(RosterChecks.manager(manager), this.managers, manager.managerId(), manager);
	}

	/** Every manager, by manager id. */
	public Map<String, SalesManager> managers() {
		return new TreeMap<>(book(this.managers).all());
	}

	public Account put(Account account) {
		Account normal = new Account(Roster.normalize(account.domain()), account.name(), account.ownerRepId(),
				account.sector(), account.employees());
		return saved(RosterChecks.account(normal, (repId) -> this.roster.reps().containsKey(repId)), this.accounts,
				normal.domain(), normal);
	}

	public Territory put(Territory territory) {
		return saved(RosterChecks.territory(territory), this.territories, territory.territoryId(), territory);
	}

	/** Removes a territory; {@code false} when there was none. */
	public boolean removeTerritory(String territoryId) {
		if (book(this.territories).get(territoryId).isEmpty()) {
			return false;
		}
		Map<String, @Nullable Territory> removal = new LinkedHashMap<>();
		removal.put(territoryId, null);
		book(this.territories).write(removal);
		return true;
	}

	/** Imports reps from CSV: good lines are saved, bad ones reported. */
	public ImportReport importReps(String csv) {
		return save("reps", RosterCsv.reps(csv), SalesRep::repId, book(this.reps));
	}

	/** Imports managers from CSV: good lines are saved, bad ones reported. */
	public ImportReport importManagers(String csv) {
		return save("managers", RosterCsv.managers(csv), SalesManager::managerId, book(this.managers));
	}

	/** Imports accounts from CSV; owners must be reps already. */
	public ImportReport importAccounts(String csv) {
		return save("accounts", RosterCsv.accounts(csv, (repId) -> this.roster.reps().containsKey(repId)),
				Account::domain, book(this.accounts));
	}

	public ImportReport importTerritories(String csv) {
		return save("territories", RosterCsv.territories(csv), Territory::territoryId, book(this.territories));
	}

	private <T> ImportReport save(String kind, RosterCsv.Parsed<T> parsed, Function<T, String> key,
			CompactedTopicBook<T> book) {
		Map<String, @Nullable T> rows = new LinkedHashMap<>();
		parsed.rows().forEach((row) -> rows.put(key.apply(row), row));
		if (!rows.isEmpty()) {
			book.write(rows);
		}
		return new ImportReport(kind, parsed.lines(), parsed.rows().size(), parsed.rejected());
	}

	/** {@code value}, saved under {@code key} unless {@code problems} refuse it. */
	private <V> V saved(List<String> problems, @Nullable CompactedTopicBook<V> book, String key, V value) {
		refuse(problems);
		book(book).write(Map.of(key, value));
		return value;
	}

	private static void refuse(List<String> problems) {
		if (!problems.isEmpty()) {
			throw new RosterProblem("Not a valid entry of the sales organisation", problems);
		}
	}

	private <T> CompactedTopicBook<T> book(@Nullable CompactedTopicBook<T> book) {
		return opened(book, "sales organisation");
	}

	/**
	 * Builds the roster from what the three books hold now. Serialized: the books'
	 * followers and a write each call it after a change, and a build that read the books
	 * before another's change must not replace that one's roster (a rep import right
	 * after start-up was partly undone that way, for good).
	 */
	private synchronized void rebuild() {
		CompactedTopicBook<SalesRep> reps = this.reps;
		CompactedTopicBook<Account> accounts = this.accounts;
		CompactedTopicBook<Territory> territories = this.territories;
		if (reps != null && accounts != null && territories != null) {
			this.roster = Roster.of(reps.all().values(), accounts.all().values(), territories.all().values(),
					this.matching);
		}
	}

	@Override
	protected void openBooks() {
		this.reps = open(Topics.SALES_REPS);
		this.managers = open(Topics.SALES_MANAGERS);
		this.accounts = open(Topics.SALES_ACCOUNTS);
		this.territories = open(Topics.SALES_TERRITORIES);
		for (CompactedTopicBook<?> book : List.of(this.reps, this.accounts, this.territories)) {
			book.onChange(this::rebuild);
		}
		rebuild();
		if (this.roster.reps().isEmpty() && this.roster.territories().isEmpty() && !this.seed.isBlank()) {
			seed();
		}
		else if (book(this.managers).all().isEmpty() && !this.seed.isBlank()) {
			// An organisation seeded before managers were kept: its managers are seeded
			// now.
			seed("managers.csv", this::importManagers);
		}
		logger.info("Sales organisation: {} reps in {} teams, {} territories, {} accounts", this.roster.reps().size(),
				this.roster.teams().size(), this.roster.territories().size(), this.roster.accounts().size());
	}

	private void seed() {
		seed("managers.csv", this::importManagers);
		for (Map.Entry<String, Function<String, ImportReport>> file : Map
			.<String, Function<String, ImportReport>>of("reps.csv", this::importReps, "territories.csv",
					this::importTerritories)
			.entrySet()) {
			seed(file.getKey(), file.getValue());
		}
		seed("accounts.csv", this::importAccounts);
	}

	private void seed(String file, Function<String, ImportReport> importer) {
		String location = this.seed.endsWith("/") ? this.seed + file : this.seed + "/" + file;
		Resource resource = this.resources.getResource(location);
		try (InputStream in = resource.getInputStream()) {
			ImportReport report = importer.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			if (!report.rejected().isEmpty()) {
				throw new IllegalStateException("The seed " + location + " has bad lines: " + report.rejected());
			}
			logger.info("Seeded {} {} from {}", report.accepted(), report.kind(), location);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the seed " + location, ex);
		}
	}

	/**
	 * What an import did.
	 *
	 * @param kind reps, managers, accounts or territories
	 * @param lines data lines read
	 * @param accepted lines saved
	 * @param rejected lines refused, with their line numbers and reasons
	 */
	public record ImportReport(String kind, int lines, int accepted, List<RosterCsv.Rejected> rejected) {
	}

}
