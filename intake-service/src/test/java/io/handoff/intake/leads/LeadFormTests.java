package io.handoff.intake.leads;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.handoff.events.LeadReceived;
import io.handoff.intake.problems.InvalidRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LeadFormTests {

	static final Instant NOW = Instant.parse("2026-11-23T09:30:00Z");

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			  Dana.Reyes@Northwind.COM   | dana.reyes@northwind.com | northwind.com
			  pat+leads@eu.contoso.com   | pat+leads@eu.contoso.com | eu.contoso.com
			  someone@GMAIL.com          | someone@gmail.com        |
			  x@outlook.com              | x@outlook.com            |
			""")
	void emailsAreTrimmedAndLowerCasedAndGiveTheCompanyDomainUnlessFreeMail(String email, String normalized,
			@Nullable String domain) {
		LeadReceived lead = read(Map.of("email", "  " + email + " "));

		assertThat(lead.email()).isEqualTo(normalized);
		assertThat(lead.company().domain()).isEqualTo(domain);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			  US                        | US
			  us                        | US
			  United States             | US
			  united kingdom            | GB
			  UK                        | GB
			  India                     | IN
			  Hong Kong                 | HK
			  Deutschland-free Germany  |
			""")
	void countriesBecomeIsoCodesFromCodesOrEnglishNames(String country, @Nullable String code) {
		if (code == null) {
			assertThatExceptionOfType(InvalidRequestException.class)
				.isThrownBy(() -> read(Map.of("email", "a@b.com", "company", Map.of("country", country))))
				.withMessageContaining("company.country: must be an ISO 3166 country code");
			return;
		}
		assertThat(read(Map.of("email", "a@b.com", "company", Map.of("country", country))).company().country())
			.isEqualTo(code);
	}

	@ParameterizedTest(name = "{0} in {1} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			  +1 415 555 0100     | US | +14155550100
			  (415) 555-0100      | US | +14155550100
			  +44 20 7946 0958    | US | +442079460958
			  020 7946 0958       | GB | +442079460958
			  +91 98765 43210     |    | +919876543210
			""")
	void phoneNumbersBecomeE164ReadingLocalNumbersInTheCompanysCountry(String phone, @Nullable String country,
			String e164) {
		Map<String, Object> body = new HashMap<>(Map.of("email", "a@b.com", "phone", phone));
		if (country != null) {
			body.put("company", Map.of("country", country));
		}

		assertThat(read(body).phone()).isEqualTo(e164);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			  555 0100 without a country  |
			  call me maybe               | US
			  +1 2                        | US
			""")
	void aPhoneNumberThatCannotBeDialledIsRefusedSayingWhatToSend(String phone, @Nullable String country) {
		Map<String, Object> body = new HashMap<>(Map.of("email", "a@b.com", "phone", phone));
		if (country != null) {
			body.put("company", Map.of("country", country));
		}

		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> read(body))
			.withMessageContaining("phone: must be a phone number with country code such as +1 415 555 0100");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			  '  VP    of  Sales '   | VP of Sales
			  Director	Marketing    | Director Marketing
			""")
	void namesAndTitlesHaveCleanWhiteSpace(String title, String cleaned) {
		assertThat(read(Map.of("email", "a@b.com", "title", title, "firstName", "  Dana ")).title()).isEqualTo(cleaned);
	}

	@SuppressWarnings("unchecked")
	private static LeadReceived read(Map<String, ?> body) {
		return LeadForm.read((Map<String, @Nullable Object>) (Map<String, ?>) body, NOW);
	}

}
