package io.handoff.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import tools.jackson.databind.JsonNode;

import io.handoff.events.LeadEventsJson;

/**
 * Sends real leads (the X Education data set, committed under {@code deploy/demo-data}) to intake as a marketing
 * platform would, then plays the sales reps: most assigned leads get a call in time, some are ignored, so a newcomer
 * sees assignments, touched clocks and cases at the judge within minutes.
 *
 * <p>Arguments: {@code <leads.csv> [count] [leads per second] [intake URL] [routing URL]}. The API keys are the
 * local stack's demo clients unless {@code HANDOFF_LEAD_SOURCE_KEY} and {@code HANDOFF_SALES_TOOL_KEY} say otherwise.
 */
public final class DemoTraffic {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private DemoTraffic() {
	}

	public static void main(String[] args) throws Exception {
		Path leads = Path.of(args[0]);
		int count = (args.length > 1) ? Integer.parseInt(args[1]) : 300;
		double perSecond = (args.length > 2) ? Double.parseDouble(args[2]) : 10;
		String intake = (args.length > 3) ? args[3] : "http://localhost:8081";
		String routing = (args.length > 4) ? args[4] : "http://localhost:8083";
		String platformKey = System.getenv().getOrDefault("HANDOFF_LEAD_SOURCE_KEY", "demo-lead-source-key");
		String salesToolKey = System.getenv().getOrDefault("HANDOFF_SALES_TOOL_KEY", "demo-sales-tool-key");
		List<Map<String, Object>> sample = read(leads, count);
		Random reps = new Random(42);
		int accepted = 0;
		int refused = 0;
		List<String> leadIds = new ArrayList<>();
		for (Map<String, Object> lead : sample) {
			HttpResponse<String> response = post(intake + "/api/v1/leads", platformKey, lead);
			if (response.statusCode() == 202) {
				accepted++;
				leadIds.add(LeadEventsJson.mapper().readTree(response.body()).get("leadId").asString());
			}
			else {
				refused++;
				System.err.println("refused (" + response.statusCode() + "): " + response.body());
			}
			Thread.sleep((long) (1000 / perSecond));
		}
		System.out.printf("demo: %d leads accepted, %d refused%n", accepted, refused);
		// Give the last leads a moment to be scored and routed before the reps look at them.
		Thread.sleep(5000);
		int touched = 0;
		int ignored = 0;
		int waiting = 0;
		for (String leadId : leadIds) {
			HttpResponse<String> assignment = get(routing + "/api/v1/assignments/" + leadId);
			if (assignment.statusCode() != 200) {
				waiting++;
				continue;
			}
			// Three reps in four call in time; the rest ignore the lead, and the judge will hear of it.
			if (reps.nextInt(4) == 0) {
				ignored++;
				continue;
			}
			JsonNode assigned = LeadEventsJson.mapper().readTree(assignment.body());
			post(intake + "/api/v1/activities", salesToolKey, Map.of("leadId", leadId, "repId", assigned.get("repId").asString(),
					"type", "CALL", "note", "demo: first call"));
			touched++;
		}
		System.out.printf("demo: %d sales-ready leads called in time, %d left untouched (they will breach), "
				+ "%d not sales-ready%n", touched, ignored, waiting);
	}

	/** The first {@code count} leads of the data set, as a marketing platform would send them. */
	static List<Map<String, Object>> read(Path csv, int count) throws IOException {
		List<Map<String, Object>> leads = new ArrayList<>();
		try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			String[] header = in.readLine().split(",", -1);
			for (String line = in.readLine(); line != null && leads.size() < count; line = in.readLine()) {
				List<String> cells = cells(line);
				Map<String, String> row = new LinkedHashMap<>();
				for (int i = 0; i < header.length; i++) {
					row.put(header[i], (i < cells.size()) ? cells.get(i) : "");
				}
				leads.add(lead(row));
			}
		}
		return leads;
	}

	private static Map<String, Object> lead(Map<String, String> row) {
		Map<String, Object> lead = new LinkedHashMap<>();
		// The data set has no emails: each learner gets a stable address of their own at a reserved domain.
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

	private static void putIfPresent(Map<String, Object> map, String key, String value) {
		if (value != null && !value.isBlank()) {
			map.put(key, value);
		}
	}

	/** Splits one CSV line, honouring double quotes. */
	static List<String> cells(String line) {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '"') {
				if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else {
					quoted = !quoted;
				}
			}
			else if (c == ',' && !quoted) {
				cells.add(cell.toString());
				cell.setLength(0);
			}
			else {
				cell.append(c);
			}
		}
		cells.add(cell.toString());
		return cells;
	}

	private static HttpResponse<String> post(String url, String apiKey, Object body)
			throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-API-Key", apiKey)
			.POST(HttpRequest.BodyPublishers.ofString(LeadEventsJson.mapper().writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
