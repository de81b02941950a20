package io.handoff.access;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The demo's public people and keys: loaded with the demo profile only, and refused at
 * start without it, whether they come from {@code handoff-people.yml} or were copied into
 * another configuration.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoSecretsTests {

	static final PasswordEncoder PASSWORDS = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	static final String DEMO_JUDGE = "{bcrypt}$2a$10$xkcwnzwnu/Bm9dgKIxcl3e53OKlGfUMkVe3ABt9DUeY3YkP20zycO";

	@Test
	void aDemoPasswordOrKeyIsRefusedOutsideTheDemoProfileNamingEachSetting() {
		Map<String, AccessSettings.Person> people = Map.of("handoff.people[0].password", person("judge", DEMO_JUDGE),
				"handoff.people[1].password", person("admin", PASSWORDS.encode("demo-admin")),
				"handoff.people[2].password", person("ops", PASSWORDS.encode("a long password of our own")));
		Map<String, String> keys = Map.of("handoff.api-keys[0].key-sha256",
				HandoffSecurity.sha256("demo-sales-tool-key").toUpperCase(Locale.ROOT),
				"handoff.api-keys[1].key-sha256", HandoffSecurity.sha256("our own key"));

		assertThatExceptionOfType(DemoSecrets.Found.class)
			.isThrownBy(() -> DemoSecrets.refuseOutsideDemo(new MockEnvironment(), people, keys, PASSWORDS))
			.satisfies((found) -> assertThat(found.settings()).containsExactlyInAnyOrder("handoff.people[0].password",
					"handoff.people[1].password", "handoff.api-keys[0].key-sha256"));
		MockEnvironment demo = new MockEnvironment();
		demo.setActiveProfiles(DemoSecrets.PROFILE);
		assertThatNoException().isThrownBy(() -> DemoSecrets.refuseOutsideDemo(demo, people, keys, PASSWORDS));
	}

	@Test
	void aDemoHashCopiedUnderAnotherNameAndAKeyPlaceholderAreRefusedToo() {
		assertThatExceptionOfType(DemoSecrets.Found.class)
			.isThrownBy(() -> DemoSecrets.refuseOutsideDemo(new MockEnvironment(),
					Map.of("handoff.people[0].password", person("root", DEMO_JUDGE)),
					Map.of("handoff.api-keys[0].key-sha256", "change-me"), PASSWORDS))
			.satisfies((found) -> assertThat(found.settings()).containsExactlyInAnyOrder("handoff.people[0].password",
					"handoff.api-keys[0].key-sha256 (not the hex SHA-256 of a key)"));
		assertThat(DemoSecrets.demoPasswordHashes()).hasSize(7).contains(DEMO_JUDGE);
	}

	@Test
	void aPasswordThatIsNotEncodedIsRefusedAsWell() {
		assertThatExceptionOfType(DemoSecrets.Found.class)
			.isThrownBy(() -> DemoSecrets.refuseOutsideDemo(new MockEnvironment(),
					Map.of("handoff.people[0].password", person("admin", "change-me")), Map.of(), PASSWORDS))
			.satisfies((found) -> assertThat(found.settings()).singleElement()
				.asString()
				.startsWith("handoff.people[0].password (not an encoded password"));
	}

	@Test
	void theDemoPeopleAreLoadedWithTheDemoProfileOnly() {
		try (ConfigurableApplicationContext demo = start("--spring.profiles.active=demo")) {
			UserDetailsService people = demo.getBean(UserDetailsService.class);
			assertThat(PASSWORDS.matches("demo-judge", people.loadUserByUsername("judge").getPassword())).isTrue();
		}
		try (ConfigurableApplicationContext plain = start()) {
			UserDetailsService people = plain.getBean(UserDetailsService.class);
			assertThatExceptionOfType(UsernameNotFoundException.class)
				.isThrownBy(() -> people.loadUserByUsername("judge"));
		}
	}

	@Test
	void aServiceGivenTheDemoPeopleWithoutTheDemoProfileDoesNotStartAndSaysWhatToReplace(CapturedOutput output) {
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> start("--handoff.people[0].name=judge", "--handoff.people[0].password=" + DEMO_JUDGE,
					"--handoff.people[0].roles[0]=JUDGE"))
			.satisfies((ex) -> assertThat(ex).hasRootCauseInstanceOf(DemoSecrets.Found.class));
		assertThat(output).contains("APPLICATION FAILED TO START", "handoff.people[0].password",
				"--spring.profiles.active=demo");
	}

	private static ConfigurableApplicationContext start(String... args) {
		SpringApplication application = new SpringApplicationBuilder(HandoffSecurity.class).web(WebApplicationType.NONE)
			.properties("spring.config.import=classpath:handoff-people.yml", "spring.main.banner-mode=off")
			.build();
		return application.run(args);
	}

	private static AccessSettings.Person person(String name, String password) {
		return new AccessSettings.Person(name, password, Set.of("ADMIN"), null);
	}

}
