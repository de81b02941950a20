package io.handoff.intake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.handoff.access.DemoSecrets;
import io.handoff.access.HandoffSecurity;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.ServiceApplication;
import io.handoff.events.Topics;
import io.handoff.test.Http;
import io.handoff.test.TestKafka;
import io.handoff.test.TopicOffsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Five thousand generated malformed requests (seeded, so a failure repeats): each is
 * refused with a 4xx problem that says why, none gives a 5xx, and none is written to a
 * topic.
 */
class MalformedInputFuzzTests {

	static final long SEED = 20261123L;

	static final String VALID_LEAD = """
			{"email": "dana.reyes@northwind.com", "firstName": "Dana", "title": "VP Marketing",
			 "phone": "+1 415 555 0100", "company": {"name": "Northwind", "employees": 1200, "country": "US"}}""";

	static final List<String> LEAD_FIELDS = List.of("email", "firstName", "title", "phone", "company", "source",
			"attributes", "company.employees", "company.country", "company.domain", "company.name");

	static final List<String> SALES_FIELDS = List.of("leadId", "repId", "type", "reasonCode", "outcome", "amount",
			"occurredAt", "note");

	static ConfigurableApplicationContext intake;

	static Http platform;

	static Http salesTool;

	static long writtenBefore;

	final Random random = new Random(SEED);

	@BeforeAll
	static void startIntake() {
		intake = ServiceApplication.builder(IntakeApplication.class)
			.run("--server.port=0", "--spring.profiles.active=" + DemoSecrets.PROFILE,
					"--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
					// Only HTTP is fuzzed here: what other tests leave on leads.inbound
					// is not this test's to read.
					"--spring.kafka.listener.auto-startup=false",
					// The fuzzer is one client sending as fast as it can: no rate limit
					// for it.
					"--handoff.intake.clients[0].name=fuzzer",
					"--handoff.intake.clients[0].roles=LEAD_SOURCE,SALES_TOOL",
					"--handoff.intake.clients[0].key-sha256=" + HandoffSecurity.sha256("fuzzer-key"),
					"--handoff.intake.clients[0].requests=1000000");
		int port = ((WebServerApplicationContext) intake).getWebServer().getPort();
		platform = Http.localhost(port).withHeader("X-API-Key", "fuzzer-key");
		salesTool = platform;
		writtenBefore = written();
	}

	@AfterAll
	static void stopIntake() {
		intake.close();
	}

	@Test
	void twoThousandMalformedLeadsAreRefusedWithAProblemAndNothingIsWritten() {
		List<String> wrong = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			String body = malformedLead();
			check(platform.post("/api/v1/leads", body), body, wrong);
		}
		assertThat(wrong).as("answers that were not a 4xx problem").isEmpty();
		assertThat(written()).isEqualTo(writtenBefore);
	}

	@Test
	void fifteenHundredBatchesOfMalformedLeadsAreRefusedLeadByLeadAndNothingIsWritten() {
		List<String> wrong = new ArrayList<>();
		for (int i = 0; i < 1500; i++) {
			String body = "[" + malformedLead() + "," + malformedLead() + "]";
			Http.Response response = platform.post("/api/v1/leads/batch", body);
			if (response.status() == 200) {
				if (response.json().get("accepted").asInt() != 0) {
					wrong.add("accepted: " + body);
				}
			}
			else {
				check(response, body, wrong);
			}
		}
		assertThat(wrong).as("answers that accepted a malformed lead or were not a 4xx problem").isEmpty();
		assertThat(written()).isEqualTo(writtenBefore);
	}

	@Test
	void fifteenHundredMalformedSalesEventsAreRefusedWithAProblemAndNothingIsWritten() {
		List<String> paths = List.of("/api/v1/activities", "/api/v1/returns", "/api/v1/outcomes");
		List<String> wrong = new ArrayList<>();
		for (int i = 0; i < 1500; i++) {
			String body = malformedSalesEvent();
			check(salesTool.post(paths.get(i % paths.size()), body), body, wrong);
		}
		assertThat(wrong).as("answers that were not a 4xx problem").isEmpty();
		assertThat(written()).isEqualTo(writtenBefore);
	}

	private static void check(Http.Response response, String body, List<String> wrong) {
		boolean problem = response.status() >= 400 && response.status() < 500
				&& response.header("Content-Type").startsWith("application/problem+json")
				&& !response.json().path("detail").asString("").isBlank();
		if (!problem && wrong.size() < 20) {
			wrong.add(response.status() + " " + response.body() + " for " + body);
		}
	}

	private String malformedLead() {
		return pick(this::truncatedLead, this::randomText, this::leadWithABadField);
	}

	private String malformedSalesEvent() {
		return pick(this::truncatedLead, this::randomText, this::salesEventWithABadField);
	}

	@SafeVarargs
	private String pick(Supplier<String>... generators) {
		return generators[this.random.nextInt(generators.length)].get();
	}

	/** A valid lead cut short: never valid JSON. */
	private String truncatedLead() {
		return VALID_LEAD.substring(0, this.random.nextInt(VALID_LEAD.length()));
	}

	/** Any characters at all; whatever happens to parse as JSON is no JSON object. */
	private String randomText() {
		StringBuilder text = new StringBuilder();
		int length = this.random.nextInt(200);
		for (int i = 0; i < length; i++) {
			text.append(
					(char) (this.random.nextBoolean() ? 32 + this.random.nextInt(95) : this.random.nextInt(0x3000)));
		}
		return text.toString().strip().startsWith("{") ? "x" + text : text.toString();
	}

	/**
	 * A lead whose email is never valid, with one more field of the wrong kind or shape.
	 */
	private String leadWithABadField() {
		Object bad = badValue();
		String field = LEAD_FIELDS.get(this.random.nextInt(LEAD_FIELDS.size()));
		Map<String, Object> company = new LinkedHashMap<>(Map.of("name", "Northwind"));
		Map<String, Object> lead = new LinkedHashMap<>();
		lead.put("email", badEmail());
		lead.put("company", company);
		if (field.startsWith("company.")) {
			company.put(field.substring("company.".length()), bad);
		}
		else if (!field.equals("email")) {
			lead.put(field, bad);
		}
		return LeadEventsJson.mapper().writeValueAsString(lead);
	}

	/**
	 * A sales event naming its lead wrongly, with one more field of the wrong kind or
	 * shape.
	 */
	private String salesEventWithABadField() {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("leadId", "lead-" + this.random.nextInt(1000));
		event.put("repId", "anna-snelling");
		event.put("type", "CALL");
		event.put("reasonCode", "NO_BUDGET");
		event.put("outcome", "WON");
		event.put(SALES_FIELDS.get(this.random.nextInt(SALES_FIELDS.size())), badValue());
		if (event.get("leadId") instanceof String leadId && leadId.length() == 36) {
			event.put("leadId", "not-a-uuid");
		}
		return LeadEventsJson.mapper().writeValueAsString(event);
	}

	private Object badEmail() {
		return switch (this.random.nextInt(7)) {
			case 0 -> badValue();
			case 1 -> "no-at-sign." + this.random.nextInt();
			case 2 -> "two@@signs.com";
			case 3 -> "";
			case 4 -> "dana@localhost";
			case 5 -> List.of("dana@northwind.com");
			default -> Map.of("address", "dana@northwind.com");
		};
	}

	private Object badValue() {
		return switch (this.random.nextInt(10)) {
			case 0 -> this.random.nextInt();
			case 1 -> this.random.nextDouble() * Math.pow(10, this.random.nextInt(300));
			case 2 -> this.random.nextBoolean();
			case 3 -> randomText();
			case 4 -> "x".repeat(300 + this.random.nextInt(3000));
			case 5 -> List.of(1, "two");
			case 6 -> Map.of("nested", Map.of("deep", 1));
			case 7 -> -this.random.nextInt(Integer.MAX_VALUE);
			case 8 -> Long.MAX_VALUE;
			default ->
				List.of("2999-01-01T00:00:00Z", "not a date", "+0", "null", "NaN", "   ").get(this.random.nextInt(6));
		};
	}

	private static long written() {
		return TopicOffsets.endOffsetSum(List.of(Topics.LEADS_RECEIVED, Topics.SALES_ACTIVITIES, Topics.LEADS_RETURNED,
				Topics.LEADS_OUTCOMES, Topics.LEADS_ENGAGEMENT));
	}

}
