package io.handoff.console.services;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import io.handoff.events.Causes;
import io.handoff.events.LeadEventsJson;

/**
 * The console's client of one service: calls it as the person signed in, waits at most
 * the configured time, and goes through the service's own circuit breaker, so a service
 * that is down costs one panel a quick "unavailable" rather than the whole page a slow
 * failure. A 4xx answer is a {@link Refusal} (what the person did wrong), anything else
 * that goes wrong is {@link Unavailable} (the service's fault). A service that runs as
 * several instances is called at each in turn; one that refuses the connection (nothing
 * was sent) is passed over for the next.
 */
public final class ServiceClient {

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern API_HINT = Pattern.compile("[.;]?\\s*(GET|POST|PUT|DELETE) /api/.*$");

	private final String name;

	private final List<RestClient> instances;

	private final AtomicInteger turn = new AtomicInteger();

	private final CircuitBreaker breaker;

	private final Consumer<HttpHeaders> credentials;

	ServiceClient(String name, ConsoleSettings settings, CircuitBreaker breaker, Consumer<HttpHeaders> credentials) {
		this.name = name;
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build());
		requests.setReadTimeout(settings.readTimeout());
		this.instances = settings.urls(name)
			.stream()
			.map((url) -> RestClient.builder().baseUrl(url.toString()).requestFactory(requests).build())
			.toList();
		this.breaker = breaker;
		this.credentials = credentials;
	}

	/** The service's name, as people see it on a panel that cannot be shown. */
	public String name() {
		return this.name;
	}

	public Map<String, Object> get(String path, Object... variables) {
		return call((rest) -> rest.get().uri(path, variables).headers(this.credentials).retrieve().body(OBJECT));
	}

	/**
	 * GET {@code path} with a query of {@code query}'s parameters (each name once per
	 * value, in order), every value passed as a URI variable, so the client encodes it
	 * whatever it holds ({@code &}, {@code +}, {@code #}).
	 */
	public Map<String, Object> get(String path, Map<String, List<String>> query) {
		StringBuilder template = new StringBuilder(path);
		Map<String, Object> values = new HashMap<>();
		query.forEach((name, given) -> given.forEach((value) -> {
			String variable = "p" + values.size();
			template.append(values.isEmpty() ? '?' : '&').append(name).append("={").append(variable).append('}');
			values.put(variable, value);
		}));
		return call((
				rest) -> rest.get().uri(template.toString(), values).headers(this.credentials).retrieve().body(OBJECT));
	}

	public List<Map<String, Object>> list(String path, Object... variables) {
		return call((rest) -> rest.get().uri(path, variables).headers(this.credentials).retrieve().body(LIST));
	}

	/**
	 * GET {@code path}, read as a {@code type}: the events in it as their services write
	 * them (see {@link #as}).
	 */
	public <T> T get(Class<T> type, String path, Object... variables) {
		return as(get(path, variables), LeadEventsJson.mapper().constructType(type));
	}

	/** GET {@code path}, a list each of whose items is read as a {@code type}. */
	public <T> List<T> list(Class<T> type, String path, Object... variables) {
		return asListOf(list(path, variables), type);
	}

	/**
	 * {@code answer}, a list in this service's answer, each item read as a {@code type}
	 * (see {@link #as}); an empty list for none.
	 */
	public <T> List<T> asListOf(@Nullable Object answer, Class<T> type) {
		List<T> items = as(answer, LeadEventsJson.mapper().getTypeFactory().constructCollectionType(List.class, type));
		return (items != null) ? items : List.of();
	}

	/**
	 * {@code answer}, as this service answered it, read as {@code type} with the mapper
	 * of Handoff's events: a field or a value of a newer release does not stop it (see
	 * {@link LeadEventsJson}); an answer this console cannot read at all is the service's
	 * fault.
	 */
	public <T> T as(@Nullable Object answer, JavaType type) {
		try {
			return LeadEventsJson.mapper().convertValue(answer, type);
		}
		catch (JacksonException ex) {
			throw new Unavailable(
					this.name + " answered what this console cannot read (" + ex.getOriginalMessage() + ")", ex);
		}
	}

	public Map<String, Object> post(String path, @Nullable Object body, Object... variables) {
		return call((rest) -> {
			RestClient.RequestBodySpec request = rest.post().uri(path, variables).headers(this.credentials);
			if (body != null) {
				request.contentType(MediaType.APPLICATION_JSON).body(body);
			}
			return request.retrieve().body(OBJECT);
		});
	}

	public Map<String, Object> put(String path, Object body, Object... variables) {
		return call((rest) -> rest.put()
			.uri(path, variables)
			.headers(this.credentials)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(OBJECT));
	}

	/** Sends a CSV file as it was uploaded. */
	public Map<String, Object> postCsv(String path, String csv) {
		return call((rest) -> rest.post()
			.uri(path)
			.headers(this.credentials)
			.contentType(MediaType.parseMediaType("text/csv"))
			.body(csv)
			.retrieve()
			.body(OBJECT));
	}

	private <T> T call(Function<RestClient, @Nullable T> request) {
		try {
			T answer = this.breaker.executeSupplier(() -> {
				try {
					return atSomeInstance(request);
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

	/**
	 * Calls the next instance in turn; one that refused the connection is passed over,
	 * the last one's failure stands.
	 */
	private <T> @Nullable T atSomeInstance(Function<RestClient, @Nullable T> request) {
		int first = Math.floorMod(this.turn.getAndIncrement(), this.instances.size());
		for (int i = 0;; i++) {
			try {
				return request.apply(this.instances.get((first + i) % this.instances.size()));
			}
			catch (ResourceAccessException ex) {
				if (i == this.instances.size() - 1
						|| !Causes.any(ex, ConnectException.class, HttpConnectTimeoutException.class)) {
					throw ex;
				}
			}
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
		// People use the console, not the API: a hint about which endpoint to call next
		// is left out.
		String text = (detail != null) ? API_HINT.matcher(detail.toString()).replaceFirst(".")
				: this.name + " refused: " + ex.getStatusText();
		return new Refusal(ex.getStatusCode().value(), text, Refusal.Problem.from(problem));
	}

	private static final TypeReference<Map<String, Object>> OBJECT_TYPE = new TypeReference<>() {
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
