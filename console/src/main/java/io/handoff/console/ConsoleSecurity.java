package io.handoff.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

import io.handoff.access.HandoffSecurity;
import io.handoff.access.PersonTokens;
import io.handoff.access.SignInThrottle;

/**
 * Who may see and do what in the console. People sign in on the form with the same names
 * and passwords the services know ({@code handoff-people.yml}), or through OIDC when
 * {@code spring.security.oauth2.client.registration.*} is set (roles from the ID token's
 * {@code roles} claim). Each page is open to the roles whose work it is; the services
 * check again on every call.
 */
@Configuration(proxyBeanMethods = false)
@Import(HandoffSecurity.class)
class ConsoleSecurity {

	/** The roles that may change the agreement (scoring's rule). */
	static final String[] AGREEMENT_ROLES = { "MARKETING_OPS", "SALES_OPS", "SALES_MANAGER", "ADMIN" };

	/** The roles that may change the sales organisation (routing's rule). */
	static final String[] ORGANISATION_ROLES = { "SALES_OPS", "SALES_MANAGER", "ADMIN" };

	/** The roles that may approve a routing draft (routing's rule). */
	static final String[] ROUTING_APPROVERS = { "SALES_OPS", "ADMIN" };

	/** The roles that may read the judge's desk. */
	static final String[] DESK_ROLES = { "JUDGE", "EXECUTIVE", "ADMIN" };

	/**
	 * What the pages may load: only the console's own scripts, styles and images (htmx
	 * from its webjar), never inline script, never framed by another site, forms posted
	 * only back here.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	@Bean
	SecurityFilterChain console(HttpSecurity http, DaoAuthenticationProvider people,
			ObjectProvider<ClientRegistrationRepository> oidc, SignInThrottle throttle, PersonTokens tokens,
			@Value("${handoff.console.session-lifetime:PT8H}") Duration sessionLifetime) throws Exception {
		SavedRequestAwareAuthenticationSuccessHandler landing = new SavedRequestAwareAuthenticationSuccessHandler();
		landing.setDefaultTargetUrl("/");
		// With person tokens the console calls the services without the password, so none
		// is kept; without them the password stays in the server-side session, so the
		// console can call the services as that person.
		http.getSharedObject(AuthenticationManagerBuilder.class).eraseCredentials(tokens.canIssue());
		http.authenticationProvider(people)
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/signin", "/console.css", "/webjars/**", "/actuator/health/**",
						"/actuator/prometheus", "/error")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/desk/**")
				.hasRole("JUDGE")
				.requestMatchers("/desk/**")
				.hasAnyRole(DESK_ROLES)
				.requestMatchers(HttpMethod.POST, "/agreements/**")
				.hasAnyRole(AGREEMENT_ROLES)
				.requestMatchers(HttpMethod.POST, "/organisation/**")
				.hasAnyRole(ORGANISATION_ROLES)
				.requestMatchers(HttpMethod.POST, "/routing/versions/*/approval")
				.hasAnyRole(ROUTING_APPROVERS)
				.requestMatchers(HttpMethod.POST, "/routing/**")
				.hasAnyRole(ORGANISATION_ROLES)
				.anyRequest()
				.authenticated())
			.formLogin((form) -> form.loginPage("/signin").successHandler((request, response, person) -> {
				throttle.succeeded(person.getName(), request.getRemoteAddr());
				// The session's lifetime starts now, also for a second sign-in in the
				// same browser.
				request.getSession().setAttribute(SessionLifetime.SIGNED_IN_AT, Instant.now());
				landing.onAuthenticationSuccess(request, response, person);
			}).failureHandler((request, response, ex) -> {
				throttle.failed(request.getParameter("username"), request.getRemoteAddr());
				response.sendRedirect(request.getContextPath() + "/signin?error");
			}).permitAll())
			.addFilterBefore(new HeldBackSignIn(throttle), UsernamePasswordAuthenticationFilter.class)
			.addFilterAfter(new SessionLifetime(sessionLifetime, Clock.systemUTC()), AuthorizationFilter.class)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
			.logout((logout) -> logout.logoutUrl("/signout").logoutSuccessUrl("/signin?signedOut"))
			.exceptionHandling((exceptions) -> exceptions.accessDeniedPage("/denied"));
		if (oidc.getIfAvailable() != null) {
			http.oauth2Login((login) -> login.loginPage("/signin")
				.userInfoEndpoint((userInfo) -> userInfo.userAuthoritiesMapper(rolesClaim())));
		}
		return http.build();
	}

	/**
	 * Checks the form's name and password against the people the services know, and keeps
	 * the password in the server-side session so the console can call the services as
	 * that person (never sent to the browser).
	 */
	@Bean
	DaoAuthenticationProvider people(UserDetailsService handoffPeople, PasswordEncoder passwords) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(handoffPeople);
		provider.setPasswordEncoder(passwords);
		return provider;
	}

	/**
	 * An OIDC person's roles: the {@code roles} claim, as the services read it from
	 * bearer tokens.
	 */
	static GrantedAuthoritiesMapper rolesClaim() {
		return (Collection<? extends GrantedAuthority> authorities) -> {
			Set<GrantedAuthority> mapped = new HashSet<>(authorities);
			for (GrantedAuthority authority : authorities) {
				if (authority instanceof OidcUserAuthority oidcUser) {
					List<String> roles = oidcUser.getIdToken().getClaimAsStringList("roles");
					if (roles != null) {
						roles.forEach((role) -> mapped.add(new SimpleGrantedAuthority("ROLE_" + role)));
					}
				}
			}
			return mapped;
		};
	}

}
