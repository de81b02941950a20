package io.handoff.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import io.handoff.access.DemoSecrets;
import io.handoff.events.Topics;
import io.handoff.test.Http;
import io.handoff.test.OnTestKafka;
import io.handoff.test.TopicOffsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front door as an outsider tries it: every endpoint Spring MVC maps is closed to a
 * caller without a key and to a client without the endpoint's role, and no spelling of a
 * path reaches a handler the rules do not see.
 */
@ActiveProfiles(DemoSecrets.PROFILE)
@OnTestKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=intake-service", "spring.kafka.listener.auto-startup=false" })
class IntakeSecurityTests {

	/** The demo clients of intake-service.yml, by the role each has. */
	static final Map<String, String> KEY_BY_ROLE = Map.of("LEAD_SOURCE", "demo-lead-source-key", "SALES_TOOL",
			"demo-sales-tool-key");

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlers;

	@Test
	void everyEndpointRefusesACallerWithoutAKeyAndEveryClientWithoutItsRole() {
		List<String> checked = new ArrayList<>();
		this.handlers.getHandlerMethods().forEach((info, handler) -> {
			for (String pattern : info.getPatternValues()) {
				if (!pattern.startsWith("/api/")) {
					continue;
				}
				RolesAllowed allowed = handler.getMethodAnnotation(RolesAllowed.class);
				assertThat(allowed).as(handler + " names the roles that may call it").isNotNull();
				Set<String> roles = Set.of(allowed.value());
				String path = pattern.replaceAll("\\{[^}]+}", "some-id");
				assertThat(info.getMethodsCondition().getMethods()).as(pattern).isNotEmpty();
				for (var method : info.getMethodsCondition().getMethods()) {
					Http.Response anonymous = send(Http.localhost(this.port), method.name(), path);
					assertThat(anonymous.status()).as("anonymous " + method + " " + path).isEqualTo(401);
					KEY_BY_ROLE.forEach((role, key) -> {
						if (!roles.contains(role)) {
							Http.Response wrongRole = send(Http.localhost(this.port).withHeader("X-API-Key", key),
									method.name(), path);
							assertThat(wrongRole.refusal(403, role + " " + method + " " + path))
								.contains("needs the role");
						}
					});
					checked.add(method + " " + path);
				}
			}
		});
		assertThat(checked).as("the endpoints checked")
			.hasSizeGreaterThanOrEqualTo(10)
			.contains("POST /api/v1/leads", "POST /api/v1/activities", "POST /api/v1/webhooks/hubspot");
	}

	@Test
	void noSpellingOfAPathReachesAHandlerWithoutTheRightKey() {
		long before = TopicOffsets.endOffsetSum(List.of(Topics.LEADS_RECEIVED, Topics.SALES_ACTIVITIES));
		Map<String, String> lead = Map.of("email", "trick." + UUID.randomUUID() + "@northwind.com");
		Map<String, String> activity = Map.of("email", "dana@northwind.com", "repId", "anna-snelling", "type", "CALL");
		List<String> leadPaths = List.of("/%61pi/v1/leads", "/api/v1/%6Ceads", "/api/v1/leads;x=1", "/api;/v1/leads",
				"/api/v1/leads/", "//api/v1/leads", "/api//v1/leads", "/api/v1/./leads", "/api/v1/x/../leads",
				"/api/v1/leads%2F", "/api%2Fv1%2Fleads", "/api/v1/leads%3Bx", "/API/v1/leads", "/api/v1/leads%00");
		List<String> activityPaths = List.of("/api/v1/activities;x=1", "/api/v1/activities;jsessionid=1",
				"/api/v1/%61ctivities", "/%61pi/v1/activities", "/api/v1/x/../activities", "/api/v1//activities",
				"/api/v1/activities/");
		Http salesTool = Http.localhost(this.port).withHeader("X-API-Key", "demo-sales-tool-key");
		Http platform = Http.localhost(this.port).withHeader("X-API-Key", "demo-lead-source-key");

		for (String path : leadPaths) {
			assertRefused(Http.localhost(this.port).post(path, lead), "no key: " + path);
			assertRefused(salesTool.post(path, lead), "a sales tool: " + path);
		}
		for (String path : activityPaths) {
			assertRefused(platform.post(path, activity), "a marketing platform: " + path);
		}

		assertThat(TopicOffsets.endOffsetSum(List.of(Topics.LEADS_RECEIVED, Topics.SALES_ACTIVITIES)))
			.isEqualTo(before);
	}

	@Test
	void theProbesTheScrapeAndTheApiDocumentStayOpenAndNothingElseIs() {
		Http anonymous = Http.localhost(this.port);
		assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(200);
		assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
		// Each operation names the roles its handler allows.
		JsonNode paths = anonymous.get("/v3/api-docs").json().path("paths");
		assertThat(
				paths.path("/api/v1/leads").path("post").path("x-handoff-roles").valueStream().map(JsonNode::asString))
			.containsExactly("LEAD_SOURCE");
		assertThat(paths.path("/api/v1/returns")
			.path("post")
			.path("x-handoff-roles")
			.valueStream()
			.map(JsonNode::asString)).containsExactly("SALES_TOOL");
		assertThat(anonymous.get("/actuator/env").status()).isEqualTo(401);
		assertThat(anonymous.get("/actuator/heapdump").status()).isEqualTo(401);
		Http.Response unknown = Http.localhost(this.port)
			.withHeader("X-API-Key", "demo-lead-source-key")
			.get("/api/v1/leads");
		assertThat(unknown.refusal(404)).doesNotContain("leads");
	}

	private static void assertRefused(Http.Response response, String what) {
		assertThat(response.status()).as(what + " answered " + response.status() + ": " + response.body())
			.isIn(400, 401, 403, 404);
		// Tomcat refuses an encoded slash or NUL with its own 400 before any servlet
		// runs; the rest is ours.
		if (!what.contains("%2F") && !what.contains("%00")) {
			assertThat(response.header("Content-Type")).as(what).contains("problem+json");
		}
	}

	private static Http.Response send(Http http, String method, String path) {
		return switch (method) {
			case "GET" -> http.get(path);
			case "POST" -> http.post(path, Map.of());
			case "PUT" -> http.put(path, Map.of());
			default -> throw new AssertionError("No request written for " + method + " " + path);
		};
	}

}
