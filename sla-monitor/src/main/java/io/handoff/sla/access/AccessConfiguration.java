package io.handoff.sla.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import io.handoff.access.ApiDocsSecurity;
import io.handoff.access.HandoffSecurity;
import io.handoff.access.Outbound;
import io.handoff.access.StoreProblems;
import io.handoff.instances.Instances;

/**
 * Every clock and figure is read signed in (people with HTTP Basic or a bearer token,
 * sales tools with an API key); a sales rep reads only the clocks and figures of their
 * own leads. Health, metrics and the API description stay open for probes and scrapers.
 */
@Configuration(proxyBeanMethods = false)
@Import({ HandoffSecurity.class, StoreProblems.class, Instances.class, ApiDocsSecurity.class, Outbound.class })
class AccessConfiguration {

	@Bean
	SecurityFilterChain api(HttpSecurity http, HandoffSecurity.Rules rules) throws Exception {
		return rules.chain(http,
				(requests) -> requests.requestMatchers("/api/**").authenticated().anyRequest().permitAll(),
				"Sign in (HTTP Basic, a bearer token, or an API key in X-API-Key) to see SLA clocks and compliance",
				"SLA clocks are read-only");
	}

}
