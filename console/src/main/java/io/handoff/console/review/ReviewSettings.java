package io.handoff.console.review;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.handoff.events.Lists;

/**
 * The weekly review: the company's time zone (its weeks run Monday to Sunday there), and
 * the e-mail to both sides each Monday.
 *
 * @param timeZone the company's time zone
 * @param recipients who receives the e-mail (marketing's and sales' lists); none, and
 * none is sent
 * @param from the e-mail's sender
 * @param sendAt when on Monday the review of the week before goes out, in the company's
 * time zone
 * @param sendOnStart whether to send the current week's review once at start too (the
 * local demo's)
 * @param startDelay how long after start that review goes (the demo's traffic loaded by
 * then)
 * @param readAs the person whose reading rights the e-mail's figures are gathered with
 * (one who reads every lead, such as an executive, known to every service)
 * @param consoleUrl where people open the console, for the e-mail's links
 * @param ledgerTopic the topic on which the console's instances agree who sends each
 * week's e-mail
 */
@ConfigurationProperties("handoff.console.review")
public record ReviewSettings(@DefaultValue("UTC") ZoneId timeZone, List<String> recipients,
		@DefaultValue("handoff@localhost") String from, @DefaultValue("08:00") LocalTime sendAt,
		@DefaultValue("false") boolean sendOnStart, @DefaultValue("PT1M") Duration startDelay, @Nullable String readAs,
		@DefaultValue("http://localhost:8080") URI consoleUrl,
		@DefaultValue("console.review-mailings") String ledgerTopic) {

	public ReviewSettings {
		recipients = Lists.copyOf(recipients);
	}

	/** Whether the e-mail goes out at all. */
	public boolean mails() {
		return !this.recipients.isEmpty();
	}

	/**
	 * Why the review is not e-mailed with these settings, {@code null} when it is.
	 * @param personTokens whether the console can call the services as a person
	 */
	@Nullable String notMailedBecause(boolean personTokens) {
		if (!mails()) {
			return "handoff.console.review.recipients is empty";
		}
		if (this.readAs == null || this.readAs.isBlank()) {
			return "set handoff.console.review.read-as to a person who reads every lead";
		}
		if (!personTokens) {
			return "the console has no handoff.person-token-key to call the services as " + this.readAs + " with";
		}
		return null;
	}

}
