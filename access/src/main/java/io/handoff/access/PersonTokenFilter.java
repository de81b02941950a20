package io.handoff.access;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Authenticates the person a {@link PersonTokens person token} names, when it is for this
 * service, with the roles and rep id this service knows them by now (a person whose roles
 * changed since they signed in to the console has the new ones; one no longer configured
 * is refused).
 */
final class PersonTokenFilter extends HeaderCredentialsFilter {

	private final PersonTokens tokens;

	private final String service;

	private final UserDetailsService people;

	PersonTokenFilter(PersonTokens tokens, String service, UserDetailsService people) {
		super(PersonTokens.HEADER);
		this.tokens = tokens;
		this.service = service;
		this.people = people;
	}

	@Override
	@Nullable Authentication authenticate(String token) {
		UserDetails known = this.tokens.verify(this.service, token).map(this::known).orElse(null);
		return (known != null) ? UsernamePasswordAuthenticationToken.authenticated(known, null, known.getAuthorities())
				: null;
	}

	@Override
	String refusal() {
		return "The person token in " + PersonTokens.HEADER
				+ " is expired, for another service, for nobody this service knows, or not signed with "
				+ "the key of this deployment's handoff.person-token-public-key";
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
