package io.handoff.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import io.handoff.events.Company;
import io.handoff.events.CsvLines;
import io.handoff.events.LeadIds;
import io.handoff.events.LeadReceived;

/**
 * The X Education lead-scoring data set (9,240 real leads with whether each converted;
 * the columns that leak the outcome removed), on the classpath as
 * {@code demo/x-education-leads.csv}. Each row becomes the lead a marketing platform
 * would send: the occupation as title, origin, source and behaviour as custom attributes.
 */
public final class DemoLeads {

	/** Where the data set is on the classpath. */
	public static final String RESOURCE = "/demo/x-education-leads.csv";

	private static final Map<String, String> COUNTRY_CODES = Stream.of(Locale.getISOCountries())
		.collect(Collectors.toMap((code) -> new Locale("", code).getDisplayCountry(Locale.ENGLISH), (code) -> code,
				(first, second) -> first));

	private DemoLeads() {
	}

	/** The first {@code count} leads of the data set, in its order. */
	public static List<DemoLead> read(int count) {
		List<DemoLead> leads = new ArrayList<>();
		try (InputStream in = DemoLeads.class.getResourceAsStream(RESOURCE);
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String[] header = reader.readLine().split(",", -1);
			for (String line = reader.readLine(); line != null && leads.size() < count; line = reader.readLine()) {
				List<String> cells = cells(line);
				Map<String, String> row = new LinkedHashMap<>();
				for (int i = 0; i < header.length; i++) {
					row.put(header[i], (i < cells.size()) ? cells.get(i) : "");
				}
				leads.add(new DemoLead(form(row), "1".equals(row.get("converted"))));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
		}
		return leads;
	}

	/** Every lead of the data set. */
	public static List<DemoLead> all() {
		return read(Integer.MAX_VALUE);
	}

	private static Map<String, Object> form(Map<String, String> row) {
		Map<String, Object> lead = new LinkedHashMap<>();
		// The data set has no emails: each learner gets a stable address of their own at
		// a reserved domain.
		lead.put("email", "lead-" + row.get("leadNumber") + "@learners.example");
		lead.put("externalId", row.get("prospectId"));
		putIfPresent(lead, "title", row.get("occupation"));
		putIfPresent(lead, "source", row.get("leadSource"));
		putIfPresent(lead, "campaign", row.get("leadOrigin"));
		Map<String, Object> company = new LinkedHashMap<>();
		putIfPresent(company, "country", row.get("country"));
		lead.put("company", company);
		putIfPresent(lead, "leadOrigin", row.get("leadOrigin"));
		putIfPresent(lead, "leadSource", row.get("leadSource"));
		putIfPresent(lead, "doNotEmail", row.get("doNotEmail"));
		putIfPresent(lead, "lastActivity", row.get("lastActivity"));
		putIfPresent(lead, "specialization", row.get("specialization"));
		putIfPresent(lead, "city", row.get("city"));
		if (!row.get("timeOnWebsite").isEmpty()) {
			lead.put("timeOnWebsite", Integer.valueOf(row.get("timeOnWebsite")));
		}
		if (!row.get("totalVisits").isEmpty()) {
			lead.put("totalVisits", (int) Double.parseDouble(row.get("totalVisits")));
		}
		return lead;
	}

	private static void putIfPresent(Map<String, Object> map, String key, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			map.put(key, value);
		}
	}

	/** Splits one CSV line, honouring double quotes. */
	static List<String> cells(String line) {
		return CsvLines.cells(line);
	}

	/**
	 * One lead of the data set.
	 *
	 * @param form the lead as a platform posts it to {@code /api/v1/leads}
	 * @param converted whether the learner enrolled
	 */
	public record DemoLead(Map<String, Object> form, boolean converted) {

		/**
		 * The lead as intake would accept it at {@code at}: the fields a lead has a place
		 * for, the rest as custom attributes, the country as its ISO code.
		 */
		@SuppressWarnings("unchecked")
		public LeadReceived received(Instant at) {
			Map<String, Object> attributes = new LinkedHashMap<>(this.form);
			String email = (String) attributes.remove("email");
			String title = (String) attributes.remove("title");
			String source = (String) attributes.remove("source");
			String campaign = (String) attributes.remove("campaign");
			String externalId = (String) attributes.remove("externalId");
			Map<String, Object> company = (Map<String, Object>) attributes.remove("company");
			String country = (String) company.get("country");
			return new LeadReceived(UUID.randomUUID(), at, LeadIds.ofEmail(email), email, null, null, title, null,
					new Company(null, null, null, null,
							(country != null) ? COUNTRY_CODES.getOrDefault(country, country) : null, null),
					source, campaign, externalId, attributes);
		}

	}

}
