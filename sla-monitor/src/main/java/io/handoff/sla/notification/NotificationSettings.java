package io.handoff.sla.notification;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

import io.handoff.events.Lists;

/**
 * Who hears of which SLA event, and how ({@code handoff.notifications}). A warning goes
 * to the REP, a breach to the MANAGER, an ignored lead to the EXECUTIVE role. The rep and
 * the manager are people of the sales organisation: the rep's e-mail and their manager's
 * come from routing's roster, and a role's e-mail addresses here ({@code {repId}}
 * replaced by the rep's id) are used only for a rep or manager the roster gives no
 * address for. The executives are the EXECUTIVE role's addresses. Each role's
 * Slack-compatible webhook URLs hear of every event of the role.
 *
 * @param from the sender of the e-mails
 * @param roles the recipients of each role
 * @param giveUpAfter how long a delivery is retried while its channel is down before it
 * goes to the dead-letter topic
 * @param consoleUrl where people open the console ({@code https://handoff.example.com}):
 * each notification links to the lead's journey there; none without it
 */
@ConfigurationProperties("handoff.notifications")
public record NotificationSettings(String from, Map<String, Recipients> roles, Duration giveUpAfter,
		@Nullable String consoleUrl) {

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
			emails = Lists.copyOf(emails);
			slackWebhooks = Lists.copyOf(slackWebhooks);
		}

	}

}
