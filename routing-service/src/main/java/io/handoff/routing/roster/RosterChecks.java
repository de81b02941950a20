package io.handoff.routing.roster;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.handoff.events.Account;
import io.handoff.events.SalesManager;
import io.handoff.events.SalesRep;
import io.handoff.events.Territory;

/**
 * What makes a rep, a manager, an account or a territory acceptable, for the API and for
 * CSV imports alike: each check returns every problem in words, empty when there is none.
 */
public final class RosterChecks {

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,63}");

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private RosterChecks() {
	}

	static List<String> manager(SalesManager manager) {
		List<String> problems = new ArrayList<>();
		id(manager.managerId(), "managerId", problems);
		required(manager.name(), "name", problems);
		email(manager.email(), problems);
		return problems;
	}

	private static void email(@Nullable String email, List<String> problems) {
		if (email != null && !email.isBlank() && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
			problems.add("email '" + email + "' is not an email address");
		}
	}

	public static List<String> rep(SalesRep rep) {
		List<String> problems = new ArrayList<>();
		id(rep.repId(), "repId", problems);
		required(rep.name(), "name", problems);
		required(rep.team(), "team", problems);
		email(rep.email(), problems);
		if (rep.weight() < 1 || rep.weight() > 100) {
			problems.add("weight " + rep.weight() + " must be between 1 and 100");
		}
		if (rep.maxOpenLeads() < 1) {
			problems.add("maxOpenLeads " + rep.maxOpenLeads() + " must be at least 1");
		}
		try {
			ZoneId.of(rep.timeZone());
		}
		catch (DateTimeException | NullPointerException ex) {
			problems.add("timeZone '" + rep.timeZone() + "' is not an IANA time zone such as America/Chicago");
		}
		return problems;
	}

	static List<String> account(Account account, Predicate<String> repExists) {
		List<String> problems = new ArrayList<>();
		if (account.domain() == null || !DOMAIN.matcher(account.domain()).matches()) {
			problems.add("domain '" + account.domain() + "' is not a lower-case web domain such as acme.com");
		}
		required(account.name(), "name", problems);
		if (account.ownerRepId() == null || !repExists.test(account.ownerRepId())) {
			problems.add("ownerRepId '" + account.ownerRepId() + "' is not a rep; import or PUT the rep first");
		}
		if (account.employees() != null && account.employees() < 0) {
			problems.add("employees " + account.employees() + " cannot be negative");
		}
		return problems;
	}

	public static List<String> territory(Territory territory) {
		List<String> problems = new ArrayList<>();
		id(territory.territoryId(), "territoryId", problems);
		required(territory.name(), "name", problems);
		required(territory.team(), "team", problems);
		territory.countries()
			.stream()
			.filter((country) -> !COUNTRIES.contains(country))
			.forEach((country) -> problems.add("country '" + country + "' is not an ISO 3166 code such as US or IN"));
		if (territory.minEmployees() != null && territory.maxEmployees() != null
				&& territory.minEmployees() > territory.maxEmployees()) {
			problems
				.add("minEmployees " + territory.minEmployees() + " is above maxEmployees " + territory.maxEmployees());
		}
		return problems;
	}

	private static void id(String id, String field, List<String> problems) {
		if (id == null || !ID.matcher(id).matches()) {
			problems.add(field + " '" + id + "' must be lower-case letters, digits, '.', '_' or '-' (at most 64)");
		}
	}

	private static void required(String value, String field, List<String> problems) {
		if (value == null || value.isBlank()) {
			problems.add(field + " is required");
		}
	}

}
