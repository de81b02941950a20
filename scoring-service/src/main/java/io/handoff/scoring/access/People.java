package io.handoff.scoring.access;

import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The people who may sign in, from {@code handoff.people}: for the local stack and small teams. Passwords are
 * configured only as encoded hashes ({@code {bcrypt}...}), so the configuration holds no secret.
 *
 * @param people every person
 */
@ConfigurationProperties("handoff")
public record People(List<Person> people) {

	public People {
		people = (people != null) ? List.copyOf(people) : List.of();
	}

	/**
	 * One person.
	 *
	 * @param name the name they sign in with, shown on what they sign
	 * @param password the encoded password
	 * @param roles their roles ({@code MARKETING_OPS}, {@code SALES_OPS}, {@code SALES_MANAGER}, {@code ADMIN}, ...)
	 */
	public record Person(String name, String password, Set<String> roles) {

		public Person {
			roles = (roles != null) ? Set.copyOf(roles) : Set.of();
		}

	}

}
