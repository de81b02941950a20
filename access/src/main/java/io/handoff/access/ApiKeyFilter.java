package io.handoff.access;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Authenticates a machine by the SHA-256 of its key; an unknown key is refused at once.
 */
final class ApiKeyFilter extends HeaderCredentialsFilter {

	private final Map<String, AccessSettings.ApiKey> keysByHash;

	ApiKeyFilter(Map<String, AccessSettings.ApiKey> keysByHash) {
		super(HandoffSecurity.API_KEY_HEADER);
		this.keysByHash = keysByHash;
	}

	@Override
	@Nullable Authentication authenticate(String key) {
		AccessSettings.ApiKey client = this.keysByHash.get(HandoffSecurity.sha256(key));
		return (client != null) ? UsernamePasswordAuthenticationToken.authenticated(client.name(), null,
				HandoffSecurity.authorities(client.roles())) : null;
	}

	@Override
	String refusal() {
		return "The API key in " + HandoffSecurity.API_KEY_HEADER + " is not known";
	}

}
