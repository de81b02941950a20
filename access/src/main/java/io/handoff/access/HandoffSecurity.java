package io.handoff.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.util.unit.DataSize;

/**
 * The one way the services that people use check who is asking: HTTP Basic against the
 * configured people, bearer tokens when a JWT issuer or key is configured (roles from the
 * token's {@code roles} claim, a rep's id from {@code rep_id}), and {@code X-API-Key} for
 * machines. Each service says which roles may do what; a refusal is a problem detail
 * saying what was missing. Import it with {@code @Import(HandoffSecurity.class)}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessSettings.class)
public class HandoffSecurity {

	/** The request header that carries a machine's key. */
	public static final String API_KEY_HEADER = "X-API-Key";

	/** Where the reads between a service's instances live. */
	public static final String INTERNAL = "/internal/";

	/**
	 * The authority of another instance of the same service, and of nobody else: not a
	 * role ({@code ROLE_...}), so no person, key or token claim can carry it; only
	 * {@link InstanceTokens a valid instance token} grants it.
	 */
	static final String INSTANCE_AUTHORITY = "HANDOFF_INSTANCE";

	@Bean
	UserDetailsService handoffPeople(AccessSettings settings, Environment environment, PasswordEncoder passwords) {
		refuseDemoSecrets(settings, environment, passwords);
		Map<String, AccessSettings.Person> people = settings.people()
			.stream()
			.collect(Collectors.toMap(AccessSettings.Person::name, Function.identity()));
		return (name) -> {
			AccessSettings.Person person = people.get(name);
			if (person == null) {
				throw new UsernameNotFoundException("No person named " + name);
			}
			return new HandoffUser(person.name(), person.password(), authorities(person.roles()), person.repId());
		};
	}

	/**
	 * The demo's public people and keys, refused unless the {@code demo} profile is on
	 * ({@link DemoSecrets}).
	 */
	private static void refuseDemoSecrets(AccessSettings settings, Environment environment, PasswordEncoder passwords) {
		Map<String, AccessSettings.Person> people = new LinkedHashMap<>();
		for (int i = 0; i < settings.people().size(); i++) {
			people.put("handoff.people[" + i + "].password", settings.people().get(i));
		}
		Map<String, String> keys = new LinkedHashMap<>();
		for (int i = 0; i < settings.apiKeys().size(); i++) {
			keys.put("handoff.api-keys[" + i + "].key-sha256", settings.apiKeys().get(i).keySha256());
		}
		DemoSecrets.refuseOutsideDemo(environment, people, keys, passwords);
	}

	/**
	 * Passwords as encoded in the configuration ({@code {bcrypt}...}), a match remembered
	 * for a minute.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return new CachedPasswordChecks(PasswordEncoderFactories.createDelegatingPasswordEncoder(), Clock.systemUTC());
	}

	/** The console's calls as the person signed in, without their password. */
	@Bean
	PersonTokens personTokens(AccessSettings settings) {
		return PersonTokens.of(settings.personTokenKey(), settings.personTokenPublicKey(), Clock.systemUTC());
	}

	/** Holds back names and addresses that keep failing to sign in. */
	@Bean
	SignInThrottle signInThrottle() {
		return new SignInThrottle();
	}

	/**
	 * The largest request body a service takes ({@code handoff.max-request-size}, 2 MB
	 * unless set): room for the largest CSV file the console passes on to routing.
	 */
	@Bean
	BodySizeLimit bodySizeLimit(@Value("${handoff.max-request-size:2MB}") DataSize limit) {
		return new BodySizeLimit(limit.toBytes(), "send less at a time.");
	}

	/** Signs and checks the calls between this service's instances. */
	@Bean
	InstanceTokens instanceTokens(AccessSettings settings,
			@Value("${spring.application.name:handoff}") String service) {
		return InstanceTokens.of(settings.instanceSecret(), service);
	}

	/** Builds a service's filter chain with its rules for who may call what. */
	@Bean
	Rules handoffRules(AccessSettings settings, ObjectProvider<JwtDecoder> jwt, InstanceTokens instances,
			SignInThrottle throttle, PersonTokens people, UserDetailsService handoffPeople,
			@Value("${spring.application.name:handoff}") String service) {
		return new Rules(settings, jwt.getIfAvailable() != null, instances, throttle,
				new PersonTokenFilter(people, service, handoffPeople));
	}

	/**
	 * A service's security: call {@link #chain} from its {@code SecurityFilterChain}
	 * bean.
	 */
	public static final class Rules {

		private final Map<String, AccessSettings.ApiKey> keysByHash;

		private final boolean bearerTokens;

		private final InstanceTokens instances;

		private final SignInThrottle throttle;

		private final PersonTokenFilter people;

		Rules(AccessSettings settings, boolean bearerTokens, InstanceTokens instances, SignInThrottle throttle,
				PersonTokenFilter people) {
			this.throttle = throttle;
			this.people = people;
			this.keysByHash = settings.apiKeys()
				.stream()
				.collect(Collectors.toMap((key) -> key.keySha256().toLowerCase(Locale.ROOT), Function.identity()));
			this.bearerTokens = bearerTokens;
			this.instances = instances;
		}

		/**
		 * The filter chain with {@code rules} for who may call what; {@code signInHint}
		 * says how to sign in and {@code rolesHint} which roles the service's changes
		 * need. The internal reads between instances ({@code /internal/**}) come first:
		 * only another instance, with its {@link InstanceTokens token}, reads them.
		 */
		public SecurityFilterChain chain(HttpSecurity http,
				Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules,
				String signInHint, String rolesHint) throws Exception {
			http.csrf((csrf) -> csrf.disable())
				.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.authorizeHttpRequests((requests) -> {
					requests.requestMatchers(INTERNAL + "**").hasAuthority(INSTANCE_AUTHORITY);
					rules.customize(requests);
				})
				.addFilterBefore(new ApiKeyFilter(this.keysByHash), BasicAuthenticationFilter.class)
				.addFilterBefore(new InstanceTokenFilter(this.instances), BasicAuthenticationFilter.class)
				// A person token is checked first: a bad one is refused before it could
				// count as a failed sign-in.
				.addFilterBefore(this.people, BasicAuthenticationFilter.class)
				.addFilterBefore(new ThrottledBasicSignIn(this.throttle), BasicAuthenticationFilter.class)
				.httpBasic((basic) -> basic.authenticationEntryPoint(
						(request, response, ex) -> problem(response, HttpStatus.UNAUTHORIZED, signInHint)))
				.exceptionHandling((exceptions) -> exceptions
					.authenticationEntryPoint(
							(request, response, ex) -> problem(response, HttpStatus.UNAUTHORIZED, signInHint))
					.accessDeniedHandler((request, response, ex) -> problem(response, HttpStatus.FORBIDDEN,
							"Your roles do not allow " + request.getMethod() + " " + request.getRequestURI() + ": "
									+ rolesHint)));
			if (this.bearerTokens) {
				JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
				converter.setJwtGrantedAuthoritiesConverter((jwt) -> {
					List<String> roles = jwt.getClaimAsStringList("roles");
					return authorities((roles != null) ? roles : List.of());
				});
				http.oauth2ResourceServer((server) -> server.jwt((token) -> token.jwtAuthenticationConverter(converter))
					.authenticationEntryPoint((request, response, ex) -> problem(response, HttpStatus.UNAUTHORIZED,
							"The bearer token was not accepted: " + ex.getMessage())));
			}
			return http.build();
		}

	}

	static List<GrantedAuthority> authorities(Collection<String> roles) {
		return roles.stream().<GrantedAuthority>map((role) -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
	}

	/** The hex SHA-256 of a key, as configured. */
	public static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	/**
	 * Writes a problem detail; the detail is plain text from this code, never from the
	 * request.
	 */
	public static void problem(HttpServletResponse response, HttpStatus status, @Nullable String detail)
			throws IOException {
		response.setStatus(status.value());
		if (status == HttpStatus.UNAUTHORIZED) {
			// Lets a browser ask for a name and password; machines send X-API-Key or a
			// bearer token instead.
			response.setHeader("WWW-Authenticate", "Basic realm=\"Handoff\"");
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		String text = (detail != null) ? detail.replace("\\", "\\\\").replace("\"", "'") : status.getReasonPhrase();
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
					+ status.value() + ",\"detail\":\"" + text + "\"}");
	}

}
