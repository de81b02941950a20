package io.handoff.instances;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * An instance that others reach over the network starts only with a real shared secret.
 */
class InstancesTests {

	@Test
	void anInstanceOnThisMachineOnlyNeedsNoSecret() {
		assertThatNoException().isThrownBy(() -> Instances.requireSecretWhereOthersMayBe("localhost:8084", null));
		assertThatNoException().isThrownBy(() -> Instances.requireSecretWhereOthersMayBe("127.0.0.1:8084", ""));
	}

	@Test
	void anInstanceAtANetworkAddressRefusesToStartWithoutASecretOrWithAPlaceholder() {
		assertThatIllegalStateException()
			.isThrownBy(() -> Instances.requireSecretWhereOthersMayBe("10.1.2.3:8084", null))
			.withMessageContaining("HANDOFF_INSTANCE_SECRET")
			.withMessageContaining("10.1.2.3:8084");
		assertThatIllegalStateException()
			.isThrownBy(() -> Instances.requireSecretWhereOthersMayBe("10.1.2.3:8084", "change-me"));
		assertThatNoException().isThrownBy(() -> Instances.requireSecretWhereOthersMayBe("10.1.2.3:8084",
				"q3J0d2xYc2VjcmV0LWZvci10ZXN0cy1vbmx5LTAxMjM0NQ=="));
	}

}
