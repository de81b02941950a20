package io.handoff.routing.roster;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import io.handoff.events.Account;
import io.handoff.events.CsvLines;
import io.handoff.events.SalesManager;
import io.handoff.events.SalesRep;
import io.handoff.events.Territory;

/**
 * Reads reps, accounts and territories from CSV, one per line after a header line. A line
 * that cannot be read or fails the {@link RosterChecks} is rejected with its line number
 * and the reason; every other line is kept. A header that lacks a column or names one
 * this reader does not know rejects the whole file.
 */
final class RosterCsv {

	static final List<String> REP_COLUMNS = List.of("repId", "name", "email", "team", "territories", "weight",
			"maxOpenLeads", "timeZone", "workingHours", "outOfOffice", "manager", "active");

	static final List<String> MANAGER_COLUMNS = List.of("managerId", "name", "email", "team");

	static final List<String> ACCOUNT_COLUMNS = List.of("domain", "name", "ownerRepId", "sector", "employees");

	static final List<String> TERRITORY_COLUMNS = List.of("territoryId", "name", "team", "order", "countries",
			"regions", "industries", "minEmployees", "maxEmployees");

	private RosterCsv() {
	}

	/**
	 * Reps: territories separated by {@code ;}, working hours like
	 * {@code Mon-Fri 09:00-17:00} (empty for round the clock), out of office as
	 * {@code from/until} periods separated by {@code ;} (ISO instants, or dates in the
	 * rep's time zone with {@code until} the last day away), active {@code true} unless
	 * {@code false}.
	 */
	static Parsed<SalesRep> reps(String csv) {
		return parse(csv, REP_COLUMNS, SalesRep::repId, (row) -> {
			String zone = row.get("timeZone");
			SalesRep rep = new SalesRep(row.get("repId"), row.get("name"), blankToNull(row.get("email")),
					row.get("team"), list(row.get("territories")), integer(row, "weight", 1),
					integer(row, "maxOpenLeads", 25), zone,
					row.get("workingHours").isBlank() ? null : SalesRep.WorkingHours.parse(row.get("workingHours")),
					absences(row.get("outOfOffice"), zone), blankToNull(row.get("manager")), active(row.get("active")));
			return check(RosterChecks.rep(rep), rep);
		});
	}

	static Parsed<SalesManager> managers(String csv) {
		return parse(csv, MANAGER_COLUMNS, SalesManager::managerId, (row) -> {
			SalesManager manager = new SalesManager(row.get("managerId"), row.get("name"),
					blankToNull(row.get("email")), blankToNull(row.get("team")));
			return check(RosterChecks.manager(manager), manager);
		});
	}

	static Parsed<Account> accounts(String csv, Predicate<String> repExists) {
		return parse(csv, ACCOUNT_COLUMNS, Account::domain, (row) -> {
			Account account = new Account(Roster.normalize(row.get("domain")), row.get("name"), row.get("ownerRepId"),
					blankToNull(row.get("sector")), optionalInteger(row, "employees"));
			return check(RosterChecks.account(account, repExists), account);
		});
	}

	/**
	 * Territories: countries, regions and industries separated by {@code ;}, empty for
	 * any.
	 */
	static Parsed<Territory> territories(String csv) {
		return parse(csv, TERRITORY_COLUMNS, Territory::territoryId, (row) -> {
			Territory territory = new Territory(row.get("territoryId"), row.get("name"), row.get("team"),
					integer(row, "order", 100), list(row.get("countries")), list(row.get("regions")),
					list(row.get("industries")), optionalInteger(row, "minEmployees"),
					optionalInteger(row, "maxEmployees"));
			return check(RosterChecks.territory(territory), territory);
		});
	}

	private static <T> Parsed<T> parse(String csv, List<String> columns, Function<T, String> key,
			Function<Map<String, String>, T> read) {
		String[] lines = csv.replace("\r\n", "\n").split("\n", -1);
		if (lines.length == 0 || lines[0].isBlank()) {
			throw new IllegalArgumentException(
					"The CSV is empty; its first line must be the header " + String.join(",", columns));
		}
		List<String> header = cells(lines[0]).stream().map(String::strip).toList();
		List<String> missing = columns.stream().filter((column) -> !header.contains(column)).toList();
		List<String> unknown = header.stream().filter((column) -> !columns.contains(column)).toList();
		if (!missing.isEmpty() || !unknown.isEmpty()) {
			throw new IllegalArgumentException("The header must name the columns " + String.join(",", columns)
					+ (missing.isEmpty() ? "" : "; missing: " + String.join(",", missing))
					+ (unknown.isEmpty() ? "" : "; unknown: " + String.join(",", unknown)));
		}
		List<T> rows = new ArrayList<>();
		List<Rejected> rejected = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		int read1 = 0;
		for (int i = 1; i < lines.length; i++) {
			String text = lines[i];
			if (text.isBlank()) {
				continue;
			}
			read1++;
			int line = i + 1;
			try {
				List<String> cells = cells(text);
				if (cells.size() != header.size()) {
					throw new IllegalArgumentException("expected " + header.size() + " columns, found " + cells.size());
				}
				Map<String, String> row = new LinkedHashMap<>();
				for (int c = 0; c < header.size(); c++) {
					row.put(header.get(c), cells.get(c).strip());
				}
				T value = read.apply(row);
				if (!seen.add(key.apply(value))) {
					throw new IllegalArgumentException("'" + key.apply(value) + "' appears on an earlier line too");
				}
				rows.add(value);
			}
			catch (RuntimeException ex) {
				rejected.add(new Rejected(line, ex.getMessage(), text));
			}
		}
		return new Parsed<>(rows, rejected, read1);
	}

	/**
	 * Splits one CSV line; a cell in double quotes may hold commas, and {@code ""} is a
	 * quote inside it.
	 */
	static List<String> cells(String line) {
		return CsvLines.cells(line);
	}

	private static <T> T check(List<String> problems, T value) {
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(String.join("; ", problems));
		}
		return value;
	}

	private static List<String> list(String cell) {
		return cell.isBlank() ? List.of()
				: Arrays.stream(cell.split(";")).map(String::strip).filter((item) -> !item.isEmpty()).toList();
	}

	private static int integer(Map<String, String> row, String column, int otherwise) {
		Integer value = optionalInteger(row, column);
		return (value != null) ? value : otherwise;
	}

	private static @Nullable Integer optionalInteger(Map<String, String> row, String column) {
		String cell = row.get(column);
		if (cell.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(cell);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(column + " '" + cell + "' is not a whole number");
		}
	}

	private static boolean active(String cell) {
		if (cell.isBlank() || cell.equalsIgnoreCase("true") || cell.equalsIgnoreCase("yes")) {
			return true;
		}
		if (cell.equalsIgnoreCase("false") || cell.equalsIgnoreCase("no")) {
			return false;
		}
		throw new IllegalArgumentException("active '" + cell + "' must be true or false");
	}

	private static List<SalesRep.Absence> absences(String cell, String zone) {
		List<SalesRep.Absence> absences = new ArrayList<>();
		for (String period : list(cell)) {
			String[] ends = period.split("/");
			if (ends.length != 2) {
				throw new IllegalArgumentException(
						"outOfOffice '" + period + "' must be from/until, such as 2026-12-24/2027-01-01");
			}
			try {
				absences.add(new SalesRep.Absence(moment(ends[0], zone, false), moment(ends[1], zone, true), null));
			}
			catch (DateTimeException | IllegalArgumentException ex) {
				throw new IllegalArgumentException("outOfOffice '" + period + "': " + ex.getMessage());
			}
		}
		return absences;
	}

	private static Instant moment(String text, String zone, boolean end) {
		String value = text.strip();
		if (value.length() == 10) {
			LocalDate day = LocalDate.parse(value);
			return (end ? day.plusDays(1) : day).atStartOfDay(ZoneId.of(zone)).toInstant();
		}
		return Instant.parse(value);
	}

	private static @Nullable String blankToNull(String cell) {
		return cell.isBlank() ? null : cell;
	}

	/**
	 * What a CSV held.
	 *
	 * @param rows the lines kept
	 * @param rejected the lines refused, with why
	 * @param lines the data lines read (blank lines not counted)
	 */
	record Parsed<T>(List<T> rows, List<Rejected> rejected, int lines) {
	}

	/**
	 * A refused line.
	 *
	 * @param line its number in the file, the header being line 1
	 * @param reason what is wrong with it
	 * @param text the line as sent
	 */
	record Rejected(int line, String reason, String text) {
	}

}
