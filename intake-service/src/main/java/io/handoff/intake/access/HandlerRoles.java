package io.handoff.intake.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call each endpoint, as its handler method says with {@link RolesAllowed},
 * decided in the security filter chain before the request's body is read. A request that
 * matches no handler with roles is refused: an endpoint added without
 * {@code @RolesAllowed} is closed, not open. Requests are matched on the decoded,
 * normalised path, as Spring MVC matches them, after the firewall has refused encoded and
 * parameterised path tricks.
 */
final class HandlerRoles implements AuthorizationManager<RequestAuthorizationContext> {

	private final Supplier<RequestMappingHandlerMapping> handlers;

	private volatile @Nullable List<Endpoint> endpoints;

	/**
	 * {@code handlers} is asked once, on the first request: the handler mapping is
	 * complete by then.
	 */
	HandlerRoles(Supplier<RequestMappingHandlerMapping> handlers) {
		this.handlers = handlers;
	}

	/** One method and path of a handler, with the roles of which a caller needs one. */
	record Endpoint(RequestMatcher matcher, String method, String pattern, Set<String> roles) {
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Optional<Endpoint> endpoint = endpointOf(context.getRequest());
		if (endpoint.isEmpty()) {
			return new AuthorizationDecision(false);
		}
		Authentication caller = authentication.get();
		boolean granted = caller != null && caller.isAuthenticated()
				&& caller.getAuthorities()
					.stream()
					.map(GrantedAuthority::getAuthority)
					.anyMatch((authority) -> endpoint.get().roles().contains(authority.replaceFirst("^ROLE_", "")));
		return new AuthorizationDecision(granted);
	}

	/** The endpoint a request is for, if a handler with roles takes it. */
	Optional<Endpoint> endpointOf(HttpServletRequest request) {
		return endpoints().stream().filter((endpoint) -> endpoint.matcher().matches(request)).findFirst();
	}

	List<Endpoint> endpoints() {
		List<Endpoint> known = this.endpoints;
		if (known == null) {
			known = read(this.handlers.get());
			this.endpoints = known;
		}
		return known;
	}

	private static List<Endpoint> read(RequestMappingHandlerMapping mapping) {
		List<Endpoint> endpoints = new ArrayList<>();
		mapping.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
			RolesAllowed allowed = handler.getMethodAnnotation(RolesAllowed.class);
			if (allowed == null) {
				return;
			}
			for (String pattern : info.getPatternValues()) {
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					endpoints.add(new Endpoint(
							PathPatternRequestMatcher.withDefaults()
								.matcher(HttpMethod.valueOf(method.name()), pattern),
							method.name(), pattern, Set.of(allowed.value())));
				}
			}
		});
		return List.copyOf(endpoints);
	}

}
