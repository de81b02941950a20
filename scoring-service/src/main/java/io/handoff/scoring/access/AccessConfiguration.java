package io.handoff.scoring.access;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Reading agreements and scores is open; drafting, signing, activating and previewing need a person with an
 * operations role, signed in with HTTP Basic. Refusals are problem details saying what was missing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(People.class)
class AccessConfiguration {

	/** The roles that may change the agreement (who may sign for which party is checked per signature). */
	static final String[] AGREEMENT_ROLES = { "MARKETING_OPS", "SALES_OPS", "SALES_MANAGER", "ADMIN" };

	@Bean
	SecurityFilterChain api(HttpSecurity http) throws Exception {
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/**")
				.permitAll()
				.requestMatchers("/api/**")
				.hasAnyRole(AGREEMENT_ROLES)
				.anyRequest()
				.permitAll())
			.httpBasic((basic) -> basic.authenticationEntryPoint((request, response, ex) -> problem(response,
					HttpStatus.UNAUTHORIZED, "Sign in (HTTP Basic) as a person with one of the roles "
							+ String.join(", ", AGREEMENT_ROLES))))
			.exceptionHandling((exceptions) -> exceptions
				.accessDeniedHandler((request, response, ex) -> problem(response, HttpStatus.FORBIDDEN,
						"Changing the agreement needs one of the roles " + String.join(", ", AGREEMENT_ROLES))));
		return http.build();
	}

	@Bean
	UserDetailsService people(People people) {
		return new InMemoryUserDetailsManager(people.people()
			.stream()
			.map((person) -> User.withUsername(person.name())
				.password(person.password())
				.roles(person.roles().toArray(String[]::new))
				.build())
			.toList());
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	private static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value()
					+ ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
	}

}
