package io.handoff.access;

import java.util.List;

import org.apache.hc.client5.http.DnsResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link OutboundTargets} of a service that sends requests of its own: import it
 * ({@code @Import(Outbound.class)}). {@code handoff.outbound.allowed-hosts} lists the
 * hosts that may be reached over http and at inside addresses (none by default; the local
 * stack allows this machine). A {@link DnsResolver} bean, if any, resolves names (tests).
 */
@Configuration(proxyBeanMethods = false)
public class Outbound {

	@Bean
	OutboundTargets outboundTargets(@Value("${handoff.outbound.allowed-hosts:}") List<String> allowedHosts,
			ObjectProvider<DnsResolver> dns) {
		return new OutboundTargets(allowedHosts, dns.getIfAvailable());
	}

}
