package io.handoff.console.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;

import io.handoff.access.HandoffUser;
import io.handoff.access.PersonTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The console's client against a real HTTP server that answers as a service would, well
 * or badly.
 */
class ServiceClientTests {

	final HttpServer server = server();

	final AtomicInteger calls = new AtomicInteger();

	final AtomicReference<String> authorization = new AtomicReference<>();

	final CountDownLatch release = new CountDownLatch(1);

	/**
	 * A read timeout that a loaded machine's first call (class loading, a cold HTTP
	 * client) stays well within.
	 */
	final ServiceClient client = client(Duration.ofSeconds(10));

	private ServiceClient client(Duration readTimeout) {
		return client(readTimeout, List.of(URI.create("http://localhost:" + this.server.getAddress().getPort())));
	}

	private ServiceClient client(Duration readTimeout, List<URI> instances) {
		return new ServiceClient("scoring",
				new ConsoleSettings(Map.of("scoring", instances), Duration.ofSeconds(1), readTimeout),
				CircuitBreaker.of("scoring",
						CircuitBreakerConfig.custom()
							.slidingWindowSize(10)
							.minimumNumberOfCalls(5)
							.failureRateThreshold(50)
							.waitDurationInOpenState(Duration.ofMinutes(1))
							.ignoreExceptions(Refusal.class)
							.build()),
				credentials(null));
	}

	/**
	 * How the console signs its calls: with a person token where it has {@code key}, else
	 * name and password.
	 */
	private static Consumer<HttpHeaders> credentials(String key) {
		SignedInCredentials credentials = new SignedInCredentials(
				new StaticListableBeanFactory().getBeanProvider(OAuth2AuthorizedClientService.class),
				PersonTokens.of(key, null, Clock.systemUTC()));
		return (headers) -> credentials.apply("scoring-service", headers);
	}

	@Test
	void withTheConsolesKeyAPersonTokenForTheOneServiceGoesInsteadOfThePassword() {
		List<String> keys = PersonTokens.newKeyPair();
		List<SimpleGrantedAuthority> rep = List.of(new SimpleGrantedAuthority("ROLE_SALES_REP"));
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken
				.authenticated(new HandoffUser("anna", "", rep, "anna-snelling"), null, rep));
		HttpHeaders headers = new HttpHeaders();

		credentials(keys.get(0)).accept(headers);

		assertThat(headers.getFirst("Authorization")).isNull();
		PersonTokens services = PersonTokens.of(null, keys.get(1), Clock.systemUTC());
		assertThat(services.verify("scoring-service", headers.getFirst(PersonTokens.HEADER))).hasValue("anna");
		assertThat(services.verify("routing-service", headers.getFirst(PersonTokens.HEADER))).isEmpty();
	}

	@AfterEach
	void stop() {
		this.release.countDown();
		this.server.stop(0);
		SecurityContextHolder.clearContext();
	}

	@Test
	void aServicesAnswerComesBackAsJsonCalledAsThePersonSignedIn() {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("judge", "demo-judge", List.of()));

		Map<String, Object> answer = this.client.get("/ok");

		assertThat(answer).containsEntry("agreementId", "v1");
		assertThat(this.authorization.get()).isEqualTo(
				"Basic " + Base64.getEncoder().encodeToString("judge:demo-judge".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void aServiceOfSeveralInstancesIsCalledAtEachInTurnAndOneThatIsDownIsPassedOver() throws IOException {
		URI down;
		try (ServerSocket closed = new ServerSocket(0)) {
			down = URI.create("http://localhost:" + closed.getLocalPort());
		}
		URI up = URI.create("http://localhost:" + this.server.getAddress().getPort());
		ServiceClient spread = client(Duration.ofSeconds(10), List.of(down, up));

		for (int i = 0; i < 4; i++) {
			assertThat(spread.get("/ok")).containsEntry("agreementId", "v1");
		}
		assertThat(this.calls.get()).isEqualTo(4);
	}

	@Test
	void aRefusalCarriesTheServicesReasonAndEachProblemByFieldWithoutTheApiHint() {
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> this.client.post("/refuse", Map.of()))
			.satisfies((refusal) -> {
				assertThat(refusal.status()).isEqualTo(409);
				assertThat(refusal.getMessage())
					.isEqualTo("v2 cannot be activated without both signatures; missing: [SALES].");
				assertThat(refusal.about("grades[1].minFitScore")).containsExactly("Not a number");
			});
	}

	@Test
	void refusalsNeverOpenTheCircuitButServerErrorsDoAndThenTheServiceIsLeftAlone() {
		for (int i = 0; i < 10; i++) {
			assertThatExceptionOfType(Refusal.class).isThrownBy(() -> this.client.post("/refuse", Map.of()));
		}
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(Unavailable.class).isThrownBy(() -> this.client.get("/fail"))
				.withMessageContaining("scoring answered 500");
		}
		int before = this.calls.get();

		assertThatExceptionOfType(Unavailable.class).isThrownBy(() -> this.client.get("/ok"))
			.withMessageContaining("stopped asking it for a while");
		assertThat(this.calls.get()).isEqualTo(before);
	}

	@Test
	void aServiceSlowerThanTheReadTimeoutIsUnavailableRatherThanHangingThePage() {
		long started = System.nanoTime();

		// The service holds its answer for 30 s (until the test ends): only the client's
		// timeout ends the wait.
		assertThatExceptionOfType(Unavailable.class).isThrownBy(() -> client(Duration.ofMillis(300)).get("/slow"))
			.withMessageContaining("scoring is not answering");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
	}

	private HttpServer server() {
		try {
			HttpServer created = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			created.createContext("/ok",
					(exchange) -> answer(exchange, 200, "application/json", "{\"agreementId\":\"v1\"}"));
			created.createContext("/refuse", (exchange) -> answer(exchange, 409, "application/problem+json",
					"{\"status\":409,\"detail\":\"v2 cannot be activated without both signatures; missing: [SALES]. "
							+ "POST /api/v1/agreements/v2/signatures with {}\",\"problems\":[{\"field\":"
							+ "\"grades[1].minFitScore\",\"message\":\"Not a number\"}]}"));
			created.createContext("/fail", (exchange) -> answer(exchange, 500, "application/json", "{}"));
			created.createContext("/slow", (exchange) -> {
				try {
					this.release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				answer(exchange, 200, "application/json", "{}");
			});
			created.setExecutor(Executors.newCachedThreadPool());
			created.start();
			return created;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
		this.calls.incrementAndGet();
		this.authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
		exchange.getRequestBody().readAllBytes();
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}
