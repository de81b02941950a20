package io.handoff.intake.access;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.handoff.access.ApiDocsSecurity;
import io.handoff.access.BodySizeLimit;
import io.handoff.access.DemoSecrets;
import io.handoff.intake.problems.ProblemResponses;

/**
 * Intake's front door on Spring Security: a machine authenticates with its API key
 * ({@link ApiKeyFilter}), each endpoint's handler names the roles that may call it
 * ({@link HandlerRoles}), and everything else is closed but the probes, the Prometheus
 * scrape and the OpenAPI document. Spring Security's firewall refuses paths that are not
 * in their plain form (encoded slashes or dots, path parameters, doubled slashes), so a
 * request cannot reach a handler under a path the rules do not see.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(Clients.class)
@Import(ApiDocsSecurity.class)
class IntakeSecurity {

	@Bean
	SecurityFilterChain intakeFilterChain(HttpSecurity http, Clients clients, RateLimiterRegistry limiters,
			MeterRegistry meters, BeanFactory beans, Environment environment) throws Exception {
		refuseDemoKeys(clients, environment);
		// Spring MVC's mapping of the controllers (the actuator has one of its own, which
		// the rules above cover).
		HandlerRoles roles = new HandlerRoles(
				() -> beans.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class));
		Refusals refusals = new Refusals(meters);
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.addFilterAt(new ApiKeyFilter(clients, limiters, refusals, Clock.systemUTC()),
					BasicAuthenticationFilter.class)
			.authorizeHttpRequests((rules) -> rules
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**")
				.permitAll()
				// Where Spring MVC's own refusals (404, 405, 415) are rendered.
				.requestMatchers("/error")
				.permitAll()
				.anyRequest()
				.access(roles))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, ex) -> refusals.refuse(response, HttpStatus.UNAUTHORIZED,
						"anonymous", "Send your API key in the " + ApiKeyFilter.HEADER + " header"))
				.accessDeniedHandler((request, response, ex) -> notItsRole(request, response, roles, refusals)));
		return http.build();
	}

	/** The largest body taken: room for a batch of 1,000 leads. */
	static final long MAX_BODY_BYTES = 1024 * 1024;

	@Bean
	BodySizeLimit bodySizeLimit() {
		return new BodySizeLimit(MAX_BODY_BYTES, "send fewer leads per request.");
	}

	/**
	 * The demo's public keys, refused unless the {@code demo} profile is on
	 * ({@link DemoSecrets}).
	 */
	private static void refuseDemoKeys(Clients clients, Environment environment) {
		Map<String, String> keys = new LinkedHashMap<>();
		for (int i = 0; i < clients.clients().size(); i++) {
			String hash = clients.clients().get(i).keySha256();
			if (hash != null) {
				keys.put("handoff.intake.clients[" + i + "].key-sha256", hash);
			}
		}
		DemoSecrets.refuseOutsideDemo(environment, Map.of(), keys,
				PasswordEncoderFactories.createDelegatingPasswordEncoder());
	}

	/**
	 * A path the firewall refuses is answered with a problem that says why, never
	 * reaching a handler.
	 */
	@Bean
	RequestRejectedHandler refusedPaths(MeterRegistry meters) {
		Refusals refusals = new Refusals(meters);
		return (request, response, ex) -> refusals.refuse(response, HttpStatus.BAD_REQUEST, "anonymous",
				"The request's path is not in its plain form: send it without encoded slashes or dots, path "
						+ "parameters (;) or doubled slashes");
	}

	private static void notItsRole(HttpServletRequest request, HttpServletResponse response, HandlerRoles roles,
			Refusals refusals) throws IOException {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		String client = (caller != null) ? caller.getName() : "anonymous";
		Optional<HandlerRoles.Endpoint> endpoint = roles.endpointOf(request);
		// The endpoint's own pattern, not the request's path: a refusal never echoes what
		// the caller sent.
		String detail = endpoint
			.map((found) -> "Client '" + client + "' may not send to " + found.method() + " " + found.pattern()
					+ ": that needs the role " + String.join(" or ", new TreeSet<>(found.roles())))
			.orElse("There is no endpoint for " + request.getMethod() + " at this path");
		refusals.refuse(response, endpoint.isPresent() ? HttpStatus.FORBIDDEN : HttpStatus.NOT_FOUND, client, detail);
	}

	/** Every refusal at the door as a problem detail, counted by status and client. */
	record Refusals(MeterRegistry meters) {

		void refuse(HttpServletResponse response, HttpStatus status, String client, String detail) throws IOException {
			this.meters.counter("handoff.intake.refused", "status", Integer.toString(status.value()), "client", client)
				.increment();
			ProblemResponses.write(response, status, status.getReasonPhrase(), detail);
		}

	}

}
