package io.handoff.routing.roster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.handoff.events.Account;
import io.handoff.events.Matching;
import io.handoff.events.Company;
import io.handoff.events.SalesRep;
import io.handoff.events.Territory;

/**
 * The sales organisation at one moment: reps (in a stable order), the accounts they own,
 * and the territories in evaluation order. Immutable; the {@link SalesOrganisation} swaps
 * in a new one on every change.
 *
 * <p>
 * A class rather than a record: besides what it is made of, it keeps the accounts by
 * brand name, derived from the accounts once per roster instead of once per lead that
 * matches no account's domain.
 */
public final class Roster {

	/**
	 * Mail providers anyone can sign up with: their domain says nothing about the lead's
	 * company.
	 */
	static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "yahoo.com", "hotmail.com",
			"outlook.com", "live.com", "msn.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com",
			"gmx.de", "gmx.net", "web.de", "yandex.ru", "mail.ru", "qq.com", "163.com", "rediffmail.com", "zoho.com");

	private static final Set<String> SECOND_LEVEL = Set.of("co", "com", "net", "org", "ac", "gov", "edu", "ltd", "plc");

	private final Map<String, SalesRep> reps;

	private final Map<String, Account> accounts;

	private final List<Territory> territories;

	private final Map<String, List<Account>> brands;

	private final Matching matching;

	private final CompanyNames names;

	/**
	 * A roster.
	 * @param reps every rep by id
	 * @param accounts every account by domain
	 * @param territories every territory
	 * @param matching how accounts are matched beyond domains
	 */
	public Roster(Map<String, SalesRep> reps, Map<String, Account> accounts, List<Territory> territories,
			Matching matching) {
		this.reps = new TreeMap<>(reps);
		// Sorted, as the reps: every instance iterates (and groups brands) in the same
		// order.
		this.accounts = Collections.unmodifiableMap(new TreeMap<>(accounts));
		this.territories = territories.stream()
			.sorted(Comparator.comparingInt(Territory::order).thenComparing(Territory::territoryId))
			.toList();
		this.brands = this.accounts.values()
			.stream()
			.collect(Collectors.groupingBy((account) -> brand(account.domain())));
		this.matching = matching;
		this.names = new CompanyNames(this.accounts.values());
	}

	/** A roster matching by the {@link Matching#DEFAULT default} settings. */
	public Roster(Map<String, SalesRep> reps, Map<String, Account> accounts, List<Territory> territories) {
		this(reps, accounts, territories, Matching.DEFAULT);
	}

	/** How accounts are matched beyond domains. */
	public Matching matching() {
		return this.matching;
	}

	/** The same organisation, matched by {@code matching}. */
	public Roster with(Matching matching) {
		return new Roster(this.reps, this.accounts, this.territories, matching);
	}

	/** Every rep by id, ordered by id. */
	public Map<String, SalesRep> reps() {
		return this.reps;
	}

	/** Every account by domain. */
	public Map<String, Account> accounts() {
		return this.accounts;
	}

	/** Every territory, in evaluation order. */
	public List<Territory> territories() {
		return this.territories;
	}

	/** An empty organisation. */
	public static Roster empty() {
		return new Roster(Map.of(), Map.of(), List.of());
	}

	/** A roster of these reps, accounts and territories. */
	public static Roster of(Collection<SalesRep> reps, Collection<Account> accounts,
			Collection<Territory> territories) {
		return of(reps, accounts, territories, Matching.DEFAULT);
	}

	/** A roster of these reps, accounts and territories, matched by {@code matching}. */
	public static Roster of(Collection<SalesRep> reps, Collection<Account> accounts, Collection<Territory> territories,
			Matching matching) {
		return new Roster(reps.stream().collect(Collectors.toMap(SalesRep::repId, Function.identity())),
				accounts.stream().collect(Collectors.toMap(Account::domain, Function.identity())),
				List.copyOf(territories), matching);
	}

	public Optional<SalesRep> rep(String repId) {
		return Optional.ofNullable(this.reps.get(repId));
	}

	/** The reps of {@code team}, ordered by id. */
	public List<SalesRep> team(String team) {
		return this.reps.values().stream().filter((rep) -> rep.team().equals(team)).toList();
	}

	/** Every team a rep or a territory names. */
	public Set<String> teams() {
		Set<String> teams = new TreeSet<>();
		this.reps.values().forEach((rep) -> teams.add(rep.team()));
		this.territories.forEach((territory) -> teams.add(territory.team()));
		return teams;
	}

	/**
	 * The account a lead belongs to by one of its domains (the company's web domain, then
	 * the email's unless it is a free mail provider): the domain itself without
	 * {@code www.}, a parent of it ({@code eu.acme.com} finds {@code acme.com}), or the
	 * same name under another suffix or without hyphens ({@code acme.co.uk},
	 * {@code acme-corp.com} find {@code acme.com}, {@code acmecorp.com}) when only one
	 * account has that name.
	 */
	public Optional<AccountMatch> account(List<@Nullable String> domains) {
		return account(domains, null);
	}

	/**
	 * The account a lead belongs to by one of its domains, as {@link #account(List)}
	 * finds it, else (where the routing document matches by name) by its company name:
	 * the most similar account name at or above the document's threshold, unless two
	 * accounts are as similar.
	 */
	public Optional<AccountMatch> account(List<@Nullable String> domains, @Nullable String companyName) {
		Optional<AccountMatch> byDomain = accountByDomain(domains);
		if (byDomain.isPresent() || !this.matching.byName() || companyName == null || companyName.isBlank()) {
			return byDomain;
		}
		return this.names.find(companyName, this.matching.nameThreshold())
			.filter((found) -> found.account() != null)
			.map((found) -> new AccountMatch(found.account(), null,
					"company name '" + companyName.strip() + "' is like '" + found.account().name() + "' (similarity "
							+ String.format(Locale.ROOT, "%.2f", found.similarity()) + ", threshold "
							+ this.matching.nameThreshold() + ")",
					found.similarity()));
	}

	/**
	 * Whether two or more accounts are as similar to {@code companyName}, so that none
	 * was taken.
	 */
	public boolean ambiguousName(@Nullable String companyName) {
		return this.matching.byName() && this.names.find(companyName, this.matching.nameThreshold())
			.map((found) -> found.account() == null)
			.orElse(false);
	}

	private Optional<AccountMatch> accountByDomain(List<@Nullable String> domains) {
		List<String> candidates = domains.stream()
			.filter((domain) -> domain != null && !domain.isBlank())
			.map(Roster::normalize)
			.filter((domain) -> !FREE_MAIL.contains(domain))
			.distinct()
			.toList();
		for (String domain : candidates) {
			for (String candidate = domain; candidate
				.contains("."); candidate = candidate.substring(candidate.indexOf('.') + 1)) {
				Account account = this.accounts.get(candidate);
				if (account != null) {
					return Optional.of(new AccountMatch(account, domain,
							candidate.equals(domain) ? "domain " + domain : domain + " is a subdomain of " + candidate,
							1.0));
				}
			}
		}
		for (String domain : candidates) {
			List<Account> sameName = this.brands.getOrDefault(brand(domain), List.of());
			if (sameName.size() == 1) {
				return Optional.of(new AccountMatch(sameName.get(0), domain,
						domain + " is a variant of " + sameName.get(0).domain(), 1.0));
			}
		}
		return Optional.empty();
	}

	/**
	 * The first territory that takes {@code company}, with why each earlier one did not.
	 */
	public TerritoryMatch territory(Company company) {
		List<String> passed = new ArrayList<>();
		for (Territory territory : this.territories) {
			String mismatch = territory.mismatch(company);
			if (mismatch == null) {
				return new TerritoryMatch(territory, passed);
			}
			passed.add(territory.name() + ": " + mismatch);
		}
		return new TerritoryMatch(null, passed);
	}

	static String normalize(String domain) {
		String lower = domain.strip().toLowerCase(Locale.ROOT);
		if (lower.endsWith(".")) {
			lower = lower.substring(0, lower.length() - 1);
		}
		return lower.startsWith("www.") ? lower.substring(4) : lower;
	}

	/**
	 * The registrable name of a domain without hyphens: {@code acme} for
	 * {@code eu.acme.co.uk} and {@code ac-me.com}.
	 */
	static String brand(String domain) {
		String[] labels = normalize(domain).split("\\.");
		int suffix = (labels.length >= 3 && labels[labels.length - 1].length() == 2
				&& SECOND_LEVEL.contains(labels[labels.length - 2])) ? 2 : 1;
		int index = Math.max(0, labels.length - suffix - 1);
		return labels[index].replace("-", "");
	}

	/**
	 * An account found for a lead.
	 *
	 * @param account the account
	 * @param domain the lead's domain that matched, {@code null} when its company name
	 * did
	 * @param how how it matched, in words
	 * @param confidence 1 for a domain, the names' similarity for a company name
	 */
	public record AccountMatch(Account account, @Nullable String domain, String how, double confidence) {
	}

	/**
	 * The territory found for a lead.
	 *
	 * @param territory the first that matched, {@code null} for none
	 * @param passed the territories tried before it and why they did not match
	 */
	public record TerritoryMatch(@Nullable Territory territory, List<String> passed) {
	}

}
