package io.handoff.deploy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.handoff.access.PersonTokens;
import io.handoff.arbitration.ArbitrationApplication;
import io.handoff.console.ConsoleApplication;
import io.handoff.events.ServiceApplication;
import io.handoff.intake.IntakeApplication;
import io.handoff.routing.RoutingApplication;
import io.handoff.scoring.ScoringApplication;
import io.handoff.sla.SlaMonitorApplication;
import io.handoff.test.Http;
import io.handoff.test.TestKafka;

/**
 * All five services and the console in one JVM against one real broker, started once for
 * every test class that extends with it ({@code @ExtendWith(Handoff.class)}) and stopped
 * when the last test has run, while the broker still runs. The SLA is short, so a lead is
 * breached and ignored within half a minute.
 */
final class Handoff implements BeforeAllCallback {

	/** What the instances of each service share to sign their reads of each other. */
	static final String INSTANCE_SECRET = "the-end-to-end-deployment-secret-32";

	/**
	 * The console's key pair for its calls as a person: it signs with the private key,
	 * the services check.
	 */
	static final List<String> PERSON_TOKEN_KEYS = PersonTokens.newKeyPair();

	static final List<ConfigurableApplicationContext> services = new ArrayList<>();

	/** intake as the demo marketing platform. */
	static Http intake;

	/** intake as the demo sales tool. */
	static Http salesTool;

	/** scoring as marketing-ops. */
	static Http scoring;

	static Http routing;

	static Http sla;

	/** arbitration as the judge. */
	static Http arbitration;

	/** The console, signed in as nobody. */
	static Http console;

	/** The company's OpenID Connect provider. */
	static TestIdentityProvider identity;

	/** The SMTP server sla-monitor's e-mails go to. */
	static GreenMail smtp;

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).computeIfAbsent(Handoff.class, (key) -> {
			try {
				startEveryService();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Handoff did not start", ex);
			}
			return (AutoCloseable) Handoff::stop;
		});
	}

	private static void stop() {
		for (int i = services.size() - 1; i >= 0; i--) {
			services.get(i).close();
		}
		smtp.stop();
		identity.stop();
	}

	private static void startEveryService() throws Exception {
		int smtpPort;
		try (ServerSocket free = new ServerSocket(0)) {
			smtpPort = free.getLocalPort();
		}
		smtp = new GreenMail(new ServerSetup(smtpPort, "localhost", "smtp"));
		smtp.start();
		String run = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
		String[] args = { "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(), "--server.port=0",
				"--spring.profiles.active=demo",
				// The deployment's secrets: instances sign their reads of each other, the
				// console its calls as a person.
				"--handoff.instance-secret=" + INSTANCE_SECRET,
				"--handoff.person-token-public-key=" + PERSON_TOKEN_KEYS.get(1),
				"--handoff.data-dir=" + Path.of("target", run).toAbsolutePath(),
				"--handoff.streams.application-id-prefix=" + run,
				// A short SLA, so a lead is breached and ignored within half a minute,
				// yet long enough that a test touching a lead right after its assignment
				// is in time on a loaded machine: the touch's way from the test through
				// intake to sla-monitor takes under a second when idle, and has 20 s
				// here.
				"--handoff.sla.business-hours=false", "--handoff.sla.first-touch=PT20S",
				"--handoff.sla.ignored-after=PT4S", "--spring.mail.port=" + smtpPort,
				// The test's sales tool and chat receive webhooks on this machine.
				"--handoff.outbound.allowed-hosts=127.0.0.1,localhost",
				// Structured JSON logs (Elastic Common Schema), as a log shipper reads
				// them in production.
				"--logging.structured.format.console=ecs" };
		// The company's identity provider: the console signs people in with it, the
		// services take its access tokens.
		identity = new TestIdentityProvider();
		String[] people = with(args, "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + identity.jwkSetUri());
		Http front = start(ServiceApplication.builder(IntakeApplication.class), args);
		// The demo clients of intake-service.yml: a marketing platform and a sales tool.
		intake = front.withHeader("X-API-Key", "demo-lead-source-key");
		salesTool = front.withHeader("X-API-Key", "demo-sales-tool-key");
		scoring = start(ServiceApplication.builder(ScoringApplication.class), people).as("marketing-ops",
				"demo-marketing-ops");
		// The demo organisation: the real 35 reps of the CRM data set, their territories
		// and accounts. Read as sales ops, who read the organisation and every
		// assignment.
		routing = start(ServiceApplication.builder(RoutingApplication.class),
				with(people, "--handoff.routing.seed=classpath:demo/"))
			.as("sales-ops", "demo-sales-ops");
		// As the admin of the demo people: every clock and figure (a sales rep sees only
		// their own).
		sla = start(ServiceApplication.builder(SlaMonitorApplication.class), people).as("admin", "demo-admin");
		// The judge of arbitration-service.yml's demo people.
		arbitration = start(ServiceApplication.builder(ArbitrationApplication.class), people).as("judge", "demo-judge");
		// The console, calling the services above as the person signed in: with the form,
		// or through the provider.
		String oidc = "--spring.security.oauth2.client.";
		console = start(ServiceApplication.builder(ConsoleApplication.class), new String[] { "--server.port=0",
				"--spring.profiles.active=demo", "--handoff.person-token-key=" + PERSON_TOKEN_KEYS.get(0),
				"--handoff.console.services.scoring=" + base(scoring),
				"--handoff.console.services.routing=" + base(routing), "--handoff.console.services.sla=" + base(sla),
				"--handoff.console.services.arbitration=" + base(arbitration),
				"--logging.structured.format.console=ecs",
				// The weekly review's e-mail: this week's, soon after start (the demo's),
				// to the test's SMTP server.
				"--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(), "--spring.mail.port=" + smtpPort,
				"--handoff.console.review.start-delay=PT5S",
				"--handoff.console.review.ledger-topic=console.review-mailings-" + run,
				// A service slow to answer on a loaded machine is not "not available":
				// only one that is down is.
				"--handoff.console.connect-timeout=PT5S", "--handoff.console.read-timeout=PT20S",
				oidc + "registration.company.client-id=" + TestIdentityProvider.CLIENT_ID,
				oidc + "registration.company.client-secret=" + TestIdentityProvider.CLIENT_SECRET,
				oidc + "registration.company.client-name=the company account",
				oidc + "registration.company.scope=openid",
				oidc + "registration.company.authorization-grant-type=authorization_code",
				oidc + "registration.company.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
				oidc + "provider.company.issuer-uri=" + identity.issuer() });
	}

	static String[] with(String[] args, String... more) {
		return Stream.concat(Arrays.stream(args), Arrays.stream(more)).toArray(String[]::new);
	}

	private static String base(Http service) {
		return service.baseUrl();
	}

	private static Http start(SpringApplicationBuilder application, String[] args) {
		ConfigurableApplicationContext context = application.run(args);
		services.add(context);
		return Http.localhost(((WebServerApplicationContext) context).getWebServer().getPort());
	}

}
