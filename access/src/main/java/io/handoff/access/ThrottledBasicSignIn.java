package io.handoff.access;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic sign-ins held back after repeated failures ({@link SignInThrottle}): a
 * held-back name or address is answered 429 with {@code Retry-After} before its password
 * is checked; a sign-in the Basic filter refused (401) counts as a failure, any other
 * answer as a success.
 */
final class ThrottledBasicSignIn extends OncePerRequestFilter {

	private static final BasicAuthenticationConverter BASIC = new BasicAuthenticationConverter();

	private final SignInThrottle throttle;

	ThrottledBasicSignIn(SignInThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String name = basicName(request);
		if (name == null) {
			chain.doFilter(request, response);
			return;
		}
		String address = request.getRemoteAddr();
		Optional<Duration> heldBack = this.throttle.heldBack(name, address);
		if (heldBack.isPresent()) {
			long seconds = Math.max(1, heldBack.get().toSeconds());
			response.setHeader("Retry-After", Long.toString(seconds));
			HandoffSecurity.problem(response, HttpStatus.TOO_MANY_REQUESTS,
					"Too many failed sign-ins: try again in " + seconds + " seconds");
			return;
		}
		chain.doFilter(request, response);
		if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
			this.throttle.failed(name, address);
		}
		else {
			this.throttle.succeeded(name, address);
		}
	}

	/**
	 * The name an HTTP Basic sign-in gives, read as the Basic filter itself reads it (so
	 * no spelling of the header is checked there and not here); empty for one it cannot
	 * read, null when the request signs in otherwise.
	 */
	static @Nullable String basicName(HttpServletRequest request) {
		try {
			UsernamePasswordAuthenticationToken basic = BASIC.convert(request);
			return (basic != null) ? basic.getName() : null;
		}
		catch (AuthenticationException unreadable) {
			return "";
		}
	}

}
