package io.handoff.console.services;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Component;

import io.handoff.access.PersonTokens;

/**
 * Calls the services as the person signed in, so each service checks that person's roles
 * and records their name (a ruling carries its judge): with their sign-in token when they
 * came through OIDC; when they signed in on the form, with a {@link PersonTokens person
 * token} for the one service called, good for a minute, where the console has a
 * {@code handoff.person-token-key} (the console then keeps no password), or else with the
 * name and password they typed (kept in their server-side session only, never in the
 * browser).
 */
@Component
public class SignedInCredentials {

	private final ObjectProvider<OAuth2AuthorizedClientService> oidcClients;

	private final PersonTokens tokens;

	SignedInCredentials(ObjectProvider<OAuth2AuthorizedClientService> oidcClients, PersonTokens tokens) {
		this.oidcClients = oidcClients;
		this.tokens = tokens;
	}

	/**
	 * Signs a call to {@code application} (its {@code spring.application.name}) as the
	 * person signed in.
	 */
	void apply(String application, HttpHeaders headers) {
		Authentication person = SecurityContextHolder.getContext().getAuthentication();
		if (person instanceof OAuth2AuthenticationToken token) {
			OAuth2AuthorizedClientService clients = this.oidcClients.getIfAvailable();
			OAuth2AuthorizedClient client = (clients != null)
					? clients.loadAuthorizedClient(token.getAuthorizedClientRegistrationId(), token.getName()) : null;
			if (client != null) {
				headers.setBearerAuth(client.getAccessToken().getTokenValue());
			}
		}
		else if (person instanceof UsernamePasswordAuthenticationToken signedIn && this.tokens.canIssue()) {
			headers.set(PersonTokens.HEADER, this.tokens.issue(application, signedIn.getName()));
		}
		else if (person instanceof UsernamePasswordAuthenticationToken signedIn
				&& password(signedIn) instanceof String password) {
			headers.setBasicAuth(signedIn.getName(), password);
		}
	}

	private static @Nullable Object password(UsernamePasswordAuthenticationToken signedIn) {
		return signedIn.getCredentials();
	}

}
