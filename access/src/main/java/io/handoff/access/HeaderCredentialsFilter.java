package io.handoff.access;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by the credentials in one header: a request without them goes
 * on for the next way in to try; credentials that do not hold are refused at once, with
 * problem details saying why, rather than falling through to another way in.
 */
abstract class HeaderCredentialsFilter extends OncePerRequestFilter {

	private final String header;

	HeaderCredentialsFilter(String header) {
		this.header = header;
	}

	@Override
	protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String credentials = request.getHeader(this.header);
		if (credentials != null && appliesTo(request)) {
			Authentication authenticated = authenticate(credentials);
			if (authenticated == null) {
				HandoffSecurity.problem(response, HttpStatus.UNAUTHORIZED, refusal());
				return;
			}
			SecurityContextHolder.getContext().setAuthentication(authenticated);
		}
		chain.doFilter(request, response);
	}

	/** Whether the header's credentials open {@code request}; by default every one. */
	boolean appliesTo(HttpServletRequest request) {
		return true;
	}

	/** Who {@code credentials} authenticate, or {@code null} when they do not hold. */
	abstract @Nullable Authentication authenticate(String credentials);

	/** Why credentials that do not hold are refused. */
	abstract String refusal();

}
