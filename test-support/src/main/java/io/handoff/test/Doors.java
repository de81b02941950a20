package io.handoff.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every door of a service tried as an outsider and as each role would: read from the
 * service's own handler mappings, so an endpoint added without saying who may use it
 * fails the test that calls this. Without credentials or with an unknown key every
 * {@code /api} and {@code /internal} door answers 401; a person with a role the door does
 * not name answers 403; one with a role it names gets past security (whatever the handler
 * then says of an empty request). The internal reads between instances are for instances
 * only: every person gets 403.
 */
public final class Doors {

	/** Every role Handoff knows. */
	public static final List<String> ROLES = List.of("LEAD_SOURCE", "SALES_TOOL", "MARKETING_OPS", "SALES_OPS",
			"SALES_REP", "SALES_MANAGER", "JUDGE", "EXECUTIVE", "ADMIN");

	/** Any caller signed in, whatever their roles. */
	public static final Set<String> ANYONE = Set.of("*");

	/**
	 * No person and no machine key: only another instance of the service, with its
	 * instance token.
	 */
	public static final Set<String> INSTANCES_ONLY = Set.of();

	/** The reads between a service's instances, which every stateful service maps. */
	public static final String INTERNAL_READS = "GET /internal/v1/stores/{store}/values";

	/**
	 * The shares of figures asked between a service's instances, which every stateful
	 * service maps.
	 */
	public static final String INTERNAL_FIGURES = "GET /internal/v1/stores/{store}/figures/{figure}";

	static final String PASSWORD = "door-test";

	private Doors() {
	}

	/**
	 * The people of a test: its own, each as {@code name:password:ROLE,ROLE[:repId]} (the
	 * password as configured, {@code {noop}...}), and then one per role, named after it
	 * ({@code door-sales-rep}, ...; the sales rep is rep {@code door-rep}). All from
	 * here: Spring binds a list from one property source only.
	 */
	public static void people(DynamicPropertyRegistry registry, String... own) {
		List<String> people = new ArrayList<>(List.of(own));
		for (String role : ROLES) {
			people
				.add(person(role) + ":{noop}" + PASSWORD + ":" + role + (role.equals("SALES_REP") ? ":door-rep" : ""));
		}
		for (int i = 0; i < people.size(); i++) {
			String[] fields = people.get(i).split(":");
			String prefix = "handoff.people[" + i + "].";
			registry.add(prefix + "name", () -> fields[0]);
			registry.add(prefix + "password", () -> fields[1]);
			registry.add(prefix + "roles", () -> fields[2]);
			if (fields.length > 3) {
				registry.add(prefix + "rep-id", () -> fields[3]);
			}
		}
	}

	/**
	 * Tries every door of the service at {@code port}. {@code allowed} names, for each
	 * {@code "METHOD /pattern"} the service maps under {@code /api} and
	 * {@code /internal}, the roles that pass ({@link #ANYONE} for any signed-in caller,
	 * {@link #INSTANCES_ONLY} for the reads between instances); it must name them all,
	 * and no more. {@code variables} fill the patterns' path variables.
	 */
	public static void tryEvery(RequestMappingHandlerMapping handlers, int port, Map<String, Set<String>> allowed,
			Map<String, String> variables) {
		Map<String, Set<String>> doors = new TreeMap<>();
		handlers.getHandlerMethods()
			.forEach((info, handler) -> info.getPatternValues()
				.stream()
				.filter((pattern) -> pattern.startsWith("/api/") || pattern.startsWith("/internal/"))
				.forEach((pattern) -> {
					Set<String> methods = new TreeSet<>();
					info.getMethodsCondition().getMethods().forEach((method) -> methods.add(method.name()));
					if (methods.isEmpty()) {
						methods.add("GET");
					}
					methods.forEach((method) -> doors.put(method + " " + pattern, Set.of()));
				}));
		assertThat(doors.keySet()).as("every door and who may pass it")
			.containsExactlyInAnyOrderElementsOf(allowed.keySet());
		for (String door : doors.keySet()) {
			String method = door.substring(0, door.indexOf(' '));
			String path = fill(door.substring(door.indexOf(' ') + 1), variables);
			assertThat(Http.localhost(port).call(method, path).status()).as("anonymous " + door).isEqualTo(401);
			assertThat(Http.localhost(port).withHeader("X-API-Key", "guessed").call(method, path).status())
				.as("unknown key " + door)
				.isEqualTo(401);
			Set<String> passing = allowed.get(door);
			for (String role : ROLES) {
				int status = Http.localhost(port).as(person(role), PASSWORD).call(method, path).status();
				if (passing.contains(role) || passing.equals(ANYONE)) {
					assertThat(status).as(role + " " + door).isNotIn(401, 403);
				}
				else {
					assertThat(status).as(role + " " + door).isEqualTo(403);
				}
			}
		}
	}

	private static String fill(String pattern, Map<String, String> variables) {
		String path = pattern;
		for (Map.Entry<String, String> variable : variables.entrySet()) {
			path = path.replace("{" + variable.getKey() + "}", variable.getValue());
		}
		assertThat(path).as("a path variable of " + pattern + " has no value").doesNotContain("{");
		return path;
	}

	private static String person(String role) {
		return "door-" + role.toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
