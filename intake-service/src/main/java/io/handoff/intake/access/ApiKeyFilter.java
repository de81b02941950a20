package io.handoff.intake.access;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.handoff.access.HandoffSecurity;
import io.handoff.intake.access.Clients.Client;

/**
 * Authenticates a machine by its API key in Spring Security's filter chain: an unknown
 * key is refused at once ({@code 401}), a known one is let in with its client's roles
 * within the client's rate ({@code 429} with {@code Retry-After} past it). A HubSpot app,
 * which cannot send a key, is let in by its delivery's signature
 * ({@link HubSpotSignature}) on the HubSpot endpoint; a forged or stale one is refused. A
 * request without either goes on anonymous, and the chain's rules refuse it where a role
 * is needed. Not a bean: the chain alone runs it.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

	/** The request header that carries the key. */
	static final String HEADER = "X-API-Key";

	/**
	 * Each client with its rate limiter, by the hash of its key: built once, looked up
	 * per request.
	 */
	private final Map<String, Allowed> byKeyHash;

	/** The HubSpot apps, which sign their deliveries instead of sending a key. */
	private final List<Allowed> hubspotApps;

	private final @Nullable HubSpotSignature hubspot;

	private final IntakeSecurity.Refusals refusals;

	ApiKeyFilter(Clients clients, RateLimiterRegistry limiters, IntakeSecurity.Refusals refusals, Clock clock) {
		Map<String, Allowed> byName = clients.clients()
			.stream()
			.collect(Collectors.toMap(Client::name,
					(client) -> new Allowed(client,
							limiters.rateLimiter(client.name(),
									RateLimiterConfig.custom()
										.limitForPeriod(client.requests())
										.limitRefreshPeriod(client.per())
										.timeoutDuration(Duration.ZERO)
										.build())),
					(first, second) -> first));
		this.byKeyHash = clients.byKeyHash()
			.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, (entry) -> byName.get(entry.getValue().name())));
		this.hubspotApps = byName.values()
			.stream()
			.filter((allowed) -> allowed.client().hubspotClientSecret() != null)
			.toList();
		this.hubspot = (clients.hubspotBaseUrl() != null) ? new HubSpotSignature(clients.hubspotBaseUrl(), clock)
				: null;
		this.refusals = refusals;
	}

	private record Allowed(Client client, RateLimiter limiter) {
	}

	/** Where HubSpot apps deliver. */
	static final String HUBSPOT_PATH = "/api/v1/webhooks/hubspot";

	/**
	 * The request with its body read once, up front: the signature covers the body as
	 * sent, and the handler reads it after. The body size limit in front bounds what is
	 * read.
	 */
	private static final class BodyReadOnce extends HttpServletRequestWrapper {

		private final byte[] body;

		BodyReadOnce(HttpServletRequest request) throws IOException {
			super(request);
			this.body = request.getInputStream().readAllBytes();
		}

		byte[] body() {
			return this.body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body has already been read");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (key == null && request.getHeader(HubSpotSignature.SIGNATURE) != null
				&& HUBSPOT_PATH.equals(request.getRequestURI())) {
			signedByHubSpot(new BodyReadOnce(request), response, chain);
			return;
		}
		if (key == null) {
			chain.doFilter(request, response);
			return;
		}
		Allowed allowed = this.byKeyHash.get(HandoffSecurity.sha256(key));
		if (allowed == null) {
			this.refusals.refuse(response, HttpStatus.UNAUTHORIZED, "anonymous",
					"The API key in " + HEADER + " is not known");
			return;
		}
		admit(allowed, request, response, chain);
	}

	/**
	 * A HubSpot delivery: let in as the app whose client secret signed it, within the
	 * last five minutes.
	 */
	private void signedByHubSpot(BodyReadOnce request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.hubspot == null || this.hubspotApps.isEmpty()) {
			this.refusals.refuse(response, HttpStatus.UNAUTHORIZED, "anonymous", "No HubSpot app is configured "
					+ "(handoff.intake.hubspot-base-url and a client with a hubspot-client-secret): send " + HEADER);
			return;
		}
		String pathAndQuery = request.getRequestURI()
				+ ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
		String refusal = null;
		for (Allowed app : this.hubspotApps) {
			refusal = this.hubspot.refusal(app.client().hubspotClientSecret(), request.getMethod(), pathAndQuery,
					request.body(), request.getHeader(HubSpotSignature.TIMESTAMP),
					request.getHeader(HubSpotSignature.SIGNATURE));
			if (refusal == null) {
				admit(app, request, response, chain);
				return;
			}
		}
		this.refusals.refuse(response, HttpStatus.UNAUTHORIZED, "anonymous", refusal);
	}

	private void admit(Allowed allowed, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Client client = allowed.client();
		if (!allowed.limiter().acquirePermission()) {
			long retryAfter = Math.max(1, client.per().toSeconds());
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
			this.refusals.refuse(response, HttpStatus.TOO_MANY_REQUESTS, client.name(),
					"Client '" + client.name() + "' sent more than " + client.requests() + " requests in "
							+ client.per() + "; retry after " + retryAfter + " s");
			return;
		}
		SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(client.name(), null,
				client.roles().stream().map((role) -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList()));
		SecurityContextHolder.getContextHolderStrategy().setContext(context);
		// Endpoints that take several kinds of event (CloudEvents) check the role per
		// event.
		request.setAttribute(Client.class.getName(), client);
		chain.doFilter(request, response);
	}

}
