package io.handoff.intake.access;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.handoff.intake.access.Clients.Client;
import io.handoff.intake.access.Clients.Role;
import io.handoff.intake.problems.ProblemResponses;

/**
 * Lets a request through only with the API key of a client that has the role the endpoint needs ({@code 401}
 * without a known key, {@code 403} without the role) and within the client's rate ({@code 429} with
 * {@code Retry-After} past it).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@EnableConfigurationProperties(Clients.class)
class ApiKeyFilter extends OncePerRequestFilter {

	/** The request header that carries the key. */
	static final String HEADER = "X-API-Key";

	private static final Map<String, Role> ROLE_BY_PATH = Map.of("/api/v1/leads", Role.LEAD_SOURCE,
			"/api/v1/leads/batch", Role.LEAD_SOURCE, "/api/v1/engagements", Role.LEAD_SOURCE, "/api/v1/webhooks/hubspot", Role.LEAD_SOURCE,
			"/api/v1/webhooks/marketo", Role.LEAD_SOURCE, "/api/v1/activities",
			Role.SALES_TOOL, "/api/v1/returns", Role.SALES_TOOL, "/api/v1/outcomes", Role.SALES_TOOL);

	/** Each client with its rate limiter, by the hash of its key: built once, looked up per request. */
	private final Map<String, Allowed> byKeyHash;

	private final MeterRegistry meters;

	ApiKeyFilter(Clients clients, RateLimiterRegistry limiters, MeterRegistry meters) {
		this.byKeyHash = clients.byKeyHash()
			.entrySet()
			.stream()
			.collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey,
					(entry) -> new Allowed(entry.getValue(), limiters.rateLimiter(entry.getValue().name(),
							RateLimiterConfig.custom()
								.limitForPeriod(entry.getValue().requests())
								.limitRefreshPeriod(entry.getValue().per())
								.timeoutDuration(Duration.ZERO)
								.build()))));
		this.meters = meters;
	}

	private record Allowed(Client client, RateLimiter limiter) {
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		Allowed allowed = (key != null) ? this.byKeyHash.get(Clients.sha256(key)) : null;
		if (allowed == null) {
			refuse(response, HttpStatus.UNAUTHORIZED, "anonymous", (key == null)
					? "Send your API key in the " + HEADER + " header" : "The API key in " + HEADER + " is not known");
			return;
		}
		Client client = allowed.client();
		Role needed = ROLE_BY_PATH.get(request.getRequestURI());
		if (needed != null && !client.roles().contains(needed)) {
			refuse(response, HttpStatus.FORBIDDEN, client.name(), "Client '" + client.name() + "' may not send to "
					+ request.getRequestURI() + ": that needs the role " + needed);
			return;
		}
		if (!allowed.limiter().acquirePermission()) {
			long retryAfter = Math.max(1, client.per().toSeconds());
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
			refuse(response, HttpStatus.TOO_MANY_REQUESTS, client.name(), "Client '" + client.name()
					+ "' sent more than " + client.requests() + " requests in " + client.per() + "; retry after "
					+ retryAfter + " s");
			return;
		}
		// Endpoints that take several kinds of event (CloudEvents) check the role per event.
		request.setAttribute(Client.class.getName(), client);
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletResponse response, HttpStatus status, String client, String detail)
			throws IOException {
		this.meters.counter("handoff.intake.refused", "status", Integer.toString(status.value()), "client", client)
			.increment();
		ProblemResponses.write(response, status, status.getReasonPhrase(), detail);
	}

}
