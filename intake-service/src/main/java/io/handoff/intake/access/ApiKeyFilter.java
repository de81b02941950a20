package io.handoff.intake.access;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.handoff.intake.access.Clients.Client;

/**
 * Authenticates a machine by its API key in Spring Security's filter chain: an unknown key is refused at once
 * ({@code 401}), a known one is let in with its client's roles within the client's rate ({@code 429} with
 * {@code Retry-After} past it). A request without a key goes on anonymous, and the chain's rules refuse it where a
 * role is needed. Not a bean: the chain alone runs it.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

	/** The request header that carries the key. */
	static final String HEADER = "X-API-Key";

	/** Each client with its rate limiter, by the hash of its key: built once, looked up per request. */
	private final Map<String, Allowed> byKeyHash;

	private final IntakeSecurity.Refusals refusals;

	ApiKeyFilter(Clients clients, RateLimiterRegistry limiters, IntakeSecurity.Refusals refusals) {
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
		this.refusals = refusals;
	}

	private record Allowed(Client client, RateLimiter limiter) {
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (key == null) {
			chain.doFilter(request, response);
			return;
		}
		Allowed allowed = this.byKeyHash.get(Clients.sha256(key));
		if (allowed == null) {
			this.refusals.refuse(response, HttpStatus.UNAUTHORIZED, "anonymous",
					"The API key in " + HEADER + " is not known");
			return;
		}
		Client client = allowed.client();
		if (!allowed.limiter().acquirePermission()) {
			long retryAfter = Math.max(1, client.per().toSeconds());
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
			this.refusals.refuse(response, HttpStatus.TOO_MANY_REQUESTS, client.name(), "Client '" + client.name()
					+ "' sent more than " + client.requests() + " requests in " + client.per() + "; retry after "
					+ retryAfter + " s");
			return;
		}
		SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(client.name(), null,
				client.roles().stream().map((role) -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList()));
		SecurityContextHolder.getContextHolderStrategy().setContext(context);
		// Endpoints that take several kinds of event (CloudEvents) check the role per event.
		request.setAttribute(Client.class.getName(), client);
		chain.doFilter(request, response);
	}

}
