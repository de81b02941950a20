package io.handoff.console;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import io.handoff.access.SignInThrottle;

/**
 * The sign-in form held back after repeated failures ({@link SignInThrottle}): a name or
 * address held back is sent back to the form, told how long to wait, before its password
 * is checked.
 */
final class HeldBackSignIn extends OncePerRequestFilter {

	private final SignInThrottle throttle;

	HeldBackSignIn(SignInThrottle throttle) {
		this.throttle = throttle;
	}

	/**
	 * The form's sign-in, matched as the sign-in filter matches it (decoded, normalised).
	 */
	private static final RequestMatcher SIGN_IN = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/signin");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !SIGN_IN.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Duration> heldBack = this.throttle.heldBack(request.getParameter("username"), request.getRemoteAddr());
		if (heldBack.isPresent()) {
			long seconds = Math.max(1, heldBack.get().toSeconds());
			response.setHeader("Retry-After", Long.toString(seconds));
			response.sendRedirect(request.getContextPath() + "/signin?heldBack=" + seconds);
			return;
		}
		chain.doFilter(request, response);
	}

}
