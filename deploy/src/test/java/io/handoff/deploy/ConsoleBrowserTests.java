package io.handoff.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import io.handoff.console.ConsoleApplication;
import io.handoff.events.CsvLines;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadIds;
import io.handoff.events.ServiceApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real headless Chromium (Debian's, driven by its chromedriver) against
 * the running services: the judge rules a case, two people sign and activate an
 * agreement, a service down greys out its panels only, and every page passes the
 * accessibility basics. Screenshots of each page land in
 * {@code target/console-screenshots/}.
 */
@ExtendWith(Handoff.class)
class ConsoleBrowserTests {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	/** How long a page may take to show what an action leads to on a loaded machine. */
	static final Duration PATIENCE = Duration.ofSeconds(60);

	static WebDriver browser;

	static String console;

	@BeforeAll
	static void startTheBrowser() throws Exception {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
		console = Handoff.console.baseUrl();
		browser = chromium();
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterAll
	static void stopTheBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	static WebDriver chromium() throws IOException {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toString());
		// The flags that keep Chromium off this machine's closed network, on a fresh
		// profile.
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,900",
				"--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
		ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver chromium = new ChromeDriver(driver, options);
		chromium.manage().timeouts().pageLoadTimeout(PATIENCE);
		return chromium;
	}

	@Test
	void theJudgeRulesACaseFromTheDeskAndTheServicesCarryItOut() {
		// given a lead its rep ignores, so a case waits at the judge's desk
		String leadId = Handoff.intake
			.post("/api/v1/leads", LeadJourneyTests.salesReadyLead("desk." + UUID.randomUUID() + "@contoso.com"))
			.json()
			.get("leadId")
			.asString();
		String caseId = await().atMost(Duration.ofMinutes(2))
			.until(() -> Handoff.arbitration.get("/api/v1/cases?status=OPEN")
				.json()
				.valueStream()
				.filter((found) -> found.get("leadId").asString().equals(leadId))
				.map((found) -> found.get("caseId").asString())
				.findFirst(), Optional::isPresent)
			.orElseThrow();
		String firstRep = Handoff.routing.get("/api/v1/assignments/" + leadId).json().get("repId").asString();

		// when the judge signs in, finds the case on the desk and opens it
		signIn("judge");
		open("/desk");
		follow(By.linkText(caseId.substring(0, 8)));

		// then the evidence is there as a timeline
		String evidence = text(By.cssSelector("ol.timeline"));
		assertThat(evidence).contains("Lead received", "Scored sales ready", "Assigned to", "SLA: ignored")
			.contains("round robin");
		screenshot("desk-case");

		// when the judge sends a ruling without a reason (spaces only), the service's
		// refusal is shown
		browser.findElement(By.id("d-reassign")).click();
		browser.findElement(By.id("reason")).sendKeys("   ");
		follow(By.cssSelector("form[action$='/ruling'] button[type=submit]"));
		assertThat(text(By.cssSelector("[role=alert]"))).contains("reason").contains("write why you rule");

		// and rules with a reason
		browser.findElement(By.id("d-reassign")).click();
		browser.findElement(By.id("reason")).clear();
		browser.findElement(By.id("reason")).sendKeys("No call in the agreed time: another rep takes it");
		follow(By.cssSelector("form[action$='/ruling'] button[type=submit]"));

		// then the desk says so, arbitration records the judge's ruling, and routing
		// hands the lead to another rep
		assertFlashSays("Your ruling is recorded");
		JsonNode ruled = Handoff.arbitration.get("/api/v1/cases/" + caseId).json().get("docket");
		assertThat(ruled.get("status").asString()).isEqualTo("RULED");
		assertThat(ruled.get("ruling").get("judge").asString()).isEqualTo("judge");
		assertThat(ruled.get("ruling").get("decision").asString()).isEqualTo("REASSIGN");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode assignment = Handoff.routing.get("/api/v1/assignments/" + leadId).json();
			assertThat(assignment.get("method").asString()).isEqualTo("REASSIGNMENT");
			assertThat(assignment.get("repId").asString()).isNotEqualTo(firstRep);
		});
		open("/desk");
		assertThat(text(By.xpath("//*[@id='ruled-title']/.."))).contains("No call in the agreed time");
		open("/journey?q=" + leadId);
		assertThat(text(By.cssSelector("ol.timeline"))).contains("Ruled: reassign").contains("Assigned to");
	}

	@Test
	void twoPeopleSignADraftAndActivateIt() {
		// given marketing ops starts a draft from the version in force
		String draftId = draftStartedByMarketing();
		assertFlashSays("Draft " + draftId + " started");

		// when a grade's threshold is not a number, scoring's problem shows beside that
		// field and nothing is saved
		WebElement threshold = browser.findElement(By.id("f-grades-1-minFitScore"));
		threshold.clear();
		threshold.sendKeys("forty-five");
		follow(threshold::submit);
		assertThat(text(By.id("refusal"))).contains("was not saved");
		assertThat(text(By.id("f-grades-1-minFitScore-problem"))).contains("Not readable");
		assertThat(browser.findElement(By.id("f-grades-1-minFitScore")).getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(Handoff.scoring.get("/api/v1/agreements/" + draftId)
			.json()
			.get("grades")
			.get(1)
			.get("minFitScore")
			.asInt()).isEqualTo(45);

		// when it is corrected and one rule's points change, the draft is saved
		threshold = browser.findElement(By.id("f-grades-1-minFitScore"));
		threshold.clear();
		threshold.sendKeys("45");
		int student = index(Handoff.scoring.get("/api/v1/agreements/" + draftId).json().get("fitRules"),
				"title-student");
		WebElement points = browser.findElement(By.id("f-fitRules-" + student + "-points"));
		points.clear();
		points.sendKeys("-12");
		browser.findElement(By.id("f-changeNote")).clear();
		browser.findElement(By.id("f-changeNote")).sendKeys("Students weigh a little more against fit");
		follow(points::submit);
		assertFlashSays("Draft saved");
		assertThat(text(By.xpath("//*[@id='diff-title']/.."))).contains("-12");

		// when marketing signs and tries to activate alone, the refusal names the missing
		// party
		follow(By.xpath("//button[normalize-space()='Sign for marketing']"));
		assertFlashSays("Signed for MARKETING");
		screenshot("agreement-draft");
		follow(By.xpath("//button[normalize-space()='Activate']"));
		assertThat(text(By.id("refusal"))).contains("cannot be activated").contains("SALES");
		screenshot("agreement-refused-activation");
		// and marketing cannot sign for sales
		follow(By.xpath("//button[normalize-space()='Sign for sales']"));
		assertThat(text(By.id("refusal"))).isNotBlank();
		assertThat(Handoff.scoring.get("/api/v1/agreements/active").json().get("agreementId").asString())
			.isNotEqualTo(draftId);

		// when sales ops, another person, signs for sales and activates
		signIn("sales-ops");
		open("/agreements/" + draftId);
		follow(By.xpath("//button[normalize-space()='Sign for sales']"));
		assertFlashSays("Signed for SALES");
		follow(By.xpath("//button[normalize-space()='Activate']"));

		// then the draft is the agreement in force
		assertFlashSays("now in force");
		assertThat(Handoff.scoring.get("/api/v1/agreements/active").json().get("agreementId").asString())
			.isEqualTo(draftId);
		open("/agreements");
		assertThat(text(By.xpath("//*[@id='active-title']/.."))).contains("Students weigh a little more against fit");
	}

	@Test
	void marketingAddsAndRemovesRulesReasonsAndCommitmentsInTheStudioEachRefusalBesideItsField() {
		// given marketing ops starts a draft
		String draftId = draftStartedByMarketing();
		int rules = Handoff.scoring.get("/api/v1/agreements/" + draftId).json().get("fitRules").size();

		// when a fit rule is added and filled in with an operator there is none of
		follow(By.xpath("//button[normalize-space()='Add a fit rule']"));
		assertFlashSays("fill it in and save the draft");
		String rule = "f-fitRules-" + rules + "-";
		browser.findElement(By.id(rule + "id")).sendKeys("title-founder");
		browser.findElement(By.id(rule + "attribute")).sendKeys("title");
		WebElement operator = browser.findElement(By.id(rule + "operator"));
		operator.clear();
		operator.sendKeys("SOUNDS_LIKE");
		browser.findElement(By.id(rule + "values")).sendKeys("Founder\nCo-founder");
		browser.findElement(By.id(rule + "points")).sendKeys("15");
		follow(By.xpath("(//button[normalize-space()='Save draft'])[last()]"));

		// then scoring's refusal is beside that field, and nothing is saved
		assertThat(text(By.id("refusal"))).contains("was not saved");
		assertThat(text(By.id(rule + "operator-problem"))).contains("Unknown operator 'SOUNDS_LIKE'");
		assertThat(Handoff.scoring.get("/api/v1/agreements/" + draftId).json().get("fitRules").size()).isEqualTo(rules);

		// when the operator is corrected, a return reason removed and a segment
		// commitment added and filled in
		operator = browser.findElement(By.id(rule + "operator"));
		operator.clear();
		operator.sendKeys("CONTAINS_WORD");
		follow(By.cssSelector("button[name=remove][value='returnReasons[0]']"));
		assertFlashSays("Removed");
		follow(By.xpath("//button[normalize-space()='Add a segment commitment']"));
		int segments = Handoff.scoring.get("/api/v1/agreements/" + draftId)
			.json()
			.get("commitment")
			.get("segments")
			.size();
		browser.findElement(By.id("f-commitment-segments-" + segments + "-value")).sendKeys("IN");
		WebElement dimension = browser.findElement(By.id("f-commitment-segments-" + segments + "-dimension"));
		dimension.clear();
		dimension.sendKeys("country");
		browser.findElement(By.id("f-commitment-segments-" + segments + "-salesReadyPerWeek")).sendKeys("30");
		follow(By.xpath("(//button[normalize-space()='Save draft'])[last()]"));

		// then the draft is saved with all of it, and the diff says so term by term
		assertFlashSays("Draft saved");
		JsonNode saved = Handoff.scoring.get("/api/v1/agreements/" + draftId).json();
		JsonNode added = saved.get("fitRules").get(rules);
		assertThat(added.get("id").asString()).isEqualTo("title-founder");
		assertThat(added.get("operator").asString()).isEqualTo("CONTAINS_WORD");
		assertThat(added.get("values").valueStream().map(JsonNode::asString)).containsExactly("Founder", "Co-founder");
		assertThat(added.get("points").asInt()).isEqualTo(15);
		assertThat(saved.get("commitment").get("segments").get(segments).get("dimension").asString())
			.isEqualTo("country");
		String diff = text(By.xpath("//*[@id='diff-title']/.."));
		assertThat(diff).contains("fitRules[title-founder]", "commitment.segments[country=IN]", "returnReasons[");
		screenshot("agreement-edited");
	}

	@Test
	void aCalibrationThatWouldScoreWorseIsMarkedWorseInTheStudioAndNotOfferedAsAnImprovement() {
		// given leads whose outcome only a rule with too little evidence for a suggestion
		// foretells: 24 business owners (16 to fit on, 8 to judge on, as calibration
		// splits leads by id), all converted; 196 teachers, 30 converted
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<Map<String, Object>> leads = new ArrayList<>();
		List<Boolean> converted = new ArrayList<>();
		int fitOn = 0;
		int judgedOn = 0;
		for (int i = 0; fitOn + judgedOn < 24; i++) {
			String email = "owner-" + i + "@calibrate-" + run + ".example";
			boolean heldOut = Math.floorMod(LeadIds.ofEmail(email).hashCode(), 100) < 30;
			if ((heldOut && judgedOn < 8) || (!heldOut && fitOn < 16)) {
				leads.add(calibrationLead(email, "Businessman"));
				converted.add(true);
				fitOn += heldOut ? 0 : 1;
				judgedOn += heldOut ? 1 : 0;
			}
		}
		for (int i = 0; i < 196; i++) {
			leads.add(calibrationLead("teacher-" + i + "@calibrate-" + run + ".example", "Teacher"));
			converted.add(i < 30);
		}
		JsonNode accepted = Handoff.intake.post("/api/v1/leads/batch", leads).json();
		for (int i = 0; i < leads.size(); i++) {
			String leadId = accepted.get("results").get(i).get("leadId").asString();
			assertThat(Handoff.salesTool
				.post("/api/v1/outcomes", Map.of("leadId", leadId, "outcome", converted.get(i) ? "WON" : "LOST"))
				.status()).isEqualTo(202);
		}

		// when marketing starts a draft and calibration has learnt from them
		String draftId = draftStartedByMarketing();
		await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
			JsonNode calibration = Handoff.scoring.get("/api/v1/agreements/" + draftId + "/calibration").json();
			assertThat(calibration.path("leads").asInt()).isGreaterThanOrEqualTo(220);
			assertThat(calibration.path("verdict").asString()).as(calibration.toString()).isEqualTo("WORSE");
		});
		open("/agreements/" + draftId);

		// then the studio says the suggestion is worse, keeps the points in force as its
		// advice, and offers the suggestions only as what they are
		assertThat(text(By.id("calibration-verdict"))).startsWith("Worse:").contains("Keep the points now");
		assertThat(browser
			.findElements(By.xpath("//button[normalize-space()='Accept the ticked suggestions into the draft']")))
			.isEmpty();
		assertThat(browser.findElements(By.xpath("//button[contains(., 'anyway (they score worse)')]"))).hasSize(1);
		assertThat(text(By.id("calibration"))).contains("Calibration curves");
		screenshot("agreement-calibration-worse");
	}

	/** Marketing ops starts a draft from the version in force; its id. */
	private static String draftStartedByMarketing() {
		signIn("marketing-ops");
		open("/agreements");
		follow(By.xpath("//button[contains(., 'Start a draft')]"));
		return browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
	}

	private static Map<String, Object> calibrationLead(String email, String title) {
		return Map.of("email", email, "firstName", "Sam", "lastName", "Lee", "title", title, "company",
				Map.of("name", "Calibrate", "country", "BR"));
	}

	@Test
	void salesOpsImportsAccountsAndSeesEachRejectedLineWithItsReason() throws Exception {
		Path csv = Files.createTempFile("accounts", ".csv");
		Files.writeString(csv,
				String.join("\n", "domain,name,ownerRepId,sector,employees",
						"browser-import.example,Browser Import Ltd,anna-snelling,software,120",
						"nobody-owns.example,Nobody Owns Ltd,no-such-rep,software,40", ""));
		signIn("sales-ops");
		open("/organisation");
		new Select(browser.findElement(By.id("kind"))).selectByValue("accounts");
		browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
		follow(By.xpath("//button[normalize-space()='Import']"));

		String report = text(By.cssSelector("[role=status]"));
		assertThat(report).contains("1 of 2 lines of accounts imported").contains("1 rejected").contains("no-such-rep");
		assertThat(text(By.xpath("//caption[.='Rejected lines']/.."))).contains("3");
		assertThat(Handoff.routing.get("/api/v1/accounts/browser-import.example").json().get("ownerRepId").asString())
			.isEqualTo("anna-snelling");
		screenshot("organisation-import");
		// The judge reads the organisation but has no import form.
		signIn("judge");
		open("/organisation");
		assertThat(browser.findElements(By.id("file"))).isEmpty();
	}

	@Test
	void salesOpsTriesALeadDraftsATerritoryChangeSeesWhichLeadsWouldMoveActivatesItAndFindsItInTheHistory() {
		String leadId = Handoff.intake
			.post("/api/v1/leads", LeadJourneyTests.salesReadyLead("routing-preview@browser-routing.example"))
			.json()
			.get("leadId")
			.asString();
		await().atMost(PATIENCE)
			.until(() -> Handoff.routing.get("/api/v1/assignments/" + leadId).json().path("status").asString(),
					"ASSIGNED"::equals);
		signIn("sales-ops");

		// A dry run: a free-mail lead from a known company goes to the account's owner,
		// with the match's confidence; a lead of the round robin tried twice gets the
		// same rep both times (the dry run took no turn).
		open("/organisation");
		browser.findElement(By.id("try-name")).sendKeys("ACME Corp.");
		browser.findElement(By.id("try-email")).sendKeys("pat@gmail.com");
		browser.findElement(By.id("try-country")).sendKeys("US");
		follow(By.xpath("//button[normalize-space()='Try it']"));
		assertThat(text(By.id("trial")))
			.contains("would get it (account owner; account Acme Corporation, confidence 1.00)")
			.contains("company name 'ACME Corp.' is like 'Acme Corporation'");
		String[] reps = new String[2];
		for (int i = 0; i < 2; i++) {
			open("/organisation");
			browser.findElement(By.id("try-country")).sendKeys("US");
			follow(By.xpath("//button[normalize-space()='Try it']"));
			reps[i] = text(By.cssSelector("#trial strong"));
			assertThat(text(By.id("trial"))).contains("(round robin)").contains("round robin: ");
		}
		assertThat(reps[1]).isEqualTo(reps[0]);
		screenshot("organisation-try-a-lead");

		// A draft gives the Americas to Central: the diff and the preview on the last
		// day's leads say what it changes.
		open("/routing");
		String inForce = text(By.cssSelector("#in-force strong"));
		WebElement americas = browser.findElement(By.id("team-americas"));
		americas.clear();
		americas.sendKeys("Central");
		browser.findElement(By.id("draft-note")).sendKeys("Central sells the Americas");
		follow(By.xpath("//button[normalize-space()='Draft']"));
		assertFlashSays("drafted");
		assertThat(text(By.id("diff"))).contains("territory americas team West Central");
		open(browser.getCurrentUrl().replaceFirst("^https?://[^/]+", "").replaceAll("&days=\\d+", "") + "&days=1");
		assertThat(text(By.id("moved")))
			.matches("(?s)[1-9]\\d* of \\d+ leads of the last 1 days would go to another team.*");
		assertThat(text(By.id("moves"))).contains("Dana Reyes of Northwind").contains("West").contains("Central");
		assertThat(text(By.id("preview-teams"))).contains("Central");
		screenshot("routing-draft-preview");

		// Approved by sales ops, put in force, and there in the history with who did
		// what.
		follow(By.id("approve"));
		assertFlashSays("approved");
		follow(By.id("activate"));
		assertFlashSays("in force");
		assertThat(texts("#history tbody tr").get(0)).contains("active")
			.contains("Central sells the Americas")
			.contains("sales-ops");
		assertThat(text(By.id("history"))).contains("superseded");
		assertThat(Integer.parseInt(text(By.cssSelector("#in-force strong")))).isGreaterThan(Integer.parseInt(inForce));
		assertThat(Handoff.routing.get("/api/v1/territories/americas").json().path("team").asString())
			.isEqualTo("Central");
		// The fairness report: each rep's leads by turn against their fair share.
		assertThat(texts("#fairness tbody tr"))
			.anySatisfy((row) -> assertThat(row)
				.matches("(?s)West\\s+\\S.*\\s+\\d+\\s+\\d+\\.\\d\\d\\s+\\d+\\s+-?\\d+\\.\\d\\d\\s+\\d+\\s+\\S.*"))
			.anySatisfy((row) -> assertThat(row).matches("(?s)West\\s+[1-9]\\d* leads by turn; .*"));
		screenshot("routing-history");

		// Back as it was for the other tests, through the API.
		List<Map<String, Object>> territories = new ArrayList<>();
		for (JsonNode territory : Handoff.routing.get("/api/v1/routing").json().path("territories")) {
			@SuppressWarnings("unchecked")
			Map<String, Object> copy = LeadEventsJson.mapper().convertValue(territory, Map.class);
			if (copy.get("territoryId").equals("americas")) {
				copy.put("team", "West");
			}
			territories.add(copy);
		}
		int back = Handoff.routing.post("/api/v1/routing/versions", Map.of("territories", territories, "note", "back"))
			.json()
			.path("version")
			.asInt();
		assertThat(Handoff.routing.post("/api/v1/routing/versions/" + back + "/approval", Map.of()).status())
			.isEqualTo(200);
		assertThat(Handoff.routing.post("/api/v1/routing/versions/" + back + "/activation", Map.of()).status())
			.isEqualTo(200);
	}

	@Test
	void salesOpsFindsLeadsByWordsAndStageOpensOneAndTakesTheListOutAsCsvSafeForASpreadsheet() {
		// given three leads of one company, one of them named like a spreadsheet formula
		String company = "Findco" + UUID.randomUUID().toString().substring(0, 6);
		for (String name : List.of("Ada", "Bo", "=HYPERLINK(\"http://evil.example\")")) {
			Map<String, Object> lead = new HashMap<>(LeadJourneyTests
				.salesReadyLead("lead." + UUID.randomUUID() + "@" + company.toLowerCase() + ".com"));
			lead.put("firstName", name);
			lead.put("company", Map.of("name", company, "employees", 1200, "country", "US"));
			assertThat(Handoff.intake.post("/api/v1/leads", lead).status()).isEqualTo(202);
		}
		await().atMost(Duration.ofMinutes(1))
			.until(() -> Handoff.scoring.get("/api/v1/leads?q=" + company).json().path("total").asInt() == 3);

		// when sales ops looks for them on the leads page
		signIn("sales-ops");
		open("/leads");
		browser.findElement(By.id("q")).sendKeys(company);
		new Select(browser.findElement(By.id("sort"))).selectByValue("COMPANY");
		follow(() -> browser.findElement(By.id("q")).submit());

		// then the three are listed, and one opens its journey
		assertThat(text(By.id("found-count"))).startsWith("3 leads match");
		assertThat(texts("#leads-table tbody tr")).hasSize(3).allSatisfy((row) -> assertThat(row).contains(company));
		screenshot("leads");
		String csvLink = browser.findElement(By.id("download")).getAttribute("href");
		follow(By.cssSelector("#leads-table tbody tr th a"));
		assertThat(browser.getCurrentUrl()).contains("/journey?q=");
		assertThat(text(By.cssSelector("ol.timeline"))).contains("Lead received");

		// when the list is downloaded as CSV (as the browser would, with the person's
		// session)
		String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript(
				"const done = arguments[arguments.length - 1]; fetch(arguments[0]).then((r) => r.text()).then(done);",
				csvLink);

		// then it is one header and a line per lead, and the formula is text a
		// spreadsheet will not run
		List<List<String>> lines = csv.lines().map(CsvLines::cells).toList();
		assertThat(lines.get(0)).startsWith("leadId", "email", "name");
		assertThat(lines).hasSize(4);
		assertThat(lines.subList(1, 4)).allSatisfy((line) -> assertThat(line.get(4)).isEqualTo(company));
		assertThat(lines.stream().map((line) -> line.get(2)))
			.anySatisfy((name) -> assertThat(name).startsWith("'=HYPERLINK"));
		// and a filter that takes none of them (another stage) lists none
		open("/leads?stage=WON&q=" + company);
		assertThat(text(By.id("found-count"))).startsWith("0 leads match");
	}

	@Test
	void bothSidesReadTheWeeksReviewAgainstTheCommitmentFollowAFigureToItsLeadsTakeATableAsCsvAndGetItByEmail() {
		// given a lead that becomes sales-ready this week
		String email = "review." + UUID.randomUUID() + "@contoso.com";
		assertThat(Handoff.intake.post("/api/v1/leads", LeadJourneyTests.salesReadyLead(email)).status())
			.isEqualTo(202);
		await().atMost(Duration.ofMinutes(1))
			.until(() -> Handoff.scoring.get("/api/v1/leads?q=" + email + "&stage=SALES_READY&stage=ACCEPTED")
				.json()
				.path("total")
				.asInt() == 1);

		// when marketing opens the weekly review
		signIn("marketing-ops");
		open("/review");

		// then the week is there, with marketing's commitment against what it delivered
		assertThat(text(By.id("review-week"))).contains("Mon").contains("Europe/Berlin");
		String title = text(By.cssSelector("#review-week strong"));
		assertThat(text(By.id("headline"))).contains("against 150 committed");
		String commitment = text(By.id("table-commitment"));
		assertThat(commitment).contains("All sales-ready leads", "150", "grade=A", "source=Google");
		assertThat(text(By.id("table-reps"))).contains("Given", "Acceptance", "Touched in time");
		assertThat(text(By.id("versions"))).contains("scored with");
		screenshot("review");

		// and its CSV is the table
		String week = browser.findElement(By.id("week")).getAttribute("value");
		String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript(
				"const done = arguments[arguments.length - 1]; fetch(arguments[0]).then((r) => r.text()).then(done);",
				console + "/review/commitment.csv?week=" + week);
		List<List<String>> lines = csv.lines().map(CsvLines::cells).toList();
		assertThat(lines.get(0)).containsExactly("Segment", "Committed", "This week", "Delivered", "Last week",
				"Average of the last four");
		assertThat(lines.get(1).subList(0, 2)).containsExactly("All sales-ready leads", "150");
		assertThat(Integer.parseInt(lines.get(1).get(2))).isPositive();

		// when the delivered figure is followed, the leads behind it are listed, the new
		// one among them
		follow(By.cssSelector("#table-commitment tbody tr:first-child td:nth-child(3) a"));
		assertThat(text(By.id("handed-over"))).contains("became sales-ready");
		assertThat(Integer.parseInt(text(By.id("found-count")).split(" ")[0]))
			.isEqualTo(Integer.parseInt(lines.get(1).get(2)));
		browser.findElement(By.id("q")).sendKeys(email);
		follow(() -> browser.findElement(By.id("q")).submit());
		assertThat(text(By.id("found-count"))).startsWith("1 leads match");

		// and both sides got the week's review by e-mail once (the SMTP server keeps a
		// copy per recipient), its figures linked to the console. (From Monday's hour to
		// Wednesday's, last week's review is due too: a mail of its own.)
		await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
			List<MimeMessage> reviews = Arrays.stream(Handoff.smtp.getReceivedMessages())
				.filter((mail) -> subject(mail).equals("Weekly review: " + title))
				.toList();
			assertThat(reviews).hasSize(2);
			assertThat(reviews.stream().map((mail) -> header(mail, "Message-ID")).distinct()).hasSize(1);
			assertThat(header(reviews.get(0), "To")).contains("marketing-team@handoff-demo.example",
					"sales-team@handoff-demo.example");
			String body = (String) reviews.get(0).getContent();
			assertThat(body)
				.contains("commitment: sales-ready leads a week", "Sales on what it was given", "Segments to act on")
				.contains("http://localhost:8080/leads?salesReadyFrom=");
		});
	}

	@Test
	void aSalesRepLandsOnTheirOwnClocksAndCannotOpenTheJudgesDesk() {
		// given a lead of an account Anna owns, so she has a clock
		String domain = "stage-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
		assertThat(Handoff.routing
			.put("/api/v1/accounts/" + domain,
					Map.of("domain", domain, "name", "Stage Check", "ownerRepId", "anna-snelling"))
			.status()).isEqualTo(200);
		Map<String, Object> lead = new HashMap<>(
				LeadJourneyTests.salesReadyLead("stage." + UUID.randomUUID() + "@" + domain));
		lead.put("company", Map.of("name", "Stage Check", "domain", domain, "employees", 1200, "country", "US"));
		String leadId = Handoff.intake.post("/api/v1/leads", lead).json().get("leadId").asString();
		await().atMost(Duration.ofSeconds(60)).until(() -> Handoff.sla.get("/api/v1/clocks/" + leadId).status() == 200);

		signIn("anna-snelling");

		assertThat(browser.getCurrentUrl()).endsWith("/sla");
		assertThat(text(By.id("clocks-title"))).isEqualTo("Open clocks of your leads");
		assertThat(texts("#clocks tbody td:nth-child(3)"))
			.allSatisfy((rep) -> assertThat(rep).isEqualTo("anna-snelling"));
		// each clock shows where its lead stands in the waterfall, who put it there on
		// hover
		WebElement stage = browser.findElement(
				By.xpath("//section[@id='clocks']//a[@href='/journey?q=" + leadId + "']/../following-sibling::td[1]"));
		assertThat(stage.getText()).isEqualTo("Sales ready");
		assertThat(stage.getAttribute("title")).startsWith("By scoring: ");
		assertThat(browser.findElements(By.linkText("Judge's desk"))).isEmpty();
		open("/desk");
		assertThat(text(By.tagName("h1"))).isEqualTo("This is not part of your role");
	}

	@Test
	void theJudgeSignsInWithTheCompanysIdentityProviderAndTheServicesTakeTheirToken() {
		browser.manage().deleteAllCookies();
		open("/signin");
		follow(By.linkText("Sign in with the company account"));
		// The provider's own sign-in page, then back to the console.
		WebElement who = patiently().until((page) -> page.findElement(By.id("who")));
		follow(() -> who.sendKeys("judge", Keys.ENTER));
		patiently().until((page) -> page.getCurrentUrl().startsWith(console)
				&& !page.findElements(By.cssSelector(".who")).isEmpty());

		assertThat(browser.getCurrentUrl()).as(text(By.tagName("main"))).endsWith("/desk");
		assertThat(text(By.cssSelector(".who"))).contains("judge").contains("JUDGE");
		// arbitration answered the judge's bearer token: the cases are listed, not
		// refused
		assertThat(text(By.id("open"))).doesNotContain("Not available");
		assertThat(text(By.xpath("//*[@id='ruled-title']/.."))).doesNotContain("Not available");
		// and the pages outside the judge's roles stay closed
		open("/organisation");
		assertThat(text(By.xpath("//*[@id='teams-title']/.."))).doesNotContain("Not available");
		assertThat(browser.findElements(By.cssSelector("form[action$='/organisation/import']"))).isEmpty();
	}

	@Test
	void aServiceThatIsDownGreysOutItsOwnPanelsAndTheRestOfThePageWorks() throws Exception {
		// given a second console whose sla-monitor address answers nothing
		ConfigurableApplicationContext broken;
		try (ServerSocket closed = new ServerSocket(0)) {
			int nothing = closed.getLocalPort();
			closed.close();
			broken = ServiceApplication.builder(ConsoleApplication.class)
				.run("--server.port=0", "--spring.profiles.active=demo",
						"--handoff.console.services.scoring=" + Handoff.scoring.baseUrl(),
						"--handoff.console.services.routing=" + Handoff.routing.baseUrl(),
						"--handoff.console.services.sla=http://localhost:" + nothing,
						"--handoff.console.services.arbitration=" + Handoff.arbitration.baseUrl(),
						"--handoff.console.connect-timeout=PT5S", "--handoff.console.read-timeout=PT20S");
		}
		try {
			String other = "http://localhost:" + ((WebServerApplicationContext) broken).getWebServer().getPort();
			signIn(other, "executive");
			browser.get(other + "/scorecard");

			String page = text(By.tagName("main"));
			assertThat(text(By.xpath("//*[@id='sales-title']/.."))).contains("Not available right now")
				.contains("sla is not answering");
			assertThat(text(By.xpath("//*[@id='returns-title']/.."))).doesNotContain("Not available")
				.contains("rulings against sales");
			assertThat(page).contains("Marketing: qualified volume and conversion");
		}
		finally {
			broken.close();
		}
	}

	@Test
	void everyPageHasLabelledFieldsReadableContrastAndWorksFromTheKeyboard() throws Exception {
		signIn("admin");
		for (String page : List.of("/desk", "/agreements", "/agreements/v1", "/organisation", "/routing",
				"/routing?version=1", "/sla", "/scorecard", "/segments", "/leads", "/review",
				"/journey?q=dana.reyes@northwind.com")) {
			open(page);
			screenshot(page.substring(1).replaceAll("[^a-z0-9]+", "-"));
			JavascriptExecutor js = (JavascriptExecutor) browser;
			assertThat(js.executeScript("return document.documentElement.lang")).as(page).isEqualTo("en");
			assertThat(browser.findElements(By.tagName("h1"))).as(page).hasSize(1);
			assertThat(browser.findElements(By.cssSelector("main#main"))).as(page).hasSize(1);
			@SuppressWarnings("unchecked")
			List<String> unlabelled = (List<String>) js.executeScript(
					"""
							return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
							  .filter(e => !(e.id && document.querySelector('label[for="' + e.id + '"]')) && !e.getAttribute('aria-label')
							    && !e.closest('label'))
							  .map(e => e.outerHTML);""");
			assertThat(unlabelled).as(page + ": fields without a label").isEmpty();
			@SuppressWarnings("unchecked")
			List<String> unnamedCharts = (List<String>) js.executeScript(
					"""
							return [...document.querySelectorAll('svg')]
							  .filter(s => s.getAttribute('role') !== 'img' || !s.getAttribute('aria-label')).map(s => s.outerHTML.slice(0, 80));""");
			assertThat(unnamedCharts).as(page + ": charts without a text alternative").isEmpty();
			@SuppressWarnings("unchecked")
			List<String> lowContrast = (List<String>) js.executeScript(CONTRAST);
			assertThat(lowContrast).as(page + ": text below 4.5:1 contrast").isEmpty();
		}
		// The skip link is the first stop of the keyboard and leads to the content.
		open("/scorecard");
		WebElement body = browser.findElement(By.tagName("body"));
		body.sendKeys(Keys.TAB);
		WebElement focused = browser.switchTo().activeElement();
		assertThat(focused.getText()).isEqualTo("Skip to content");
		assertThat(focused.getAttribute("href")).endsWith("#main");
	}

	/**
	 * Every element with its own text: its colour against the first opaque background
	 * behind it, WCAG's ratio.
	 */
	static final String CONTRAST = """
			const lum = (c) => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => v / 255)
			  .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
			const opaque = (c) => { const p = c.match(/[\\d.]+/g); return p && (p.length < 4 || Number(p[3]) === 1); };
			const background = (e) => { for (let n = e; n; n = n.parentElement) { const c = getComputedStyle(n).backgroundColor;
			  if (opaque(c)) return c; } return 'rgb(255, 255, 255)'; };
			const bad = [];
			for (const e of document.querySelectorAll('body *')) {
			  if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
			  if (e.closest('svg') || !e.getClientRects().length) continue;
			  const a = lum(getComputedStyle(e).color), b = lum(background(e));
			  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
			  if (ratio < 4.5) bad.push(e.tagName + ' "' + e.textContent.trim().slice(0, 40) + '" ' + ratio.toFixed(2));
			}
			return bad;""";

	/** Signs in on the form from the keyboard alone: type, Tab, type, Enter. */
	static void signIn(String person) {
		signIn(console, person);
	}

	static void signIn(String base, String person) {
		browser.manage().deleteAllCookies();
		browser.get(base + "/signin");
		WebElement name = browser.findElement(By.id("username"));
		name.sendKeys(person);
		name.sendKeys(Keys.TAB);
		follow(() -> browser.switchTo().activeElement().sendKeys("demo-" + person, Keys.ENTER));
		assertThat(browser.getCurrentUrl()).doesNotContain("/signin");
		assertThat(text(By.cssSelector(".who"))).contains(person);
	}

	/**
	 * Takes an action that leads to another page (a click, a submit, Enter in a form) and
	 * returns once that page has replaced this one and loaded. A click returns as soon as
	 * the browser has it: on a busy machine the old page is still there to be read, and
	 * any element found before the action goes stale as the new page arrives.
	 */
	static void follow(Runnable action) {
		WebElement before = browser.findElement(By.tagName("html"));
		action.run();
		patiently().until((page) -> gone(before));
		patiently().until(
				(page) -> "complete".equals(((JavascriptExecutor) page).executeScript("return document.readyState")));
	}

	/**
	 * Whether {@code element}'s page has been replaced. Chrome says so as a stale
	 * element, or, asked while the new document is taking the old one's place, as a node
	 * that "does not belong to the document" (an error of its inspector, which Selenium
	 * passes on as it is).
	 */
	static boolean gone(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (StaleElementReferenceException ex) {
			return true;
		}
		catch (WebDriverException ex) {
			if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
				return true;
			}
			throw ex;
		}
	}

	/**
	 * Clicks the element {@code control} finds (found afresh if a swap replaced it) and
	 * follows where it leads.
	 */
	static void follow(By control) {
		follow(() -> patiently().until((page) -> {
			page.findElement(control).click();
			return true;
		}));
	}

	/**
	 * The text of the element {@code where} finds, found afresh until it is there and not
	 * swapped out while read.
	 */
	static String text(By where) {
		return patiently().until((page) -> page.findElement(where).getText());
	}

	/**
	 * The texts of every element {@code css} selects, read in one step, so a polling swap
	 * cannot split them.
	 */
	@SuppressWarnings("unchecked")
	static List<String> texts(String css) {
		return (List<String>) ((JavascriptExecutor) browser)
			.executeScript("return [...document.querySelectorAll(arguments[0])].map((e) => e.innerText.trim())", css);
	}

	/**
	 * Waits for what a page shows, re-finding elements on every try. The bound is for a
	 * loaded two-core machine; a passing test waits only as long as the page takes.
	 */
	static WebDriverWait patiently() {
		WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
		wait.ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class);
		return wait;
	}

	/**
	 * Asserts that the flash message says {@code expected} on the page an action led to
	 * (after {@link #follow}), or, when it does not, what it says instead.
	 */
	static void assertFlashSays(String expected) {
		try {
			patiently().until((page) -> page.findElement(By.cssSelector(".flash")).getText().contains(expected));
		}
		catch (TimeoutException ex) {
			List<WebElement> flash = browser.findElements(By.cssSelector(".flash"));
			assertThat(
					flash.isEmpty() ? "(no flash message on " + browser.getCurrentUrl() + ")" : flash.get(0).getText())
				.contains(expected);
		}
	}

	static String header(MimeMessage mail, String name) {
		try {
			return String.join(", ", mail.getHeader(name));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String subject(MimeMessage mail) {
		try {
			return mail.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static void open(String path) {
		browser.get(console + path);
	}

	static void screenshot(String name) {
		try {
			Files.write(SCREENSHOTS.resolve(name + ".png"),
					((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int index(JsonNode rules, String id) {
		for (int i = 0; i < rules.size(); i++) {
			if (rules.get(i).get("id").asString().equals(id)) {
				return i;
			}
		}
		throw new AssertionError("No rule " + id);
	}

}
