package io.handoff.test;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChildJvmTests {

	@Test
	void aPortIsHandedOutOnceEvenWhenTheSystemOffersItAgain() {
		// Two thousand picks from the system's ephemeral range (about 28,000 ports) would
		// repeat some ports dozens of times if each were taken as the system offers it.
		Set<Integer> ports = new HashSet<>();
		for (int i = 0; i < 2000; i++) {
			int port = ChildJvm.freePort();
			assertThat(ports.add(port)).as("port %d handed out twice, after %d others", port, i).isTrue();
			assertThat(port).isPositive();
		}
	}

}
