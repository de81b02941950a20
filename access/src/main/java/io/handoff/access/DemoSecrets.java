package io.handoff.access;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.yaml.snakeyaml.Yaml;

/**
 * The local stack's demo people and keys are public (the README prints them), so they
 * belong to the {@code demo} profile only: {@code deploy/local/run} turns it on, and with
 * it off a service that still finds a demo password or key in its configuration (a demo
 * person's hash under any name, too) refuses to start and names each setting to replace.
 * So does one that finds a password that is not encoded or a key hash that is not a
 * SHA-256 (a placeholder left in a Secret), which no sign-in could match.
 */
public final class DemoSecrets {

	/** The profile under which the demo people and keys are loaded. */
	public static final String PROFILE = "demo";

	/** The demo machines' keys, whose SHA-256 a deployment must not keep. */
	private static final Set<String> DEMO_KEY_HASHES = Set.of(HandoffSecurity.sha256("demo-lead-source-key"),
			HandoffSecurity.sha256("demo-sales-tool-key"));

	private static final Pattern SHA_256 = Pattern.compile("[0-9a-fA-F]{64}");

	private DemoSecrets() {
	}

	/**
	 * The encoded passwords of the demo people, as {@code handoff-people.yml} holds them.
	 */
	static Set<String> demoPasswordHashes() {
		Set<String> hashes = new HashSet<>();
		try (InputStream file = DemoSecrets.class.getResourceAsStream("/handoff-people.yml")) {
			if (file == null) {
				return hashes;
			}
			for (Object document : new Yaml().loadAll(file)) {
				if (document instanceof Map<?, ?> root && root.get("handoff") instanceof Map<?, ?> handoff
						&& handoff.get("people") instanceof List<?> demoPeople) {
					for (Object person : demoPeople) {
						if (person instanceof Map<?, ?> fields && fields.get("password") instanceof String password) {
							hashes.add(password);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read handoff-people.yml", ex);
		}
		return hashes;
	}

	/**
	 * Refuses demo secrets unless the {@code demo} profile is on.
	 * @param environment where the active profiles are read
	 * @param people the people by the setting that holds each one's password
	 * ({@code handoff.people[0].password})
	 * @param keyHashes the SHA-256 of each machine key by the setting that holds it
	 * @param passwords how passwords are checked: a demo person's password is
	 * {@code demo-} and their name
	 * @throws Found naming every setting that holds a demo secret or a password that is
	 * not encoded
	 */
	public static void refuseOutsideDemo(Environment environment, Map<String, AccessSettings.Person> people,
			Map<String, String> keyHashes, PasswordEncoder passwords) {
		if (environment.acceptsProfiles(Profiles.of(PROFILE))) {
			return;
		}
		List<String> settings = new ArrayList<>();
		Set<String> demoHashes = demoPasswordHashes();
		people.forEach((setting, person) -> {
			try {
				// The demo's own hashes under any name, and any hash of a demo password
				// for the person's name.
				if (demoHashes.contains(person.password())
						|| passwords.matches("demo-" + person.name(), person.password())) {
					settings.add(setting);
				}
			}
			catch (IllegalArgumentException notEncoded) {
				// A placeholder such as "change-me" would fail every sign-in: refused at
				// start as well.
				settings.add(setting + " (not an encoded password such as {bcrypt}$2a$10$...)");
			}
		});
		keyHashes.forEach((setting, hash) -> {
			if (DEMO_KEY_HASHES.contains(hash.toLowerCase(Locale.ROOT))) {
				settings.add(setting);
			}
			else if (!SHA_256.matcher(hash).matches()) {
				// A placeholder such as "change-me" would let no machine in: refused at
				// start as well.
				settings.add(setting + " (not the hex SHA-256 of a key)");
			}
		});
		if (!settings.isEmpty()) {
			throw new Found(settings);
		}
	}

	/** Demo secrets found in a configuration that is not the demo's. */
	public static final class Found extends IllegalStateException {

		private final List<String> settings;

		Found(List<String> settings) {
			super("Demo secrets outside the demo profile: " + String.join(", ", settings));
			this.settings = List.copyOf(settings);
		}

		/** The settings that hold a demo password or key. */
		public List<String> settings() {
			return this.settings;
		}

	}

}
