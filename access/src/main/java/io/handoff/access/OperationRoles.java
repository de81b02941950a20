package io.handoff.access;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Which roles may call an operation, read from the service's own rules rather than
 * written down twice: each known role is put to the service's filter chain for the
 * operation's method and path (path variables filled in), and the roles its authorization
 * lets through are the ones the OpenAPI document names. A rule that looks at more than
 * the method, the path and the caller's roles (a lead's owner, a body) is checked again
 * by the handler; the document says who may ask.
 */
final class OperationRoles {

	/** Every role a person or machine can have. */
	static final List<String> ROLES = List.of("ADMIN", "EXECUTIVE", "JUDGE", "LEAD_SOURCE", "MARKETING_OPS",
			"SALES_MANAGER", "SALES_OPS", "SALES_REP", "SALES_TOOL");

	/** Spring MVC's dispatcher, mapped at {@code /} as in every service. */
	private static final HttpServletMapping DISPATCHER_SERVLET = new HttpServletMapping() {

		@Override
		public String getMatchValue() {
			return "";
		}

		@Override
		public String getPattern() {
			return "/";
		}

		@Override
		public String getServletName() {
			return "dispatcherServlet";
		}

		@Override
		public MappingMatch getMappingMatch() {
			return MappingMatch.DEFAULT;
		}

	};

	private final List<SecurityFilterChain> chains;

	OperationRoles(List<SecurityFilterChain> chains) {
		this.chains = chains;
	}

	/** The roles let through to {@code method} {@code pathTemplate}, in name order. */
	Set<String> of(String method, String pathTemplate) {
		HttpServletRequest request = probe(method.toUpperCase(Locale.ROOT), pathTemplate.replaceAll("\\{[^}]+}", "x"));
		Set<String> roles = new TreeSet<>();
		for (SecurityFilterChain chain : this.chains) {
			if (!chain.matches(request)) {
				continue;
			}
			for (Filter filter : chain.getFilters()) {
				if (filter instanceof AuthorizationFilter authorization) {
					AuthorizationManager<HttpServletRequest> manager = authorization.getAuthorizationManager();
					for (String role : ROLES) {
						Supplier<Authentication> caller = () -> UsernamePasswordAuthenticationToken
							.authenticated("probe", null, HandoffSecurity.authorities(List.of(role)));
						AuthorizationResult result = manager.authorize(caller, request);
						if (result != null && result.isGranted()) {
							roles.add(role);
						}
					}
				}
			}
			break;
		}
		return roles;
	}

	/** A request that has only a method and a path: what the rules look at. */
	private static HttpServletRequest probe(String method, String path) {
		Map<String, Object> attributes = new HashMap<>();
		return (HttpServletRequest) Proxy.newProxyInstance(OperationRoles.class.getClassLoader(),
				new Class<?>[] { HttpServletRequest.class }, (proxy, called, args) -> switch (called.getName()) {
					case "getMethod" -> method;
					case "getRequestURI", "getServletPath" -> path;
					case "getContextPath" -> "";
					case "getRequestURL" -> new StringBuffer("http://localhost" + path);
					case "getScheme" -> "http";
					case "getServerName" -> "localhost";
					case "getServerPort", "getLocalPort", "getRemotePort" -> 80;
					case "getDispatcherType" -> DispatcherType.REQUEST;
					case "getHttpServletMapping" -> DISPATCHER_SERVLET;
					case "getAttribute" -> attributes.get((String) args[0]);
					case "setAttribute" -> attributes.put((String) args[0], args[1]);
					case "removeAttribute" -> attributes.remove((String) args[0]);
					case "getAttributeNames", "getHeaders", "getHeaderNames", "getParameterNames", "getLocales" ->
						Collections.emptyEnumeration();
					case "getParameterMap" -> Map.of();
					case "getLocale" -> Locale.ROOT;
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					case "toString" -> method + " " + path;
					default -> defaultOf(called.getReturnType());
				});
	}

	private static Object defaultOf(Class<?> type) {
		if (type == boolean.class) {
			return false;
		}
		if (type == int.class || type == long.class) {
			return (type == int.class) ? (Object) 0 : (Object) 0L;
		}
		return null;
	}

}
