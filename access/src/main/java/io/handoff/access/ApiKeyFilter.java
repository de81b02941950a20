package io.handoff.access;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a machine by the SHA-256 of its key; an unknown key is refused at once.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

	private final Map<String, AccessSettings.ApiKey> keysByHash;

	ApiKeyFilter(Map<String, AccessSettings.ApiKey> keysByHash) {
		this.keysByHash = keysByHash;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HandoffSecurity.API_KEY_HEADER);
		if (key != null) {
			AccessSettings.ApiKey client = this.keysByHash.get(HandoffSecurity.sha256(key));
			if (client == null) {
				HandoffSecurity.problem(response, HttpStatus.UNAUTHORIZED,
						"The API key in " + HandoffSecurity.API_KEY_HEADER + " is not known");
				return;
			}
			SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(client.name(), null,
						HandoffSecurity.authorities(client.roles())));
		}
		chain.doFilter(request, response);
	}

}
