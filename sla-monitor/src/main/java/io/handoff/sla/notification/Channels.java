package io.handoff.sla.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import jakarta.mail.SendFailedException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import io.handoff.events.LeadEventsJson;
import io.handoff.events.Notification;

/**
 * The two ways a notification reaches people. Each throws {@link PermanentDeliveryException} for what retrying cannot
 * fix and any other exception for what it may (a server down, a timeout).
 */
@Component
class Channels {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JavaMailSender mail;

	private final NotificationSettings settings;

	Channels(JavaMailSender mail, NotificationSettings settings) {
		this.mail = mail;
		this.settings = settings;
	}

	void deliver(Notification notification) {
		switch (notification.channel()) {
			case EMAIL -> email(notification);
			case SLACK -> slack(notification);
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
			boolean refused = ex.getFailedMessages().values().stream().anyMatch((cause) -> cause instanceof SendFailedException failed
					&& failed.getInvalidAddresses() != null && failed.getInvalidAddresses().length > 0);
			if (refused) {
				throw new PermanentDeliveryException("The mail server refused the recipient", ex);
			}
			throw ex;
		}
	}

	private void slack(Notification notification) {
		String body = LeadEventsJson.mapper()
			.writeValueAsString(Map.of("text", "*" + notification.subject() + "*\n" + notification.text()));
		HttpResponse<String> response;
		try {
			response = HTTP.send(HttpRequest.newBuilder(URI.create(notification.recipient()))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("The webhook did not answer: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while calling the webhook", ex);
		}
		int status = response.statusCode();
		if (status >= 400 && status < 500 && status != 408 && status != 429) {
			throw new PermanentDeliveryException("The webhook refused the message with " + status + ": "
					+ response.body());
		}
		if (status >= 300) {
			throw new IllegalStateException("The webhook answered " + status + "; retrying");
		}
	}

}
