package io.handoff.arbitration.access;

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
 * Only the judge rules; everyone signed in (people with HTTP Basic or a bearer token,
 * sales tools with an API key) reads, a sales rep only their own cases. Health, metrics
 * and the API description stay open.
 */
@Configuration(proxyBeanMethods = false)
@Import({ HandoffSecurity.class, StoreProblems.class, Instances.class, ApiDocsSecurity.class })
class AccessConfiguration {

	@Bean
	SecurityFilterChain api(HttpSecurity http, HandoffSecurity.Rules rules) throws Exception {
		return rules.chain(http,
				(requests) -> requests.requestMatchers(HttpMethod.POST, "/api/v1/cases/*/ruling")
					.hasRole("JUDGE")
					.requestMatchers("/api/**")
					.authenticated()
					.anyRequest()
					.permitAll(),
				"Sign in (HTTP Basic, a bearer token, or an API key in X-API-Key) to see cases",
				"only the JUDGE rules on cases");
	}

}
