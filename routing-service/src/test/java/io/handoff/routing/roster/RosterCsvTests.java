package io.handoff.routing.roster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import io.handoff.events.Account;
import io.handoff.events.Company;
import io.handoff.events.SalesRep;
import io.handoff.events.Territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RosterCsvTests {

	@Test
	void theDemoOrganisationIsTheRealSalesOrganisation() throws IOException {
		RosterCsv.Parsed<SalesRep> reps = RosterCsv.reps(demo("reps.csv"));
		RosterCsv.Parsed<Territory> territories = RosterCsv.territories(demo("territories.csv"));
		Map<String, SalesRep> byId = reps.rows().stream().collect(Collectors.toMap(SalesRep::repId, (rep) -> rep));
		RosterCsv.Parsed<Account> accounts = RosterCsv.accounts(demo("accounts.csv"), byId::containsKey);

		assertThat(reps.rejected()).isEmpty();
		assertThat(territories.rejected()).isEmpty();
		assertThat(accounts.rejected()).isEmpty();
		assertThat(reps.rows()).hasSize(35);
		assertThat(reps.rows()).extracting(SalesRep::team).containsOnly("Central", "East", "West");
		assertThat(reps.rows().stream().map(SalesRep::manager).distinct()).hasSize(6);
		assertThat(accounts.rows()).hasSize(85);
		Roster roster = Roster.of(reps.rows(), accounts.rows(), territories.rows());
		assertThat(roster.territory(new Company(null, null, null, null, "IN", null)).territory().team())
			.isEqualTo("East");
		assertThat(roster.territory(Company.unknown()).territory().territoryId()).isEqualTo("everywhere-else");
	}

	@Test
	void badLinesAreReportedByLineWithTheReasonAndGoodLinesAreKept() {
		String csv = String.join("\n", String.join(",", RosterCsv.REP_COLUMNS),
				"ada,Ada Lovelace,ada@x.example,East,apac,2,20,Asia/Kolkata,Mon-Fri 09:00-17:00,,Max,true",
				"bob,Bob,bob@x.example,East,,one,20,Asia/Kolkata,,,Max,true",
				"cy,Cy,cy@x.example,East,,1,20,Mars/Olympus,,,Max,true",
				"dee,Dee,dee@x.example,East,,1,20,UTC,Mon-Fri 17:00-09:00,,Max,true",
				"eve,Eve,eve@x.example,East,,1,20,UTC,,2026-12-24/2026-12-20,Max,true",
				"fay,Fay,fay@x.example,East,,1,20,UTC,,,Max", "ada,Ada Again,ada2@x.example,East,,1,20,UTC,,,Max,true",
				"", "\"gus\",\"Gus, Jr.\",gus@x.example,East,,1,0,UTC,Mon-Sun 00:00-23:59,,Max,maybe",
				"hal,Hal,hal@x.example,West,americas,1,20,America/Denver,\"Mon,Wed 08:00-12:00\",2026-12-24/2026-12-31,,false");

		RosterCsv.Parsed<SalesRep> parsed = RosterCsv.reps(csv);

		assertThat(parsed.rows()).extracting(SalesRep::repId).containsExactly("ada", "hal");
		assertThat(parsed.rows().get(1).workingHours().text()).isEqualTo("Mon,Wed 08:00-12:00");
		assertThat(parsed.rows().get(1).outOfOffice()).hasSize(1);
		assertThat(parsed.rows().get(1).active()).isFalse();
		assertThat(parsed.lines()).isEqualTo(9);
		assertThat(parsed.rejected()).extracting(RosterCsv.Rejected::line, RosterCsv.Rejected::reason)
			.containsExactly(Tuple.tuple(3, "weight 'one' is not a whole number"),
					Tuple.tuple(4, "timeZone 'Mars/Olympus' is not an IANA time zone such as America/Chicago"),
					Tuple.tuple(5,
							"working hours 'Mon-Fri 17:00-09:00' should give hours like 09:00-17:00 (end after start)"),
					Tuple.tuple(6,
							"outOfOffice '2026-12-24/2026-12-20': An absence must end after it starts: "
									+ "2026-12-24T00:00:00Z/2026-12-21T00:00:00Z"),
					Tuple.tuple(7, "expected 12 columns, found 11"),
					Tuple.tuple(8, "'ada' appears on an earlier line too"),
					Tuple.tuple(10, "active 'maybe' must be true or false"));
		assertThat(parsed.rejected().get(1).text()).isEqualTo("cy,Cy,cy@x.example,East,,1,20,Mars/Olympus,,,Max,true");
	}

	@Test
	void accountsNeedAKnownOwnerAndADomain() {
		String csv = String.join("\n", String.join(",", RosterCsv.ACCOUNT_COLUMNS),
				"WWW.Acme.com,Acme,ada,software,5000", "not a domain,Nope,ada,,", "globex.com,Globex,nobody,,",
				"initech.com,Initech,ada,,-5");

		RosterCsv.Parsed<Account> parsed = RosterCsv.accounts(csv, List.of("ada")::contains);

		assertThat(parsed.rows()).extracting(Account::domain).containsExactly("acme.com");
		assertThat(parsed.rejected()).extracting(RosterCsv.Rejected::reason)
			.containsExactly("domain 'not a domain' is not a lower-case web domain such as acme.com",
					"ownerRepId 'nobody' is not a rep; import or PUT the rep first", "employees -5 cannot be negative");
	}

	@Test
	void aHeaderWithoutTheColumnsRefusesTheWholeFile() {
		assertThatIllegalArgumentException().isThrownBy(() -> RosterCsv.territories("id,name,team\nx,X,East"))
			.withMessageStartingWith("The header must name the columns territoryId,name,team,order,")
			.withMessageContaining("missing: territoryId,order,countries")
			.withMessageEndingWith("unknown: id");
	}

	private static String demo(String file) throws IOException {
		return new ClassPathResource("demo/" + file).getContentAsString(StandardCharsets.UTF_8);
	}

}
