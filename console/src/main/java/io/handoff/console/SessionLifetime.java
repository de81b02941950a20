package io.handoff.console;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session a fixed time after sign-in, however busy it was: the pages
 * that refresh themselves keep a session from ever being idle, so the idle timeout alone
 * would let an open tab stay signed in forever. The first signed-in request of a session
 * starts its clock; when it has run out the session is ended and the person is sent to
 * sign in again (a panel refreshing in the page is told so with {@code HX-Redirect}).
 */
final class SessionLifetime extends OncePerRequestFilter {

	static final String SIGNED_IN_AT = SessionLifetime.class.getName() + ".signedInAt";

	private final Duration lifetime;

	private final Clock clock;

	SessionLifetime(Duration lifetime, Clock clock) {
		this.lifetime = lifetime;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication person = SecurityContextHolder.getContext().getAuthentication();
		HttpSession session = request.getSession(false);
		if (session != null && person != null && person.isAuthenticated()
				&& !(person instanceof AnonymousAuthenticationToken)) {
			Instant now = this.clock.instant();
			Object signedInAt = session.getAttribute(SIGNED_IN_AT);
			if (!(signedInAt instanceof Instant since)) {
				session.setAttribute(SIGNED_IN_AT, now);
			}
			else if (Duration.between(since, now).compareTo(this.lifetime) > 0) {
				session.invalidate();
				SecurityContextHolder.clearContext();
				String signIn = request.getContextPath() + "/signin?expired";
				if (request.getHeader("HX-Request") != null) {
					response.setHeader("HX-Redirect", signIn);
					response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
				}
				else {
					response.sendRedirect(signIn);
				}
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
