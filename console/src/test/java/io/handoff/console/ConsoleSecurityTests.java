package io.handoff.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.handoff.access.DemoSecrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's own door, with the services it calls nowhere to be found: pages that may
 * load only the console's own resources, failed sign-ins held back, and a session that
 * ends a fixed time after sign-in however busy it is.
 */
@ActiveProfiles(DemoSecrets.PROFILE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "spring.config.name=console",
		"handoff.console.session-lifetime=PT3S", "handoff.console.services.scoring=http://localhost:1",
		"handoff.console.services.routing=http://localhost:1", "handoff.console.services.sla=http://localhost:1",
		"handoff.console.services.arbitration=http://localhost:1" })
class ConsoleSecurityTests {

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Test
	void everyPageMayLoadOnlyTheConsolesOwnScriptsAndStylesAndIsNeverFramed() throws Exception {
		HttpResponse<String> signIn = new Browser().get("/signin");

		assertThat(signIn.statusCode()).isEqualTo(200);
		assertThat(signIn.headers().firstValue("Content-Security-Policy"))
			.hasValue(ConsoleSecurity.CONTENT_SECURITY_POLICY);
		assertThat(ConsoleSecurity.CONTENT_SECURITY_POLICY).contains("script-src 'self'", "frame-ancestors 'none'")
			.doesNotContain("unsafe-inline");
		assertThat(signIn.headers().firstValue("X-Frame-Options")).hasValue("DENY");
	}

	@Test
	void repeatedFailedSignInsAreHeldBackEvenWithTheRightPasswordWhileOthersSignIn() throws Exception {
		Browser guesser = new Browser();
		for (int i = 0; i < 5; i++) {
			assertThat(guesser.signIn("sales-ops", "wrong-" + i).headers().firstValue("Location").orElseThrow())
				.endsWith("/signin?error");
		}

		HttpResponse<String> heldBack = guesser.signIn("sales-ops", "demo-sales-ops");
		assertThat(heldBack.headers().firstValue("Location").orElseThrow()).contains("/signin?heldBack=");
		assertThat(guesser
			.get(URI.create(heldBack.headers().firstValue("Location").orElseThrow()).getRawPath() + "?"
					+ URI.create(heldBack.headers().firstValue("Location").orElseThrow()).getRawQuery())
			.body()).contains("Too many failed sign-ins");
		assertThat(new Browser().signIn("executive", "demo-executive").headers().firstValue("Location").orElseThrow())
			.doesNotContain("signin");
	}

	@Test
	void aSessionEndsItsLifetimeAfterSignInEvenWhenItsPagesKeepRefreshing() throws Exception {
		Browser judge = new Browser();
		assertThat(judge.signIn("judge", "demo-judge").headers().firstValue("Location").orElseThrow())
			.doesNotContain("signin");
		assertThat(judge.get("/desk/open").statusCode()).isEqualTo(200);

		// A panel refreshing itself every half second keeps the session busy; it ends all
		// the same.
		HttpResponse<String> ended = await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> judge.send(HttpRequest.newBuilder(judge.uri("/desk/open")).header("HX-Request", "true").GET()),
					(response) -> response.statusCode() == 401);
		assertThat(ended.headers().firstValue("HX-Redirect")).hasValue("/signin?expired");
		assertThat(judge.get("/desk/open").headers().firstValue("Location").orElseThrow()).endsWith("/signin");
	}

	@Test
	void everyRouteIsClosedToAStrangerAndTheJudgesOrTheAgreementsOrTheOrganisationsToARep(
			@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers)
			throws Exception {
		// Every route the console maps, and who besides any signed-in person may use it:
		// a rep may not.
		Map<String, Boolean> repMay = new TreeMap<>();
		for (String route : List.of("GET /", "GET /agreements", "GET /agreements/{agreementId}", "GET /journey",
				"GET /leads", "GET /leads.csv", "GET /organisation", "GET /routing", "GET /review",
				"GET /review/{table}.csv", "GET /scorecard", "GET /segments", "GET /sla", "GET /sla/clocks",
				"GET /denied", "POST /denied")) {
			repMay.put(route, true);
		}
		for (String route : List.of("GET /desk", "GET /desk/open", "GET /desk/cases/{caseId}",
				"POST /desk/cases/{caseId}/ruling", "POST /agreements/drafts",
				"POST /agreements/{agreementId}/activation", "POST /agreements/{agreementId}/calibration",
				"POST /agreements/{agreementId}/items", "POST /agreements/{agreementId}/items/removal",
				"POST /agreements/{agreementId}/signatures", "POST /agreements/{agreementId}/terms",
				"POST /organisation/import", "POST /organisation/try", "POST /routing/drafts",
				"POST /routing/versions/{version}/approval", "POST /routing/versions/{version}/activation")) {
			repMay.put(route, false);
		}
		Set<String> routes = new TreeSet<>();
		handlers.getHandlerMethods().keySet().forEach((info) -> info.getPatternValues().forEach((pattern) -> {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			(methods.isEmpty() ? Set.of(RequestMethod.GET) : methods)
				.forEach((method) -> routes.add(method + " " + pattern));
		}));
		routes.removeIf((route) -> route.endsWith(" /error") || route.equals("GET /signin"));
		assertThat(routes).as("every route is named here, with who may use it").isEqualTo(repMay.keySet());

		Map<String, String> variables = Map.of("{agreementId}", "v1", "{caseId}", UUID.randomUUID().toString(),
				"{table}", "commitment", "{version}", "2");
		Browser rep = new Browser();
		assertThat(rep.signIn("anna-snelling", "demo-anna-snelling").headers().firstValue("Location").orElseThrow())
			.doesNotContain("signin");
		Matcher token = CSRF.matcher(rep.get("/scorecard").body());
		assertThat(token.find()).as("a page's CSRF token").isTrue();
		for (Map.Entry<String, Boolean> route : repMay.entrySet()) {
			String method = route.getKey().substring(0, route.getKey().indexOf(' '));
			String path = route.getKey().substring(method.length() + 1);
			for (Map.Entry<String, String> variable : variables.entrySet()) {
				path = path.replace(variable.getKey(), variable.getValue());
			}
			// A stranger is sent to sign in, or refused outright.
			HttpResponse<String> stranger = new Browser().send(request(method, path, null));
			assertThat(stranger.statusCode()).as("a stranger at " + route.getKey()).isIn(302, 401, 403);
			if (stranger.statusCode() == 302) {
				assertThat(stranger.headers().firstValue("Location").orElseThrow()).endsWith("/signin");
			}
			// A rep is refused the judge's desk and changing the agreement or the
			// organisation; elsewhere the services decide what a rep sees (here they are
			// down, so a page says so and a download is 503).
			HttpResponse<String> asRep = rep.send(request(method, path, token.group(1)));
			if (route.getValue()) {
				assertThat(asRep.statusCode()).as("a rep at " + route.getKey()).isIn(200, 302, 404, 503);
				assertThat(asRep.headers().firstValue("Location").orElse("")).doesNotEndWith("/signin");
			}
			else {
				assertThat(asRep.statusCode()).as("a rep at " + route.getKey()).isEqualTo(403);
				assertThat(asRep.body()).as("the refusal page at " + route.getKey()).contains("<h1");
			}
		}
	}

	private HttpRequest.Builder request(String method, String path, String csrf) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		return method.equals("GET") ? request.GET()
				: request.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString((csrf != null) ? "_csrf=" + csrf : ""));
	}

	/** A browser of its own: its cookies, no redirects followed. */
	final class Browser {

		final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		URI uri(String path) {
			return URI.create("http://localhost:" + ConsoleSecurityTests.this.port + path);
		}

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return send(HttpRequest.newBuilder(uri(path)).GET());
		}

		HttpResponse<String> signIn(String name, String password) throws IOException, InterruptedException {
			Matcher csrf = CSRF.matcher(get("/signin").body());
			assertThat(csrf.find()).as("the sign-in form's CSRF token").isTrue();
			String form = "username=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password="
					+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
			return send(HttpRequest.newBuilder(uri("/signin"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)));
		}

		HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

	}

}
