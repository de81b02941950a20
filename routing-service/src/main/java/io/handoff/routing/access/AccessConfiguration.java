package io.handoff.routing.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import io.handoff.access.ApiDocsSecurity;
import io.handoff.access.Caller;
import io.handoff.access.HandoffSecurity;
import io.handoff.access.Outbound;
import io.handoff.access.StoreProblems;
import io.handoff.instances.Instances;

/**
 * Sales ops (and managers, admins) change the sales organisation; sales tools manage
 * their webhook subscriptions; the organisation is read by those who read every lead, a
 * lead's assignment by anyone signed in (a sales rep: their own leads only). Health,
 * metrics and the API description stay open.
 */
@Configuration(proxyBeanMethods = false)
@Import({ HandoffSecurity.class, StoreProblems.class, Instances.class, ApiDocsSecurity.class, Outbound.class })
class AccessConfiguration {

	/** The roles that may change the sales organisation. */
	static final String[] ORGANISATION_ROLES = { "SALES_OPS", "SALES_MANAGER", "ADMIN" };

	/** The roles that may approve a routing draft: sales ops (and admins). */
	static final String[] ROUTING_APPROVERS = { "SALES_OPS", "ADMIN" };

	/** The roles that may see and change webhook subscriptions. */
	static final String[] WEBHOOK_ROLES = { "SALES_TOOL", "SALES_OPS", "ADMIN" };

	@Bean
	SecurityFilterChain api(HttpSecurity http, HandoffSecurity.Rules rules) throws Exception {
		return rules.chain(http,
				(requests) -> requests.requestMatchers("/api/v1/webhooks/**", "/api/v1/webhooks")
					.hasAnyRole(WEBHOOK_ROLES)
					.requestMatchers(HttpMethod.POST, "/api/v1/routing/versions/*/approval")
					.hasAnyRole(ROUTING_APPROVERS)
					// One lead's assignment: any caller signed in, a sales rep for their
					// own leads only (AssignmentController).
					.requestMatchers(HttpMethod.GET, "/api/v1/assignments/waiting")
					.hasAnyRole(Caller.everyLeadRoles())
					.requestMatchers(HttpMethod.GET, "/api/v1/assignments/*")
					.authenticated()
					// The organisation (reps' e-mails, absences, loads; accounts; waiting
					// leads): those who read every lead.
					.requestMatchers(HttpMethod.GET, "/api/**")
					.hasAnyRole(Caller.everyLeadRoles())
					.requestMatchers("/api/**")
					.hasAnyRole(ORGANISATION_ROLES)
					.anyRequest()
					.permitAll(),
				"Sign in (HTTP Basic, a bearer token, or an API key in X-API-Key)",
				"changing the sales organisation needs one of " + String.join(", ", ORGANISATION_ROLES)
						+ "; approving a routing draft one of " + String.join(", ", ROUTING_APPROVERS)
						+ "; webhooks need one of " + String.join(", ", WEBHOOK_ROLES)
						+ "; reading the organisation one of " + String.join(", ", Caller.everyLeadRoles()));
	}

}
