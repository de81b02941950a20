package io.handoff.sla.notification;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who hears of which SLA event, and how ({@code handoff.notifications}). A warning goes to the REP, a breach to the
 * MANAGER, an ignored lead to the EXECUTIVE role; each role lists e-mail addresses ({@code {repId}} is replaced by the
 * rep's id) and Slack-compatible webhook URLs.
 *
 * @param from the sender of the e-mails
 * @param roles the recipients of each role
 * @param giveUpAfter how long a delivery is retried while its channel is down before it goes to the dead-letter topic
 */
@ConfigurationProperties("handoff.notifications")
public record NotificationSettings(String from, Map<String, Recipients> roles, Duration giveUpAfter) {

	public NotificationSettings {
		from = (from != null) ? from : "handoff@localhost";
		roles = (roles != null) ? Map.copyOf(roles) : Map.of();
		giveUpAfter = (giveUpAfter != null) ? giveUpAfter : Duration.ofHours(1);
	}

	/**
	 * The recipients of one role.
	 *
	 * @param emails e-mail addresses
	 * @param slackWebhooks incoming webhook URLs
	 */
	public record Recipients(List<String> emails, List<String> slackWebhooks) {

		public Recipients {
			emails = (emails != null) ? List.copyOf(emails) : List.of();
			slackWebhooks = (slackWebhooks != null) ? List.copyOf(slackWebhooks) : List.of();
		}

	}

}
