package io.handoff.routing.roster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import io.handoff.events.Account;
import io.handoff.events.Matching;
import io.handoff.events.SalesRep;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Account matching by company name, on the demo organisation's 85 real accounts and the
 * ways people write their names in a form.
 */
class CompanyNamesTests {

	private final Roster demo = demo(Matching.DEFAULT);

	@Test
	void legalSuffixesPunctuationCaseAndALeadingTheAreSetAside() {
		assertThat(CompanyNames.normalize("ACME Corp.")).isEqualTo("acme");
		assertThat(CompanyNames.normalize("Acme Corporation")).isEqualTo("acme");
		assertThat(CompanyNames.normalize("The Acme Company, Inc.")).isEqualTo("acme");
		assertThat(CompanyNames.normalize("Gekko & Co")).isEqualTo("gekko");
		assertThat(CompanyNames.normalize("Green-Plus")).isEqualTo("green plus");
		assertThat(CompanyNames.normalize("Zürich Re AG")).isEqualTo("zurich re");
		assertThat(CompanyNames.normalize("Inc.")).isEqualTo("inc");
	}

	@Test
	void aFreeMailLeadFindsItsAccountByTheNamesPeopleWrite() {
		for (String[] variant : new String[][] { { "ACME Corp.", "Acme Corporation" },
				{ "globex corp", "Globex Corporation" }, { "Gekko and Co.", "Gekko & Co" },
				{ "Umbrella Corp", "Umbrella Corporation" }, { "Bluth Co.", "Bluth Company" },
				{ "New York Inquirer", "The New York Inquirer" }, { "Green Plus Ltd", "Green-Plus" },
				{ "Genco Pura Olive Oil Co", "Genco Pura Olive Oil Company" },
				{ "Vehement Capital", "Vehement Capital Partners" }, { "Massive Dynamics", "Massive Dynamic" },
				{ "Initech, Inc.", "Initech" } }) {
			Roster.AccountMatch match = this.demo.account(List.of("gmail.com"), variant[0])
				.orElseThrow(() -> new AssertionError(variant[0] + " finds no account"));
			assertThat(match.account().name()).as(variant[0]).isEqualTo(variant[1]);
			assertThat(match.confidence()).as(variant[0]).isBetween(0.92, 1.0);
			assertThat(match.domain()).isNull();
			assertThat(match.how()).startsWith("company name '" + variant[0] + "' is like '" + variant[1] + "'");
		}
	}

	@Test
	void aNameAskedAgainFindsTheSameAtEachThreshold() {
		CompanyNames names = new CompanyNames(this.demo.accounts().values());
		CompanyNames.Found first = names.find("ACME Corp.", 0.9).orElseThrow();

		assertThat(names.find("ACME Corp.", 0.9)).contains(first);
		assertThat(names.find("Acme Rocket Works", 0.999)).isEmpty();
		assertThat(names.find("Acme Rocket Works", 0.5).map(CompanyNames.Found::account)).contains(first.account());
		assertThat(names.find("Inity Labs", 0.5)).isPresent();
		assertThat(names.find("Inity Labs", 0.999)).isEmpty();
	}

	@Test
	void aNameLikeNoAccountOrAsLikeTwoFindsNone() {
		assertThat(this.demo.account(List.of("gmail.com"), "Northwind Traders")).isEmpty();
		// Inity and Initech, Betatech and Betasoloin: close, but not the same company.
		assertThat(this.demo.account(List.of("gmail.com"), "Inity Labs")).isEmpty();
		assertThat(this.demo.account(List.of(), "Betatechs").map((match) -> match.account().name()))
			.contains("Betatech");
		Roster twins = Roster.of(this.demo.reps().values(),
				List.of(new Account("acme.com", "Acme Inc", "anna-snelling", null, null),
						new Account("acme.de", "Acme GmbH", "anna-snelling", null, null)),
				List.of());
		assertThat(twins.account(List.of("gmail.com"), "ACME Corp.")).isEmpty();
		assertThat(twins.ambiguousName("ACME Corp.")).isTrue();
	}

	@Test
	void theDomainComesFirstAndTheRoutingDocumentSaysWhetherAndHowCloseByName() {
		Roster.AccountMatch byDomain = this.demo.account(List.of("betatech.com"), "Acme Corporation").orElseThrow();
		assertThat(byDomain.account().name()).isEqualTo("Betatech");
		assertThat(byDomain.confidence()).isEqualTo(1.0);
		assertThat(demo(new Matching(false, 0.92)).account(List.of("gmail.com"), "ACME Corp.")).isEmpty();
		assertThat(demo(new Matching(true, 1.0)).account(List.of("gmail.com"), "Massive Dynamics")).isEmpty();
		assertThat(new Matching(true, 0.5).problems()).singleElement().asString().contains("between 0.8 and 1");
	}

	private static Roster demo(Matching matching) {
		RosterCsv.Parsed<SalesRep> reps = RosterCsv.reps(read("demo/reps.csv"));
		RosterCsv.Parsed<Account> accounts = RosterCsv.accounts(read("demo/accounts.csv"), (repId) -> true);
		return Roster.of(reps.rows(), accounts.rows(), List.of(), matching);
	}

	private static String read(String path) {
		try {
			return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
