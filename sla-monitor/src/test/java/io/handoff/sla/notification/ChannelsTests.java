package io.handoff.sla.notification;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import io.handoff.access.OutboundTargets;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A chat webhook from configuration that points inside the network stops sla-monitor at
 * start, naming the setting.
 */
class ChannelsTests {

	@Test
	void aConfiguredWebhookInsideTheNetworkIsRefusedAtStart() {
		// Address literals only: nothing is looked up, nothing is sent.
		OutboundTargets targets = new OutboundTargets(List.of(), null);
		assertThatIllegalStateException()
			.isThrownBy(() -> new Channels(new JavaMailSenderImpl(), settings("https://169.254.169.254/hook"), targets))
			.withMessageContaining("handoff.notifications.roles.MANAGER.slack-webhooks")
			.withMessageContaining("link-local");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Channels(new JavaMailSenderImpl(), settings("http://93.184.215.14/hook"), targets))
			.withMessageContaining("must use https");
		assertThatNoException()
			.isThrownBy(() -> new Channels(new JavaMailSenderImpl(), settings("https://93.184.215.14/hook"), targets));
	}

	private static NotificationSettings settings(String slack) {
		return new NotificationSettings("handoff@example.com",
				Map.of("MANAGER", new NotificationSettings.Recipients(List.of(), List.of(slack))), Duration.ofHours(1),
				null);
	}

}
