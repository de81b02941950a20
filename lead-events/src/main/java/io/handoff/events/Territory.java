package io.handoff.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A territory: rules on where and who a lead's company is, and the team that sells there.
 * Territories are tried in {@code order}; the first whose every rule holds names the
 * team. A territory without rules takes every lead (a catch-all, put it last). On the
 * compacted {@code sales.territories} topic, keyed by territory id.
 *
 * @param territoryId stable id
 * @param name name people use
 * @param team the team that sells in the territory
 * @param order position in the evaluation order, lowest first
 * @param countries ISO country codes the company must be in (any of), empty for any
 * @param regions states or regions the company must be in (any of), empty for any
 * @param industries industries the company must be in (any of), empty for any
 * @param minEmployees smallest head count, {@code null} for no floor
 * @param maxEmployees largest head count, {@code null} for no ceiling
 */
public record Territory(String territoryId, String name, String team, int order, List<String> countries,
		List<String> regions, List<String> industries, @Nullable Integer minEmployees, @Nullable Integer maxEmployees) {

	public Territory {
		countries = upper(countries);
		regions = lower(regions);
		industries = lower(industries);
	}

	/** This territory, sold by {@code seller}. */
	public Territory withTeam(String seller) {
		return new Territory(this.territoryId, this.name, seller, this.order, this.countries, this.regions,
				this.industries, this.minEmployees, this.maxEmployees);
	}

	/** Why {@code company} is not in this territory, or {@code null} when it is. */
	public @Nullable String mismatch(Company company) {
		if (!this.countries.isEmpty() && (company.country() == null
				|| !this.countries.contains(company.country().toUpperCase(Locale.ROOT)))) {
			return "country " + orUnknown(company.country()) + " not in " + this.countries;
		}
		if (!this.regions.isEmpty()
				&& (company.region() == null || !this.regions.contains(company.region().toLowerCase(Locale.ROOT)))) {
			return "region " + orUnknown(company.region()) + " not in " + this.regions;
		}
		if (!this.industries.isEmpty() && (company.industry() == null
				|| !this.industries.contains(company.industry().toLowerCase(Locale.ROOT)))) {
			return "industry " + orUnknown(company.industry()) + " not in " + this.industries;
		}
		if ((this.minEmployees != null || this.maxEmployees != null) && company.employees() == null) {
			return "head count unknown";
		}
		if (this.minEmployees != null && company.employees() < this.minEmployees) {
			return company.employees() + " employees, fewer than " + this.minEmployees;
		}
		if (this.maxEmployees != null && company.employees() > this.maxEmployees) {
			return company.employees() + " employees, more than " + this.maxEmployees;
		}
		return null;
	}

	/** The rules in words, for explanations. */
	public String rules() {
		List<String> rules = new ArrayList<>();
		if (!this.countries.isEmpty()) {
			rules.add("country in " + this.countries);
		}
		if (!this.regions.isEmpty()) {
			rules.add("region in " + this.regions);
		}
		if (!this.industries.isEmpty()) {
			rules.add("industry in " + this.industries);
		}
		if (this.minEmployees != null) {
			rules.add("at least " + this.minEmployees + " employees");
		}
		if (this.maxEmployees != null) {
			rules.add("at most " + this.maxEmployees + " employees");
		}
		return rules.isEmpty() ? "every lead" : String.join(", ", rules);
	}

	private static String orUnknown(@Nullable String value) {
		return (value != null) ? value : "unknown";
	}

	private static List<String> upper(@Nullable List<String> values) {
		return (values == null) ? List.of()
				: values.stream().map((value) -> value.strip().toUpperCase(Locale.ROOT)).distinct().toList();
	}

	private static List<String> lower(@Nullable List<String> values) {
		return (values == null) ? List.of()
				: values.stream().map((value) -> value.strip().toLowerCase(Locale.ROOT)).distinct().toList();
	}

}
