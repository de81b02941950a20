package io.handoff.intake.leads;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
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

	@Test
	void invisibleCharactersThatReorderOrHideTextAreRemovedFromNamesAndAttributes() {
		LeadReceived lead = read(Map.of("email", "a@b.com", "firstName", "Dana\u202E\u2066", "lastName",
				"Re\u200Byes\u0007", "note", "paid\u202Egnp.exe", "nested", Map.of("k\uFEFFey", "v\u200Fal")));
		assertThat(lead.firstName()).isEqualTo("Dana");
		assertThat(lead.lastName()).isEqualTo("Reyes");
		assertThat(lead.attributes()).containsEntry("note", "paidgnp.exe")
			.containsEntry("nested", Map.of("key", "val"));
		// Joiners that scripts and emoji need stay.
		assertThat(read(Map.of("email", "a@b.com", "firstName", "\u0645\u200C\u0646")).firstName())
			.isEqualTo("\u0645\u200C\u0646");
	}

	@Test
	void attributesAreBoundedInCountSizeAndDepthNamingTheOffendingOne() {
		Map<String, Object> many = new HashMap<>(Map.of("email", "a@b.com"));
		for (int i = 0; i < 101; i++) {
			many.put("field" + i, i);
		}
		assertThat(problems(many)).containsExactly("attributes: at most 100 attributes per lead, not 101");
		assertThat(problems(Map.of("email", "a@b.com", "note", "x".repeat(2_001))))
			.containsExactly("attributes.note: must be at most 2000 characters long, not 2001");
		assertThat(problems(Map.of("email", "a@b.com", "deep", Map.of("a", Map.of("b", List.of(List.of(1)))))))
			.containsExactly("attributes.deep: nests objects and lists deeper than 3 levels");
		assertThat(problems(Map.of("email", "a@b.com", "wide", Collections.nCopies(300, 1))))
			.containsExactly("attributes.wide: holds more than 200 values");
		assertThat(read(Map.of("email", "a@b.com", "deep", Map.of("a", Map.of("b", List.of(1))))).attributes())
			.containsKey("deep");
	}

	@Test
	void aLeadIsBoundedWellBelowWhatItsEventsGrowToDownstream() {
		Map<String, Object> big = new HashMap<>(Map.of("email", "a@b.com"));
		for (int i = 0; i < 40; i++) {
			big.put("note" + i, "x".repeat(1_900));
		}
		assertThat(problems(big)).singleElement()
			.asString()
			.startsWith("attributes: make the lead ")
			.endsWith("more than the 65536 a lead may be: send fewer or shorter attributes");
	}

	private static List<String> problems(Map<String, ?> body) {
		try {
			read(body);
		}
		catch (InvalidRequestException ex) {
			return ex.problems().stream().map((problem) -> problem.field() + ": " + problem.message()).toList();
		}
		throw new AssertionError("The lead was taken");
	}

	@SuppressWarnings("unchecked")
	private static LeadReceived read(Map<String, ?> body) {
		return LeadForm.read((Map<String, @Nullable Object>) (Map<String, ?>) body, NOW);
	}

}
