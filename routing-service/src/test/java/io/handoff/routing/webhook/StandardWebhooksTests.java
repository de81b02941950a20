package io.handoff.routing.webhook;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StandardWebhooksTests {

	/** The example of the Standard Webhooks specification's reference libraries. */
	@Test
	void signsAsTheStandardWebhooksReferenceDoes() {
		String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
		String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
		long timestamp = 1614265330;
		String body = "{\"test\": 2432232314}";

		assertThat(StandardWebhooks.sign(secret, id, timestamp, body))
			.isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void newSecretsAreValidAndDistinct() {
		String one = StandardWebhooks.newSecret();

		assertThat(StandardWebhooks.valid(one)).isTrue();
		assertThat(one).startsWith("whsec_").isNotEqualTo(StandardWebhooks.newSecret());
		assertThat(StandardWebhooks.valid("whsec_short")).isFalse();
		assertThat(StandardWebhooks.valid("not-a-secret")).isFalse();
	}

}
