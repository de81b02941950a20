package io.handoff.intake.leads;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import org.jspecify.annotations.Nullable;

import io.handoff.events.Company;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadIds;
import io.handoff.events.LeadReceived;
import io.handoff.intake.events.EventIds;
import io.handoff.intake.problems.RequestFields;

/**
 * A lead as a platform sends it, read into a normalized {@link LeadReceived}: emails
 * trimmed and lower-cased, the company domain taken from a business email, countries as
 * ISO 3166 codes, names and titles with clean white space. Fields the platform sends
 * beyond the known ones are kept in {@code attributes}, never refused.
 */
public final class LeadForm {

	/**
	 * Local part and domain, with a dot in the domain; what mail servers accept in
	 * practice.
	 */
	private static final Pattern EMAIL = Pattern.compile(
			"^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$");

	private static final Pattern DOMAIN = Pattern.compile("^[a-z0-9.-]+\\.[a-z]{2,}$");

	/** Mail providers whose domain says nothing about the lead's company. */
	private static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk",
			"hotmail.com", "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mail.com",
			"gmx.com", "gmx.de", "web.de", "proton.me", "protonmail.com", "yandex.com", "zoho.com", "qq.com", "163.com",
			"rediffmail.com");

	private static final Map<String, String> COUNTRY_CODES = Stream.of(Locale.getISOCountries())
		.flatMap((code) -> Stream.of(Map.entry(code, code),
				Map.entry(new Locale("", code).getDisplayCountry(Locale.ENGLISH).toUpperCase(Locale.ROOT), code)))
		.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));

	/** Names platforms use that differ from the English display names of the JDK. */
	private static final Map<String, String> COUNTRY_ALIASES = Map.of("USA", "US", "UNITED STATES OF AMERICA", "US",
			"UK", "GB", "GREAT BRITAIN", "GB", "HONG KONG", "HK", "RUSSIA", "RU", "VIETNAM", "VN", "SOUTH KOREA", "KR",
			"MACAU", "MO", "CZECH REPUBLIC", "CZ");

	/** The largest lead, as the event intake writes. */
	static final int MAX_EVENT_BYTES = 64 * 1024;

	private LeadForm() {
	}

	/** Reads and normalizes a lead, or refuses it naming every offending field. */
	public static LeadReceived read(Map<String, @Nullable Object> body, Instant now) {
		RequestFields fields = new RequestFields(body);
		String email = email(fields);
		String firstName = fields.text("firstName", 100);
		String lastName = fields.text("lastName", 100);
		String title = fields.text("title", 200);
		String rawPhone = fields.text("phone", 40);
		String source = fields.text("source", 100);
		String campaign = fields.text("campaign", 200);
		String externalId = fields.text("externalId", 200);
		Company company = company(fields.object("company"), email);
		String phone = phone(fields, rawPhone, company.country());
		Map<String, Object> sent = new LinkedHashMap<>();
		RequestFields extra = fields.object("attributes");
		sent.putAll(extra.unread());
		sent.putAll(fields.unread());
		Map<String, Object> attributes = LeadAttributes.bounded(sent, fields);
		UUID leadId = null;
		if (email != null) {
			leadId = LeadIds.ofEmail(email);
		}
		else if (source != null && externalId != null) {
			leadId = LeadIds.ofSource(source, externalId);
		}
		else if (!fields.hasProblem("email")) {
			fields.problem("email", "is required (a lead without email needs both source and externalId)");
		}
		fields.throwIfInvalid();
		LeadReceived lead = new LeadReceived(EventIds.next(), now, leadId, email, firstName, lastName, title, phone,
				company, source, campaign, externalId, attributes);
		// Downstream the lead travels inside bigger events (its score with the rules that
		// fired, its case's evidence): bounded here well below the broker's 1 MiB, so
		// none of them can outgrow it.
		int size = LeadEventsJson.mapper().writeValueAsBytes(lead).length;
		if (size > MAX_EVENT_BYTES) {
			fields.problem("attributes", "make the lead " + size + " bytes as an event, more than the "
					+ MAX_EVENT_BYTES + " a lead may be: send fewer or shorter attributes");
			fields.throwIfInvalid();
		}
		return lead;
	}

	private static @Nullable String email(RequestFields fields) {
		String email = fields.text("email", 254);
		if (email == null) {
			return null;
		}
		String normalized = email.toLowerCase(Locale.ROOT);
		if (!EMAIL.matcher(normalized).matches()) {
			// The value is not repeated: refusals are logged, and an address is personal
			// data.
			fields.problem("email", "must be an email address such as dana.reyes@northwind.com");
			return null;
		}
		return normalized;
	}

	/**
	 * The phone number in E.164 ({@code +14155550100}); a number without country code is
	 * read as one of the company's country.
	 */
	private static @Nullable String phone(RequestFields fields, @Nullable String phone, @Nullable String country) {
		if (phone == null) {
			return null;
		}
		PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
		try {
			Phonenumber.PhoneNumber number = phones.parse(phone, (country != null) ? country : "ZZ");
			if (phones.isPossibleNumber(number)) {
				return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
			}
		}
		catch (NumberParseException ex) {
			// Answered below, with what to send instead.
		}
		fields.problem("phone", "must be a phone number with country code such as +1 415 555 0100"
				+ ((country != null) ? " (or a number of the company's country, " + country + ")" : ""));
		return null;
	}

	private static Company company(RequestFields fields, @Nullable String email) {
		String name = fields.text("name", 200);
		String domain = fields.text("domain", 253);
		if (domain != null) {
			domain = domain.toLowerCase(Locale.ROOT)
				.replaceFirst("^https?://", "")
				.replaceFirst("^www\\.", "")
				.replaceFirst("/.*$", "");
			if (!DOMAIN.matcher(domain).matches()) {
				fields.problem("domain", "must be a web domain such as northwind.com, not '" + domain + "'");
				domain = null;
			}
		}
		else if (email != null) {
			String emailDomain = email.substring(email.indexOf('@') + 1);
			domain = FREE_MAIL.contains(emailDomain) ? null : emailDomain;
		}
		Integer employees = fields.integer("employees", 1, 10_000_000);
		String industry = fields.text("industry", 100);
		String country = country(fields);
		String region = fields.text("region", 100);
		return new Company(name, domain, employees, (industry != null) ? industry.toLowerCase(Locale.ROOT) : null,
				country, region);
	}

	private static @Nullable String country(RequestFields fields) {
		String country = fields.text("country", 100);
		if (country == null) {
			return null;
		}
		String key = country.toUpperCase(Locale.ROOT);
		String code = COUNTRY_CODES.getOrDefault(key, COUNTRY_ALIASES.get(key));
		if (code == null) {
			fields.problem("country", "must be an ISO 3166 country code or English country name such as US or "
					+ "United States, not '" + country + "'");
		}
		return code;
	}

}
