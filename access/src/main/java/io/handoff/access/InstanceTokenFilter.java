package io.handoff.access;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Authenticates another instance by its token, on the internal reads only: elsewhere the
 * header opens nothing (the firewall has already refused encoded or dot-segment paths
 * that could make an {@code /api} path look internal).
 */
final class InstanceTokenFilter extends HeaderCredentialsFilter {

	private final InstanceTokens tokens;

	InstanceTokenFilter(InstanceTokens tokens) {
		super(InstanceTokens.HEADER);
		this.tokens = tokens;
	}

	@Override
	boolean appliesTo(HttpServletRequest request) {
		return request.getRequestURI().startsWith(HandoffSecurity.INTERNAL);
	}

	@Override
	@Nullable Authentication authenticate(String token) {
		return this.tokens.verify(token) ? UsernamePasswordAuthenticationToken.authenticated("instance", null,
				List.of(new SimpleGrantedAuthority(HandoffSecurity.INSTANCE_AUTHORITY))) : null;
	}

	@Override
	String refusal() {
		return "The instance token in " + InstanceTokens.HEADER
				+ " is expired or not signed with this deployment's handoff.instance-secret";
	}

}
