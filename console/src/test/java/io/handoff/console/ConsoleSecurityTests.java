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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import io.handoff.access.DemoSecrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's own door, with the services it calls nowhere to be found: pages that may load only the console's
 * own resources, failed sign-ins held back, and a session that ends a fixed time after sign-in however busy it is.
 */
@ActiveProfiles(DemoSecrets.PROFILE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=console", "handoff.console.session-lifetime=PT3S",
				"handoff.console.services.scoring=http://localhost:1",
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
		assertThat(guesser.get(URI.create(heldBack.headers().firstValue("Location").orElseThrow()).getRawPath() + "?"
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

		// A panel refreshing itself every half second keeps the session busy; it ends all the same.
		HttpResponse<String> ended = await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> judge.send(HttpRequest.newBuilder(judge.uri("/desk/open")).header("HX-Request", "true").GET()),
					(response) -> response.statusCode() == 401);
		assertThat(ended.headers().firstValue("HX-Redirect")).hasValue("/signin?expired");
		assertThat(judge.get("/desk/open").headers().firstValue("Location").orElseThrow()).endsWith("/signin");
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
