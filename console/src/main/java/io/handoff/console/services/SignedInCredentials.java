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

/**
 * Calls the services as the person signed in, so each service checks that person's roles and records their name
 * (a ruling carries its judge): with their sign-in token when they came through OIDC, or with the name and password
 * they typed on the local stack's form (kept in their server-side session only, never in the browser).
 */
@Component
public class SignedInCredentials {

	private final ObjectProvider<OAuth2AuthorizedClientService> oidcClients;

	SignedInCredentials(ObjectProvider<OAuth2AuthorizedClientService> oidcClients) {
		this.oidcClients = oidcClients;
	}

	void apply(HttpHeaders headers) {
		Authentication person = SecurityContextHolder.getContext().getAuthentication();
		if (person instanceof OAuth2AuthenticationToken token) {
			OAuth2AuthorizedClientService clients = this.oidcClients.getIfAvailable();
			OAuth2AuthorizedClient client = (clients != null)
					? clients.loadAuthorizedClient(token.getAuthorizedClientRegistrationId(), token.getName()) : null;
			if (client != null) {
				headers.setBearerAuth(client.getAccessToken().getTokenValue());
			}
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
