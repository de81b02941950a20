package io.handoff.access;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Outbound requests reach only public addresses over https, or the hosts allowed. Every
 * name here resolves through a stub, so a refused target is refused before any
 * connection: no test sends traffic beyond this machine.
 */
class OutboundTargetsTests {

	/** What the stub DNS answers; a name it does not know does not resolve. */
	final Map<String, String> names = new ConcurrentHashMap<>(Map.of("hooks.crm.example", "93.184.215.14",
			"metadata.example", "169.254.169.254", "intranet.example", "10.1.2.3", "v6.example", "fd12:3456::1",
			"mapped.example", "::ffff:127.0.0.1", "nat64.example", "64:ff9b::a01:203", "six-to-four.example",
			"2002:a00:1::1", "nat64-local.example", "64:ff9b:1::a00:1"));

	final AtomicInteger lookups = new AtomicInteger();

	final DnsResolver stub = new DnsResolver() {

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			OutboundTargetsTests.this.lookups.incrementAndGet();
			String address = OutboundTargetsTests.this.names.get(host);
			if (address == null && host.chars().allMatch((c) -> Character.isDigit(c) || c == '.' || c == ':')) {
				address = host;
			}
			if (address == null) {
				throw new UnknownHostException(host + " does not resolve");
			}
			return new InetAddress[] { InetAddress.getByName(address) };
		}

		@Override
		public String resolveCanonicalHostname(String host) {
			return host;
		}

	};

	final OutboundTargets targets = new OutboundTargets(List.of(), this.stub);

	@Test
	void aPublicHttpsTargetIsTaken() {
		assertThat(this.targets.refusal("https://hooks.crm.example/handoff")).isNull();
	}

	@ParameterizedTest(name = "{0} is refused as {1}")
	@CsvSource(delimiter = '|', textBlock = """
			https://127.0.0.1/x                     | loopback
			https://[::1]/x                         | loopback
			https://metadata.example/latest/meta-data | resolves to 169.254.169.254, a link-local
			https://intranet.example/               | private
			https://192.168.1.10/                   | private
			https://172.16.0.1/                     | private
			https://v6.example/                     | unique-local
			https://mapped.example/                 | loopback
			https://nat64.example/                  | private
			https://six-to-four.example/            | private
			https://nat64-local.example/            | private
			https://0.0.0.0/                        | unspecified
			https://224.0.0.1/                      | multicast
			https://100.64.0.1/                     | carrier-grade
			https://192.0.0.192/                    | protocol-assignment
			https://198.18.0.1/                     | benchmarking
			https://240.0.0.1/                      | reserved
			https://nowhere.example/                | does not resolve
			""")
	void insideAddressesAreRefusedNamingWhatTheyAre(String target, String named) {
		assertThat(this.targets.refusal(target)).contains(named);
	}

	@Test
	void httpOtherSchemesAndCredentialsInTheUrlAreRefused() {
		assertThat(this.targets.refusal("http://hooks.crm.example/")).contains("must use https");
		assertThat(this.targets.refusal("ftp://hooks.crm.example/")).contains("absolute https URL");
		assertThat(this.targets.refusal("/relative")).contains("absolute https URL");
		assertThat(this.targets.refusal("https://user:pw@hooks.crm.example/")).contains("user name or password");
		assertThat(this.targets.refusal("https://exa mple/")).contains("is not a URL");
	}

	@Test
	void anAllowedHostMayBeReachedOverHttpAtAnInsideAddress() {
		OutboundTargets local = new OutboundTargets(List.of("localhost", "127.0.0.1", "Intranet.Example"), this.stub);
		this.names.put("localhost", "127.0.0.1");
		assertThat(local.refusal("http://localhost:8080/hooks")).isNull();
		assertThat(local.refusal("http://127.0.0.1:8080/hooks")).isNull();
		assertThat(local.refusal("https://intranet.example/hooks")).isNull();
		assertThat(local.refusal("https://metadata.example/")).contains("link-local");
	}

	@Test
	void aNameThatResolvesInsideWhenTheRequestIsMadeIsRefusedBeforeAnyConnection() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		AtomicInteger received = new AtomicInteger();
		server.createContext("/", (exchange) -> {
			received.incrementAndGet();
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		server.start();
		int port = server.getAddress().getPort();
		try (CloseableHttpClient client = this.targets.client(Duration.ofSeconds(2), Duration.ofSeconds(2))) {
			// Public when the subscription was checked, this machine when the delivery is
			// made (DNS rebinding).
			this.names.put("rebinding.example", "93.184.215.14");
			assertThat(this.targets.refusal("https://rebinding.example/")).isNull();
			this.names.put("rebinding.example", "127.0.0.1");
			assertThatExceptionOfType(UnknownHostException.class)
				.isThrownBy(() -> client.execute(new HttpPost("http://rebinding.example:" + port + "/"),
						(response) -> response.getCode()))
				.withMessageContaining("loopback");
			// An address literal goes through the same check.
			assertThatExceptionOfType(UnknownHostException.class)
				.isThrownBy(() -> client.execute(new HttpPost("http://127.0.0.1:" + port + "/"),
						(response) -> response.getCode()))
				.withMessageContaining("loopback");
			assertThat(received.get()).isZero();
		}
		try (CloseableHttpClient allowed = new OutboundTargets(List.of("127.0.0.1"), this.stub)
			.client(Duration.ofSeconds(2), Duration.ofSeconds(2))) {
			int status = allowed.execute(new HttpPost("http://127.0.0.1:" + port + "/"),
					(response) -> response.getCode());
			assertThat(status).isEqualTo(204);
			assertThat(received.get()).isEqualTo(1);
		}
		finally {
			server.stop(0);
		}
	}

}
