package io.handoff.events;

import org.jspecify.annotations.Nullable;

/**
 * The company a lead works for, as far as the lead told us.
 *
 * @param name company name
 * @param domain web domain, lower case (for example {@code northwind.com})
 * @param employees head count
 * @param industry industry, lower case
 * @param country ISO 3166-1 alpha-2 country code
 * @param region state or region within the country
 */
public record Company(@Nullable String name, @Nullable String domain, @Nullable Integer employees,
		@Nullable String industry, @Nullable String country, @Nullable String region) {

	public static Company unknown() {
		return new Company(null, null, null, null, null, null);
	}

}
