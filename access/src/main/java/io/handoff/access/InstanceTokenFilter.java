package io.handoff.access;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates another instance by its token, on the internal reads only: elsewhere the
 * header opens nothing (the firewall has already refused encoded or dot-segment paths
 * that could make an {@code /api} path look internal).
 */
final class InstanceTokenFilter extends OncePerRequestFilter {

	private final InstanceTokens tokens;

	InstanceTokenFilter(InstanceTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String token = request.getHeader(InstanceTokens.HEADER);
		if (token != null && request.getRequestURI().startsWith(HandoffSecurity.INTERNAL)) {
			if (!this.tokens.verify(token)) {
				HandoffSecurity.problem(response, HttpStatus.UNAUTHORIZED,
						"The instance token in " + InstanceTokens.HEADER
								+ " is expired or not signed with this deployment's handoff.instance-secret");
				return;
			}
			SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("instance", null,
						List.of(new SimpleGrantedAuthority(HandoffSecurity.INSTANCE_AUTHORITY))));
		}
		chain.doFilter(request, response);
	}

}
