package io.handoff.access;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the person a {@link PersonTokens person token} names, when it is for this
 * service, with the roles and rep id this service knows them by now (a person whose roles
 * changed since they signed in to the console has the new ones; one no longer configured
 * is refused).
 */
final class PersonTokenFilter extends OncePerRequestFilter {

	private final PersonTokens tokens;

	private final String service;

	private final UserDetailsService people;

	PersonTokenFilter(PersonTokens tokens, String service, UserDetailsService people) {
		this.tokens = tokens;
		this.service = service;
		this.people = people;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String token = request.getHeader(PersonTokens.HEADER);
		if (token != null) {
			Optional<String> person = this.tokens.verify(this.service, token);
			UserDetails known = person.map(this::known).orElse(null);
			if (known == null) {
				HandoffSecurity.problem(response, HttpStatus.UNAUTHORIZED,
						"The person token in " + PersonTokens.HEADER
								+ " is expired, for another service, for nobody this service knows, or not signed with "
								+ "the key of this deployment's handoff.person-token-public-key");
				return;
			}
			SecurityContextHolder.getContext()
				.setAuthentication(
						UsernamePasswordAuthenticationToken.authenticated(known, null, known.getAuthorities()));
		}
		chain.doFilter(request, response);
	}

	private @Nullable UserDetails known(String name) {
		try {
			return this.people.loadUserByUsername(name);
		}
		catch (UsernameNotFoundException ex) {
			return null;
		}
	}

}
