package io.handoff.test;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChildJvmTests {

	@Test
	void aPortIsHandedOutOnceEvenWhenTheSystemOffersItAgain() {
		// Taken as the system offers them, two thousand picks repeated about 250 ports
		// here.
		Set<Integer> ports = new HashSet<>();
		for (int i = 0; i < 2000; i++) {
			int port = ChildJvm.freePort();
			assertThat(ports.add(port)).as("port %d handed out twice, after %d others", port, i).isTrue();
			assertThat(port).isPositive();
		}
	}

}
