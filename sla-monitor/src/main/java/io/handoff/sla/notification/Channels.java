package io.handoff.sla.notification;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import jakarta.mail.SendFailedException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import io.handoff.access.OutboundTargets;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.Notification;

/**
 * The two ways a notification reaches people. Each throws
 * {@link PermanentDeliveryException} for what retrying cannot fix and any other exception
 * for what it may (a server down, a timeout).
 */
@Component
class Channels {

	private final JavaMailSender mail;

	private final NotificationSettings settings;

	private final CloseableHttpClient http;

	/**
	 * Refuses to start with a webhook URL that points inside the network (or is no https
	 * URL), naming it.
	 */
	Channels(JavaMailSender mail, NotificationSettings settings, OutboundTargets targets) {
		this.mail = mail;
		this.settings = settings;
		settings.roles().forEach((role, recipients) -> recipients.slackWebhooks().forEach((url) -> {
			String refused = targets.refusal(url);
			if (refused != null) {
				throw new IllegalStateException("handoff.notifications.roles." + role + ".slack-webhooks: " + refused);
			}
		}));
		// Checked again at every connection, against the address connected to.
		this.http = targets.client(Duration.ofSeconds(5), Duration.ofSeconds(10));
	}

	void deliver(Notification notification) {
		switch (notification.channel()) {
			case EMAIL -> email(notification);
			case SLACK -> slack(notification);
			// A channel a newer release added: its instances deliver it.
			case UNKNOWN -> {
			}
		}
	}

	private void email(Notification notification) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.settings.from());
		message.setTo(notification.recipient());
		message.setSubject(notification.subject());
		message.setText(notification.text());
		try {
			this.mail.send(message);
		}
		catch (MailParseException | MailPreparationException ex) {
			throw new PermanentDeliveryException("The e-mail cannot be built: " + ex.getMessage(), ex);
		}
		catch (MailSendException ex) {
			boolean refused = ex.getFailedMessages()
				.values()
				.stream()
				.anyMatch((cause) -> cause instanceof SendFailedException failed && failed.getInvalidAddresses() != null
						&& failed.getInvalidAddresses().length > 0);
			if (refused) {
				throw new PermanentDeliveryException("The mail server refused the recipient", ex);
			}
			throw ex;
		}
	}

	private void slack(Notification notification) {
		String body = LeadEventsJson.mapper()
			.writeValueAsString(Map.of("text", "*" + notification.subject() + "*\n" + notification.text()));
		HttpPost request = new HttpPost(notification.recipient());
		request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
		Answer answer;
		try {
			answer = this.http.execute(request, (response) -> new Answer(response.getCode(),
					(response.getEntity() != null) ? EntityUtils.toString(response.getEntity()) : ""));
		}
		catch (OutboundTargets.RefusedTarget ex) {
			// A URL that now resolves inside the network: retrying will not make it a
			// target.
			throw new PermanentDeliveryException("The webhook's address is refused: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The webhook did not answer: " + ex.getMessage(), ex);
		}
		int status = answer.status();
		if (status >= 400 && status < 500 && status != 408 && status != 429) {
			throw new PermanentDeliveryException(
					"The webhook refused the message with " + status + ": " + answer.body());
		}
		if (status >= 300) {
			throw new IllegalStateException("The webhook answered " + status + "; retrying");
		}
	}

	private record Answer(int status, String body) {
	}

}
