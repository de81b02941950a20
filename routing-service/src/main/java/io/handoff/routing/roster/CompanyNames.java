package io.handoff.routing.roster;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.jspecify.annotations.Nullable;

import io.handoff.events.Account;

/**
 * Finds an account by the company name a lead gives, for a lead whose domains find none
 * (a free-mail address, a company domain nobody knows): names are compared normalised
 * (case, accents, punctuation, {@code &} and {@code and}, legal suffixes such as
 * {@code Corp.}, {@code Inc}, {@code GmbH} and a leading {@code The} set aside), by
 * Jaro-Winkler similarity (Apache Commons Text). The best account at or above the
 * threshold matches, unless another account is as close (within {@link #AMBIGUOUS}): then
 * none does, since a guess would give the lead to the wrong owner. Built once per roster,
 * and remembers what the most recent names found.
 */
final class CompanyNames {

	/**
	 * The longest name compared: company names are short, and the similarity's cost grows
	 * with the length.
	 */
	static final int LONGEST = 120;

	/** Two accounts this close to a name are both as likely: neither is taken. */
	static final double AMBIGUOUS = 0.02;

	/** Words that say what kind of company it is, not which. */
	private static final Set<String> LEGAL = Set.of("inc", "incorporated", "corp", "corporation", "co", "company",
			"ltd", "limited", "llc", "llp", "lp", "plc", "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa", "bv",
			"nv", "oy", "ab", "as", "aps", "pty", "pte", "kk", "sl", "sro", "group", "holdings");

	private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();

	/** The most names remembered: past it, the memory starts again. */
	static final int RECENT = 10_000;

	private final List<Named> accounts;

	private final Map<String, Closest> recent = new ConcurrentHashMap<>();

	CompanyNames(Collection<Account> accounts) {
		List<Named> named = new ArrayList<>();
		for (Account account : accounts) {
			String normal = normalize(account.name());
			if (!normal.isEmpty()) {
				named.add(new Named(normal, account));
			}
		}
		this.accounts = List.copyOf(named);
	}

	/**
	 * The account named like {@code name}, with how similar, at or above
	 * {@code threshold}.
	 */
	Optional<Found> find(@Nullable String name, double threshold) {
		Closest closest = (name != null) ? closest(name) : Closest.NONE;
		if (closest.best() == null || closest.bestScore() < threshold) {
			return Optional.empty();
		}
		boolean ambiguous = closest.runnerUp() >= threshold && closest.runnerUp() >= closest.bestScore() - AMBIGUOUS;
		return Optional.of(new Found(ambiguous ? null : closest.best(), closest.normal(), closest.bestScore()));
	}

	/**
	 * The accounts closest to {@code name}: remembered for the most recent names, since a
	 * company sends many leads and routing asks twice per lead (the match, and whether
	 * the name was ambiguous), while the roster stays as it is (a changed roster builds
	 * new names).
	 */
	private Closest closest(String name) {
		if (name.length() > 4 * LONGEST) {
			// Longer than a company name: not worth remembering.
			return compare(name);
		}
		Closest known = this.recent.get(name);
		if (known == null) {
			known = compare(name);
			if (this.recent.size() >= RECENT) {
				this.recent.clear();
			}
			this.recent.put(name, known);
		}
		return known;
	}

	private Closest compare(String name) {
		String normal = normalize(name);
		if (normal.length() > LONGEST) {
			normal = normal.substring(0, LONGEST);
		}
		if (normal.isEmpty()) {
			return Closest.NONE;
		}
		Account best = null;
		double bestScore = -1;
		double runnerUp = -1;
		for (Named candidate : this.accounts) {
			double score = SIMILARITY.apply(normal, candidate.normal());
			if (score > bestScore) {
				runnerUp = bestScore;
				best = candidate.account();
				bestScore = score;
			}
			else if (score > runnerUp) {
				runnerUp = score;
			}
		}
		return new Closest(normal, best, bestScore, runnerUp);
	}

	/**
	 * {@code acme} for {@code ACME Corp.}, {@code Acme Corporation} and
	 * {@code The Acme Company, Inc.}; {@code gekko} for {@code Gekko & Co};
	 * {@code green plus} for {@code Green-Plus}.
	 */
	static String normalize(String name) {
		// What a form may send is long; a company name is not.
		String cut = (name.length() > 4 * LONGEST) ? name.substring(0, 4 * LONGEST) : name;
		String plain = Normalizer.normalize(cut, Normalizer.Form.NFKD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT)
			.replace("&", " and ")
			.replaceAll("[^\\p{L}\\p{N}]+", " ")
			.strip();
		List<String> words = new ArrayList<>(Arrays.asList(plain.split(" ")));
		words.removeIf(String::isEmpty);
		if (words.size() > 1 && words.get(0).equals("the")) {
			words.remove(0);
		}
		// Legal suffixes (and the "and" of "& Co") at the end, as long as a name is left.
		while (words.size() > 1
				&& (LEGAL.contains(words.get(words.size() - 1)) || words.get(words.size() - 1).equals("and"))) {
			words.remove(words.size() - 1);
		}
		return String.join(" ", words);
	}

	private record Named(String normal, Account account) {
	}

	/**
	 * The accounts closest to a name.
	 *
	 * @param normal the name as compared
	 * @param best the most similar account, {@code null} for none
	 * @param bestScore its similarity
	 * @param runnerUp the next account's similarity
	 */
	private record Closest(String normal, @Nullable Account best, double bestScore, double runnerUp) {

		static final Closest NONE = new Closest("", null, -1, -1);

	}

	/**
	 * What a name found.
	 *
	 * @param account the account, {@code null} when two or more were as close
	 * @param normal the name as compared
	 * @param similarity how close, from 0 to 1
	 */
	record Found(@Nullable Account account, String normal, double similarity) {
	}

}
