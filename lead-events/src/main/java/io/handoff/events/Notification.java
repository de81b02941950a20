package io.handoff.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * One message to one person about an SLA event: a warning to the rep, a breach to the
 * manager, an ignored lead to the executives. Written by sla-monitor to
 * {@code sla.notifications}, one per channel and recipient, and delivered from there, so
 * a channel that is down delays only its own messages.
 *
 * @param eventId unique id of this notification
 * @param occurredAt when it was planned
 * @param leadId the lead
 * @param slaEventId the SLA event it tells of
 * @param role who it is for (REP, MANAGER, EXECUTIVE)
 * @param channel how it is delivered
 * @param recipient an e-mail address or a webhook URL
 * @param subject one line
 * @param text the message
 */
public record Notification(UUID eventId, Instant occurredAt, UUID leadId, UUID slaEventId, String role, Channel channel,
		String recipient, String subject, String text) {

	/** How a notification reaches people. */
	public enum Channel {

		/** An e-mail over SMTP. */
		EMAIL,
		/** A Slack-compatible incoming webhook: {@code POST {"text": ...}}. */
		SLACK,

		/**
		 * A channel written by a newer release than this reader's: no channel here
		 * delivers it; never written.
		 */
		@JsonEnumDefaultValue
		UNKNOWN

	}

	/** Leaves the recipient out: webhook URLs carry secrets. */
	@Override
	public String toString() {
		return "Notification[eventId=" + this.eventId + ", leadId=" + this.leadId + ", role=" + this.role + ", channel="
				+ this.channel + "]";
	}

}
