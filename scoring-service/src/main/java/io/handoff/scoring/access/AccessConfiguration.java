package io.handoff.scoring.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import io.handoff.access.ApiDocsSecurity;
import io.handoff.access.HandoffSecurity;
import io.handoff.access.StoreProblems;
import io.handoff.instances.Instances;

/**
 * Reading the agreements is open; a lead's score needs a sign-in (it carries the lead's
 * contact data), erasing a lead an administrator; drafting, signing, activating and
 * previewing need a person with an operations role (who may sign for which party is
 * checked per signature).
 */
@Configuration(proxyBeanMethods = false)
@Import({ HandoffSecurity.class, StoreProblems.class, Instances.class, ApiDocsSecurity.class })
class AccessConfiguration {

	/** The roles that may change the agreement. */
	static final String[] AGREEMENT_ROLES = { "MARKETING_OPS", "SALES_OPS", "SALES_MANAGER", "ADMIN" };

	@Bean
	SecurityFilterChain api(HttpSecurity http, HandoffSecurity.Rules rules) throws Exception {
		return rules.chain(http, (requests) -> requests.requestMatchers(HttpMethod.DELETE, "/api/v1/leads/*")
			// Erasing a person is an administrator's act.
			.hasRole("ADMIN")
			.requestMatchers("/api/v1/leads/**")
			// A lead's score carries the lead as received (name, email, phone): signed-in
			// callers only.
			.authenticated()
			.requestMatchers(HttpMethod.GET, "/api/**")
			.authenticated()
			.requestMatchers("/api/**")
			.hasAnyRole(AGREEMENT_ROLES)
			.anyRequest()
			.permitAll(),
				"Sign in (HTTP Basic or a bearer token) as a person with one of the roles "
						+ String.join(", ", AGREEMENT_ROLES),
				"changing the agreement needs one of the roles " + String.join(", ", AGREEMENT_ROLES));
	}

}
