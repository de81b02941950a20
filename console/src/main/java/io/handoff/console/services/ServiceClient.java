package io.handoff.console.services;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's client of one service: calls it as the person signed in, waits at most the configured time, and
 * goes through the service's own circuit breaker, so a service that is down costs one panel a quick "unavailable"
 * rather than the whole page a slow failure. A 4xx answer is a {@link Refusal} (what the person did wrong), anything
 * else that goes wrong is {@link Unavailable} (the service's fault).
 */
public final class ServiceClient {

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final java.util.regex.Pattern API_HINT = java.util.regex.Pattern
		.compile("[.;]?\\s*(GET|POST|PUT|DELETE) /api/.*$");

	private final String name;

	private final RestClient rest;

	private final CircuitBreaker breaker;

	private final Consumer<HttpHeaders> credentials;

	ServiceClient(String name, ConsoleSettings settings, CircuitBreaker breaker, Consumer<HttpHeaders> credentials) {
		this.name = name;
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build());
		requests.setReadTimeout(settings.readTimeout());
		this.rest = RestClient.builder().baseUrl(settings.url(name).toString()).requestFactory(requests).build();
		this.breaker = breaker;
		this.credentials = credentials;
	}

	/** The service's name, as people see it on a panel that cannot be shown. */
	public String name() {
		return this.name;
	}

	public Map<String, Object> get(String path, Object... variables) {
		return call(() -> this.rest.get().uri(path, variables).headers(this.credentials).retrieve().body(OBJECT));
	}

	public List<Map<String, Object>> list(String path, Object... variables) {
		return call(() -> this.rest.get().uri(path, variables).headers(this.credentials).retrieve().body(LIST));
	}

	public Map<String, Object> post(String path, @Nullable Object body, Object... variables) {
		return call(() -> {
			RestClient.RequestBodySpec request = this.rest.post().uri(path, variables).headers(this.credentials);
			if (body != null) {
				request.contentType(MediaType.APPLICATION_JSON).body(body);
			}
			return request.retrieve().body(OBJECT);
		});
	}

	public Map<String, Object> put(String path, Object body, Object... variables) {
		return call(() -> this.rest.put()
			.uri(path, variables)
			.headers(this.credentials)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(OBJECT));
	}

	/** Sends a CSV file as it was uploaded. */
	public Map<String, Object> postCsv(String path, String csv) {
		return call(() -> this.rest.post()
			.uri(path)
			.headers(this.credentials)
			.contentType(MediaType.parseMediaType("text/csv"))
			.body(csv)
			.retrieve()
			.body(OBJECT));
	}

	private <T> T call(Supplier<@Nullable T> request) {
		try {
			T answer = this.breaker.executeSupplier(() -> {
				try {
					return request.get();
				}
				catch (RestClientResponseException ex) {
					if (ex.getStatusCode().is4xxClientError()) {
						throw refusal(ex);
					}
					throw ex;
				}
			});
			if (answer == null) {
				throw new Unavailable(this.name + " answered with nothing", new IOException("empty body"));
			}
			return answer;
		}
		catch (Refusal ex) {
			throw ex;
		}
		catch (CallNotPermittedException ex) {
			throw new Unavailable(this.name + " is not answering; the console stopped asking it for a while", ex);
		}
		catch (RestClientResponseException ex) {
			throw new Unavailable(this.name + " answered " + ex.getStatusCode().value(), ex);
		}
		catch (RestClientException ex) {
			throw new Unavailable(this.name + " is not answering (" + rootMessage(ex) + ")", ex);
		}
	}

	private Refusal refusal(RestClientResponseException ex) {
		Map<String, Object> problem;
		try {
			problem = JSON.readValue(ex.getResponseBodyAsString(), OBJECT_TYPE);
		}
		catch (RuntimeException notJson) {
			problem = Map.of();
		}
		Object detail = problem.get("detail");
		// People use the console, not the API: a hint about which endpoint to call next is left out.
		String text = (detail != null) ? API_HINT.matcher(detail.toString()).replaceFirst(".")
				: this.name + " refused: " + ex.getStatusText();
		return new Refusal(ex.getStatusCode().value(), text, Refusal.Problem.from(problem));
	}

	private static final tools.jackson.core.type.TypeReference<Map<String, Object>> OBJECT_TYPE = new tools.jackson.core.type.TypeReference<>() {
	};

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getClass().getSimpleName() + ": " + root.getMessage()
				: root.getClass().getSimpleName();
	}

}
