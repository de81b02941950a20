package io.handoff.intake.access;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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

	private final Clients clients;

	private final RateLimiterRegistry limiters;

	private final MeterRegistry meters;

	ApiKeyFilter(Clients clients, RateLimiterRegistry limiters, MeterRegistry meters) {
		this.clients = clients;
		this.limiters = limiters;
		this.meters = meters;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		Optional<Client> client = (key != null) ? this.clients.byKey(key) : Optional.empty();
		if (client.isEmpty()) {
			refuse(response, HttpStatus.UNAUTHORIZED, "anonymous", (key == null)
					? "Send your API key in the " + HEADER + " header" : "The API key in " + HEADER + " is not known");
			return;
		}
		Role needed = ROLE_BY_PATH.get(request.getRequestURI());
		if (needed != null && !client.get().roles().contains(needed)) {
			refuse(response, HttpStatus.FORBIDDEN, client.get().name(), "Client '" + client.get().name()
					+ "' may not send to " + request.getRequestURI() + ": that needs the role " + needed);
			return;
		}
		RateLimiter limiter = this.limiters.rateLimiter(client.get().name(), RateLimiterConfig.custom()
			.limitForPeriod(client.get().requests())
			.limitRefreshPeriod(client.get().per())
			.timeoutDuration(Duration.ZERO)
			.build());
		if (!limiter.acquirePermission()) {
			long retryAfter = Math.max(1, client.get().per().toSeconds());
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
			refuse(response, HttpStatus.TOO_MANY_REQUESTS, client.get().name(), "Client '" + client.get().name()
					+ "' sent more than " + client.get().requests() + " requests in " + client.get().per()
					+ "; retry after " + retryAfter + " s");
			return;
		}
		// Endpoints that take several kinds of event (CloudEvents) check the role per event.
		request.setAttribute(Client.class.getName(), client.get());
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletResponse response, HttpStatus status, String client, String detail)
			throws IOException {
		this.meters.counter("handoff.intake.refused", "status", Integer.toString(status.value()), "client", client)
			.increment();
		ProblemResponses.write(response, status, status.getReasonPhrase(), detail);
	}

}
