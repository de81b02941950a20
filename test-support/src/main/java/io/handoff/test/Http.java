package io.handoff.test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import tools.jackson.databind.JsonNode;

import io.handoff.events.LeadEventsJson;

/**
 * A plain HTTP client for tests that must see every status and body as a client would,
 * 4xx and 5xx included.
 *
 * @param baseUrl where the service listens
 * @param headers headers sent with every request (an API key, say)
 */
public record Http(String baseUrl, Map<String, String> headers) {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public static Http localhost(int port) {
		return new Http("http://localhost:" + port, Map.of());
	}

	/** The same client, sending {@code name: value} with every request. */
	public Http withHeader(String name, String value) {
		Map<String, String> all = new HashMap<>(this.headers);
		all.put(name, value);
		return new Http(this.baseUrl, Map.copyOf(all));
	}

	/** POSTs a JSON text as sent. */
	public Response post(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** POSTs a value written as JSON. */
	public Response post(String path, Object body) {
		return post(path, body, Map.of());
	}

	/** POSTs a value written as JSON with extra headers. */
	public Response post(String path, Object body, Map<String, String> headers) {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(LeadEventsJson.mapper().writeValueAsString(body)));
		headers.forEach(request::header);
		return send(request);
	}

	/**
	 * POSTs raw bytes with a content type, chunked when {@code chunked} (no
	 * Content-Length).
	 */
	public Response post(String path, String contentType, byte[] body, boolean chunked) {
		BodyPublisher publisher = chunked
				? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
				: HttpRequest.BodyPublishers.ofByteArray(body);
		return send(request(path).header("Content-Type", contentType).POST(publisher));
	}

	/** PUTs a value written as JSON. */
	public Response put(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(LeadEventsJson.mapper().writeValueAsString(body))));
	}

	/** DELETEs {@code path}. */
	public Response delete(String path) {
		return send(request(path).DELETE());
	}

	/** The same client, signed in as {@code user} with HTTP Basic. */
	public Http as(String user, String password) {
		return withHeader("Authorization", "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

	public Response get(String path) {
		return send(request(path).GET());
	}

	/**
	 * Sends {@code method} with an empty JSON object as the body of anything but a GET.
	 */
	public Response call(String method, String path) {
		return send(
				method.equals("GET") ? request(path).GET() : request(path).header("Content-Type", "application/json")
					.method(method, HttpRequest.BodyPublishers.ofString("{}")));
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30));
		this.headers.forEach(request::header);
		return request;
	}

	private static Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = CLIENT.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer.
	 *
	 * @param status the status code
	 * @param headers the headers
	 * @param body the body as text
	 */
	public record Response(int status, Map<String, List<String>> headers, String body) {

		/** The body as a JSON tree. */
		public JsonNode json() {
			return LeadEventsJson.mapper().readTree(this.body);
		}

		/**
		 * The detail of the problem this answer refused a request with, once it is
		 * checked that the refusal's status is {@code status}.
		 */
		public String refusal(int status) {
			return refusal(status, "");
		}

		/**
		 * As {@link #refusal(int)}, a failed check naming {@code what} was asked (in a
		 * loop over many requests, which one).
		 */
		public String refusal(int status, String what) {
			Assertions.assertThat(this.status).as(what + " " + this.body).isEqualTo(status);
			return json().path("detail").asString();
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse("");
		}

	}

}
