package io.handoff.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import io.handoff.demo.DemoDeals;
import io.handoff.demo.DemoLeads;
import io.handoff.events.LeadEventsJson;

/**
 * Sends real leads (the X Education data set, see {@link DemoLeads}) to intake as a
 * marketing platform would, then plays the sales reps: most assigned leads get a call in
 * time, some are ignored, so a newcomer sees assignments, touched clocks and cases at the
 * judge within minutes.
 *
 * <p>
 * Arguments: {@code [count] [leads per second] [intake URL] [routing URL]}. The API keys
 * are the local stack's demo clients unless {@code HANDOFF_LEAD_SOURCE_KEY} and
 * {@code HANDOFF_SALES_TOOL_KEY} say otherwise.
 */
public final class DemoTraffic {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private DemoTraffic() {
	}

	public static void main(String[] args) throws Exception {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 300;
		double perSecond = (args.length > 1) ? Double.parseDouble(args[1]) : 10;
		String intake = (args.length > 2) ? args[2] : "http://localhost:8081";
		String routing = (args.length > 3) ? args[3] : "http://localhost:8083";
		String platformKey = System.getenv().getOrDefault("HANDOFF_LEAD_SOURCE_KEY", "demo-lead-source-key");
		String salesToolKey = System.getenv().getOrDefault("HANDOFF_SALES_TOOL_KEY", "demo-sales-tool-key");
		List<DemoLeads.DemoLead> sample = DemoLeads.read(count);
		Random reps = new Random(42);
		int accepted = 0;
		int refused = 0;
		List<String> leadIds = new ArrayList<>();
		List<DemoLeads.DemoLead> acceptedLeads = new ArrayList<>();
		for (DemoLeads.DemoLead lead : sample) {
			HttpResponse<String> response = post(intake + "/api/v1/leads", platformKey, lead.form());
			if (response.statusCode() == 202) {
				accepted++;
				leadIds.add(LeadEventsJson.mapper().readTree(response.body()).get("leadId").asString());
				acceptedLeads.add(lead);
			}
			else {
				refused++;
				System.err.println("refused (" + response.statusCode() + "): " + response.body());
			}
			Thread.sleep((long) (1000 / perSecond));
		}
		System.out.printf("demo: %d leads accepted, %d refused%n", accepted, refused);
		// Give the last leads a moment to be scored and routed before the reps look at
		// them.
		Thread.sleep(5000);
		int touched = 0;
		int returned = 0;
		int ignored = 0;
		Set<String> ignoredLeads = new HashSet<>();
		int waiting = 0;
		for (String leadId : leadIds) {
			HttpResponse<String> assignment = get(routing + "/api/v1/assignments/" + leadId, salesToolKey);
			if (assignment.statusCode() != 200 || !"ASSIGNED"
				.equals(LeadEventsJson.mapper().readTree(assignment.body()).path("status").asString())) {
				waiting++;
				continue;
			}
			// Three reps in four call in time; the rest ignore the lead, and the judge
			// will hear of it.
			if (reps.nextInt(4) == 0) {
				ignored++;
				ignoredLeads.add(leadId);
				continue;
			}
			JsonNode assigned = LeadEventsJson.mapper().readTree(assignment.body());
			post(intake + "/api/v1/activities", salesToolKey, Map.of("leadId", leadId, "repId",
					assigned.get("repId").asString(), "type", "CALL", "note", "demo: first call"));
			touched++;
			// After the call, one rep in eight sends the lead back for an agreed reason:
			// the judge decides.
			if (reps.nextInt(8) == 0) {
				post(intake + "/api/v1/returns", salesToolKey,
						Map.of("leadId", leadId, "repId", assigned.get("repId").asString(), "reasonCode",
								RETURN_REASONS.get(reps.nextInt(RETURN_REASONS.size())), "note",
								"demo: returned after the first call"));
				ignoredLeads.add(leadId);
				returned++;
			}
		}
		System.out.printf("demo: %d sales-ready leads called in time (%d of them returned to the judge), %d left "
				+ "untouched (they will breach), %d not sales-ready%n", touched, returned, ignored, waiting);
		// What became of each learner, as the sales tool reports it: scoring calibrates
		// the agreement from these. The ignored and returned leads get none: an outcome
		// closes the lead, and these wait for the judge.
		int converted = 0;
		int reported = 0;
		for (int i = 0; i < leadIds.size(); i++) {
			if (ignoredLeads.contains(leadIds.get(i))) {
				continue;
			}
			reported++;
			boolean enrolled = acceptedLeads.get(i).converted();
			// A won lead with the value of a real won deal of the CRM data set, so
			// segments rank by amount too.
			post(intake + "/api/v1/outcomes", salesToolKey,
					enrolled ? Map.of("leadId", leadIds.get(i), "outcome", "WON", "amount", DemoDeals.wonAmount(i))
							: Map.of("leadId", leadIds.get(i), "outcome", "LOST"));
			converted += enrolled ? 1 : 0;
		}
		System.out.printf("demo: outcomes recorded for %d leads (%d converted); calibration: "
				+ "http://localhost:8082/api/v1/agreements/v1/calibration%n", reported, converted);
	}

	/** Reasons of the starter agreement a rep may give for sending a lead back. */
	private static final List<String> RETURN_REASONS = List.of("BAD_CONTACT_DATA", "NOT_A_DECISION_MAKER", "NO_BUDGET",
			"STUDENT_OR_JOB_SEEKER");

	private static HttpResponse<String> post(String url, String apiKey, Object body)
			throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-API-Key", apiKey)
			.POST(HttpRequest.BodyPublishers.ofString(LeadEventsJson.mapper().writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> get(String url, String apiKey) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("X-API-Key", apiKey)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
