package io.handoff.console;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import io.handoff.access.SignInThrottle;

/**
 * The sign-in form held back after repeated failures ({@link SignInThrottle}): a name or address held back is sent
 * back to the form, told how long to wait, before its password is checked.
 */
final class HeldBackSignIn extends OncePerRequestFilter {

	private final SignInThrottle throttle;

	HeldBackSignIn(SignInThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod())
				&& (request.getContextPath() + "/signin").equals(request.getRequestURI()));
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
