package io.handoff.routing.roster;

import java.io.IOException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * The roster, read at start-up from CSV files ({@code handoff.routing.reps} and {@code handoff.routing.accounts});
 * the demo organisation unless configured.
 */
@Configuration(proxyBeanMethods = false)
class RosterConfiguration {

	@Bean
	Roster roster(@Value("${handoff.routing.reps:classpath:demo/reps.csv}") Resource reps,
			@Value("${handoff.routing.accounts:classpath:demo/accounts.csv}") Resource accounts) throws IOException {
		return Roster.read(reps, accounts);
	}

}
