package io.handoff.access;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Where Handoff may send requests of its own (webhooks to sales tools, notifications to
 * chat): only to public addresses over https, unless a host is on the allow-list
 * ({@code handoff.outbound.allowed-hosts}, which the local stack sets to this machine). A
 * URL is checked when it is given ({@link #refusal}), and again at every connection
 * against the addresses actually connected to ({@link #client}): a name that resolved to
 * a public address when a subscription was made and to an inside one later (DNS
 * rebinding) is refused before any connection is made.
 */
public final class OutboundTargets {

	private final Set<String> allowedHosts;

	private final DnsResolver dns;

	/**
	 * Targets allowing {@code allowedHosts} (names or address literals,
	 * case-insensitive), resolved with {@code dns}.
	 */
	public OutboundTargets(Collection<String> allowedHosts, @Nullable DnsResolver dns) {
		this.allowedHosts = allowedHosts.stream()
			.map(String::strip)
			.filter((host) -> !host.isEmpty())
			.map((host) -> host.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		this.dns = (dns != null) ? dns : SystemDefaultDnsResolver.INSTANCE;
	}

	/**
	 * Why {@code url} may not be a target, or {@code null} when it may: its form, its
	 * scheme, where it resolves.
	 */
	public @Nullable String refusal(String url) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return "url '" + url + "' is not a URL";
		}
		String host = uri.getHost();
		if (!uri.isAbsolute() || host == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
			return "url '" + url + "' must be an absolute https URL";
		}
		if (uri.getUserInfo() != null) {
			return "url '" + url + "' must not carry a user name or password";
		}
		if (!allowed(host) && !"https".equals(uri.getScheme())) {
			return "url '" + url + "' must use https (http only for the hosts in handoff.outbound.allowed-hosts)";
		}
		try {
			checked(host);
			return null;
		}
		catch (UnknownHostException ex) {
			return "url '" + url + "': " + ex.getMessage();
		}
	}

	/**
	 * A client that connects only where these targets allow, checking each address it is
	 * about to connect to; it follows no redirect, uses no proxy and retries nothing
	 * itself.
	 */
	public CloseableHttpClient client(Duration connectTimeout, Duration responseTimeout) {
		DnsResolver guarded = new DnsResolver() {

			@Override
			public InetAddress[] resolve(String host) throws UnknownHostException {
				return checked(host);
			}

			@Override
			public String resolveCanonicalHostname(String host) throws UnknownHostException {
				return OutboundTargets.this.dns.resolveCanonicalHostname(host);
			}

		};
		return HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(guarded)
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.of(connectTimeout))
					.setSocketTimeout(Timeout.of(responseTimeout))
					.build())
				.build())
			.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(responseTimeout)).build())
			.disableRedirectHandling()
			// The callers retry, behind their circuit breakers: the client's own retry of
			// a 503 would double each try.
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.build();
	}

	private InetAddress[] checked(String host) throws UnknownHostException {
		String name = unbracketed(host);
		InetAddress[] addresses = this.dns.resolve(name);
		if (allowed(host)) {
			return addresses;
		}
		for (InetAddress address : addresses) {
			String inside = insideKind(address);
			if (inside != null) {
				throw new RefusedTarget(host + " resolves to " + address.getHostAddress() + ", a " + inside
						+ " address: not a target unless handoff.outbound.allowed-hosts names it");
			}
		}
		return addresses;
	}

	private boolean allowed(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		return this.allowedHosts.contains(name) || this.allowedHosts.contains(unbracketed(name));
	}

	private static String unbracketed(String host) {
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	/**
	 * What kind of inside address {@code address} is, or {@code null} for a public one.
	 */
	static @Nullable String insideKind(InetAddress address) {
		if (address.isAnyLocalAddress()) {
			return "unspecified";
		}
		if (address.isLoopbackAddress()) {
			return "loopback";
		}
		if (address.isLinkLocalAddress()) {
			return "link-local";
		}
		if (address.isSiteLocalAddress()) {
			return "private";
		}
		if (address.isMulticastAddress()) {
			return "multicast";
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			int first = bytes[0] & 0xff;
			int second = bytes[1] & 0xff;
			if (first == 0) {
				return "unspecified";
			}
			if (first == 100 && second >= 64 && second < 128) {
				return "shared (carrier-grade NAT)";
			}
			if (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) {
				return "protocol-assignment";
			}
			if (first == 198 && (second == 18 || second == 19)) {
				return "benchmarking";
			}
			if (first >= 240) {
				return "reserved";
			}
			if (first == 255 && (bytes[1] & bytes[2] & bytes[3] & 0xff) == 0xff) {
				return "broadcast";
			}
			return null;
		}
		if (address instanceof Inet6Address) {
			if ((bytes[0] & 0xfe) == 0xfc) {
				return "unique-local";
			}
			if ((bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x02) {
				// 6to4: the IPv4 address it reaches is in bytes 2 to 5.
				try {
					return insideKind(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 2, 6)));
				}
				catch (UnknownHostException ex) {
					return "unreadable";
				}
			}
			if (isMappedOrCompatibleV4(bytes) || isNat64(bytes)) {
				try {
					return insideKind(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
				}
				catch (UnknownHostException ex) {
					return "unreadable";
				}
			}
		}
		return null;
	}

	/**
	 * {@code 64:ff9b::a.b.c.d} (and the local-use {@code 64:ff9b:1::/48}): IPv4 reached
	 * through a NAT64 gateway.
	 */
	private static boolean isNat64(byte[] bytes) {
		byte[] prefix = { 0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };
		byte[] local = { 0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 1 };
		return Arrays.equals(bytes, 0, 12, prefix, 0, 12) || Arrays.equals(bytes, 0, 6, local, 0, 6);
	}

	/**
	 * {@code ::ffff:a.b.c.d} (and the old {@code ::a.b.c.d}): an IPv4 address in IPv6
	 * form.
	 */
	private static boolean isMappedOrCompatibleV4(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) || (bytes[10] == 0 && bytes[11] == 0);
	}

	/**
	 * A target refused for where it resolves: unlike a name that does not resolve now,
	 * retrying will not help. (An {@link UnknownHostException}, so that the HTTP client
	 * gives up before connecting.)
	 */
	public static final class RefusedTarget extends UnknownHostException {

		RefusedTarget(String message) {
			super(message);
		}

	}

}
