package io.handoff.routing.roster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.core.io.Resource;

import io.handoff.events.Account;
import io.handoff.events.SalesRep;

/**
 * The sales organisation routing works with: the reps, in a stable order, and the accounts they own.
 *
 * @param reps every rep, ordered by id
 * @param accounts every account by domain
 */
public record Roster(List<SalesRep> reps, Map<String, Account> accounts) {

	public Roster {
		reps = reps.stream().sorted(Comparator.comparing(SalesRep::repId)).toList();
		accounts = Map.copyOf(accounts);
	}

	/** The reps who take leads now. */
	public List<SalesRep> available() {
		return this.reps.stream().filter(SalesRep::active).toList();
	}

	public Optional<SalesRep> rep(String repId) {
		return this.reps.stream().filter((rep) -> rep.repId().equals(repId)).findFirst();
	}

	/** The account whose domain is {@code domain} or a parent of it ({@code eu.acme.com} finds {@code acme.com}). */
	public Optional<Account> account(String domain) {
		String candidate = domain.toLowerCase(Locale.ROOT);
		while (candidate.contains(".")) {
			Account account = this.accounts.get(candidate);
			if (account != null) {
				return Optional.of(account);
			}
			candidate = candidate.substring(candidate.indexOf('.') + 1);
		}
		return Optional.empty();
	}

	/**
	 * Reads a roster from CSV: reps with the header
	 * {@code repId,name,email,team,territories,weight,maxOpenLeads,timeZone,manager,active} (territories separated
	 * by {@code ;}), accounts with {@code domain,name,ownerRepId,sector,employees}.
	 */
	public static Roster read(Resource reps, Resource accounts) throws IOException {
		List<SalesRep> roster = rows(reps).stream()
			.map((row) -> new SalesRep(row.get("repId"), row.get("name"), row.get("email"), row.get("team"),
					Arrays.asList(row.get("territories").split(";")), Integer.parseInt(row.get("weight")),
					Integer.parseInt(row.get("maxOpenLeads")), row.get("timeZone"), row.get("manager"),
					Boolean.parseBoolean(row.get("active"))))
			.toList();
		List<Account> owned = rows(accounts).stream()
			.map((row) -> new Account(row.get("domain"), row.get("name"), row.get("ownerRepId"), row.get("sector"),
					row.get("employees").isEmpty() ? null : Integer.valueOf(row.get("employees"))))
			.toList();
		return new Roster(roster, owned.stream().collect(Collectors.toMap(Account::domain, Function.identity())));
	}

	private static List<Map<String, String>> rows(Resource csv) throws IOException {
		try (BufferedReader in = new BufferedReader(new InputStreamReader(csv.getInputStream(), StandardCharsets.UTF_8))) {
			String[] header = in.readLine().split(",", -1);
			List<Map<String, String>> rows = new ArrayList<>();
			int line = 1;
			for (String text = in.readLine(); text != null; text = in.readLine()) {
				line++;
				String[] cells = text.split(",", -1);
				if (cells.length != header.length) {
					throw new IOException(csv.getDescription() + " line " + line + ": expected " + header.length
							+ " columns (" + String.join(",", header) + "), found " + cells.length);
				}
				Map<String, String> row = new java.util.HashMap<>();
				for (int i = 0; i < header.length; i++) {
					row.put(header[i], cells[i].strip());
				}
				rows.add(row);
			}
			return rows;
		}
	}

}
