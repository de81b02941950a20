package io.handoff.console.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;

import io.handoff.access.PersonTokens;

/**
 * The services a console page calls, stubbed over HTTP, for the controllers' slices
 * ({@code @WebMvcTest} with {@code @Import(StubbedServices.class)}): each service is a
 * real HTTP server answering what a test tells it to, and the console's real
 * {@link Services} call it, signing each call with a person token as they do in
 * production, so a test sees what was asked, of which service, as whom.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StubbedServices {

	@Bean
	Stubs stubs() {
		return new Stubs();
	}

	@Bean
	Services services(Stubs stubs) {
		return new Services(stubs.settings(), CircuitBreakerRegistry.ofDefaults(),
				new SignedInCredentials(
						new StaticListableBeanFactory().getBeanProvider(OAuth2AuthorizedClientService.class),
						PersonTokens.of(stubs.keys.get(0), null, Clock.systemUTC())));
	}

	/** The four stubbed services, by the console's name for each. */
	public static final class Stubs implements DisposableBean {

		final List<String> keys = PersonTokens.newKeyPair();

		private final PersonTokens verifier = PersonTokens.of(null, this.keys.get(1), Clock.systemUTC());

		private final Map<String, HttpServer> servers = new ConcurrentHashMap<>();

		private final Map<String, Answer> answers = new ConcurrentHashMap<>();

		private final List<Call> calls = new CopyOnWriteArrayList<>();

		private final Set<String> down = ConcurrentHashMap.newKeySet();

		Stubs() {
			Services.APPLICATIONS.keySet().forEach((service) -> this.servers.put(service, server(service)));
		}

		/**
		 * {@code service} answers a request for {@code pathAndQuery} (query included,
		 * decoded) with {@code status} and the JSON {@code body}.
		 */
		public Stubs answer(String service, String method, String pathAndQuery, int status, String body) {
			this.answers.put(key(service, method, pathAndQuery), new Answer(status, body));
			return this;
		}

		/** {@code service} answers {@code GET pathAndQuery} with 200 and {@code body}. */
		public Stubs get(String service, String pathAndQuery, String body) {
			return answer(service, "GET", pathAndQuery, 200, body);
		}

		/** {@code service} answers every request with 503, as a service that is down. */
		public Stubs down(String service) {
			this.down.add(service);
			return this;
		}

		/** Every call the stubs took, in order. */
		public List<Call> calls() {
			return List.copyOf(this.calls);
		}

		/** Forgets the answers, the calls and which services are down. */
		public void reset() {
			this.answers.clear();
			this.calls.clear();
			this.down.clear();
		}

		ConsoleSettings settings() {
			Map<String, List<URI>> uris = new ConcurrentHashMap<>();
			this.servers.forEach((service, server) -> uris.put(service,
					List.of(URI.create("http://localhost:" + server.getAddress().getPort()))));
			return new ConsoleSettings(uris, Duration.ofSeconds(1), Duration.ofSeconds(5));
		}

		private HttpServer server(String service) {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
				server.createContext("/", (exchange) -> take(service, exchange));
				server.start();
				return server;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private void take(String service, HttpExchange exchange) throws IOException {
			URI uri = exchange.getRequestURI();
			String pathAndQuery = uri.getPath() + ((uri.getQuery() != null) ? "?" + uri.getQuery() : "");
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String token = exchange.getRequestHeaders().getFirst(PersonTokens.HEADER);
			String person = (token != null)
					? this.verifier.verify(Services.APPLICATIONS.get(service), token).orElse(null) : null;
			this.calls.add(new Call(service, exchange.getRequestMethod(), pathAndQuery, body, person));
			Answer answer = this.down.contains(service) ? new Answer(503, "{}") : this.answers.getOrDefault(
					key(service, exchange.getRequestMethod(), pathAndQuery),
					new Answer(404, "{\"status\":404,\"detail\":\"No stubbed answer for " + pathAndQuery + "\"}"));
			byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders()
				.set("Content-Type", (answer.status() >= 400) ? "application/problem+json" : "application/json");
			exchange.sendResponseHeaders(answer.status(), bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		}

		private static String key(String service, String method, String pathAndQuery) {
			return service + " " + method + " " + pathAndQuery;
		}

		@Override
		public void destroy() {
			this.servers.values().forEach((server) -> server.stop(0));
		}

	}

	/**
	 * A call a stubbed service took.
	 *
	 * @param service the console's name for the service
	 * @param method the HTTP method
	 * @param pathAndQuery the path and query, decoded
	 * @param body the request body, empty for none
	 * @param person who the console called as (the person token's subject), {@code null}
	 * when unsigned
	 */
	public record Call(String service, String method, String pathAndQuery, String body, @Nullable String person) {
	}

	private record Answer(int status, String body) {
	}

}
