package io.handoff.sla.notification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.handoff.events.CaseEscalated;
import io.handoff.events.FromNewerRelease;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadSummary;
import io.handoff.events.Notification;
import io.handoff.events.SalesManager;
import io.handoff.events.SalesRep;
import io.handoff.events.SlaEvent;
import io.handoff.events.Topics;

/**
 * Turns each SLA event into the notifications the escalation ladder asks for (warning to
 * the rep, breach to the manager, ignored lead to the executives) and each case
 * arbitration escalates unruled into a message to the executives, one per channel and
 * recipient, written to {@code sla.notifications} before the event counts as handled.
 */
@Component
class NotificationPlanner {

	/** Who hears of each kind of SLA event. */
	static final Map<SlaEvent.Type, String> ROLE = Map.of(SlaEvent.Type.WARNING, "REP", SlaEvent.Type.BREACH, "MANAGER",
			SlaEvent.Type.IGNORED, "EXECUTIVE", SlaEvent.Type.ESCALATION, "MANAGER");

	private static final Logger logger = LoggerFactory.getLogger(NotificationPlanner.class);

	private final NotificationSettings settings;

	private final KafkaTemplate<String, String> notifications;

	private final Clock clock;

	private final People people;

	NotificationPlanner(NotificationSettings settings, KafkaTemplate<String, String> kafka, Clock clock,
			People people) {
		this.settings = settings;
		this.notifications = kafka;
		this.clock = clock;
		this.people = people;
	}

	@KafkaListener(topics = "sla.events", groupId = "${handoff.notifications.group-prefix:handoff-sla-notify}-plan",
			properties = "auto.offset.reset=earliest")
	void plan(ConsumerRecord<String, String> record) throws Exception {
		send(notificationsOf(LeadEventsJson.mapper().readValue(record.value(), SlaEvent.class)));
	}

	/**
	 * A case the judge left unruled past the agreement's time goes to the executives too.
	 */
	@KafkaListener(topics = "arbitration.escalations",
			groupId = "${handoff.notifications.group-prefix:handoff-sla-notify}-plan-escalations",
			properties = "auto.offset.reset=earliest")
	void planEscalation(ConsumerRecord<String, String> record) throws Exception {
		CaseEscalated escalation = LeadEventsJson.mapper().readValue(record.value(), CaseEscalated.class);
		send(planned(escalation.eventId(), escalation.leadId(), "EXECUTIVE", escalation.repId(),
				"Case unruled: the judge has not ruled on lead " + escalation.leadId() + " since "
						+ escalation.openedAt(),
				"Case " + escalation.caseId() + " (" + escalation.cause() + ", rep " + repName(escalation.repId())
						+ ") was due a ruling by " + escalation.rulingDue()
						+ ". The agreement gives the judge a fixed time; please see that the case is ruled."
						+ journey(escalation.leadId())));
	}

	private void send(List<Notification> planned) throws Exception {
		List<CompletableFuture<?>> sent = new ArrayList<>();
		for (Notification notification : planned) {
			sent.add(this.notifications.send(Topics.SLA_NOTIFICATIONS.name(), notification.leadId().toString(),
					LeadEventsJson.mapper().writeValueAsString(notification)));
		}
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
	}

	List<Notification> notificationsOf(SlaEvent event) {
		if (event.type() == SlaEvent.Type.UNKNOWN || event.clock() == SlaEvent.Clock.UNKNOWN) {
			throw new FromNewerRelease("An SLA step");
		}
		String rep = repName(event.repId());
		return planned(event.eventId(), event.leadId(), ROLE.get(event.type()), event.repId(), subject(event, rep),
				text(event, rep) + journey(event.leadId()));
	}

	/**
	 * One notification per channel and recipient of {@code role}: the rep or their
	 * manager by the roster's e-mail (the role's configured addresses for someone the
	 * roster gives none), the executives as configured.
	 */
	private List<Notification> planned(UUID eventId, UUID leadId, String role, String repId, String subject,
			String text) {
		NotificationSettings.Recipients recipients = this.settings.roles().get(role);
		List<String> emails = person(role, repId).map(List::of)
			.orElseGet(() -> (recipients != null)
					? recipients.emails().stream().map((email) -> email.replace("{repId}", repId)).toList()
					: List.of());
		List<Notification> planned = new ArrayList<>();
		for (String email : emails) {
			planned.add(notification(eventId, leadId, role, Notification.Channel.EMAIL, email, subject, text));
		}
		for (String webhook : (recipients != null) ? recipients.slackWebhooks() : List.<String>of()) {
			planned.add(notification(eventId, leadId, role, Notification.Channel.SLACK, webhook, subject, text));
		}
		return planned;
	}

	/**
	 * The e-mail of the person {@code role} names for the rep {@code repId}, as the
	 * roster has it.
	 */
	private Optional<String> person(String role, String repId) {
		if (!role.equals("REP") && !role.equals("MANAGER")) {
			return Optional.empty();
		}
		if (!this.people.ready(Duration.ofSeconds(30))) {
			logger.warn("The sales organisation is not read yet: the {} of {} is reached at the configured addresses",
					role, repId);
			return Optional.empty();
		}
		return (role.equals("REP") ? this.people.rep(repId).map(SalesRep::email)
				: this.people.managerOf(repId).map(SalesManager::email))
			.filter((email) -> !email.isBlank());
	}

	private String repName(String repId) {
		return this.people.rep(repId).map((rep) -> rep.name() + " (" + repId + ")").orElse(repId);
	}

	/** A line linking to the lead's journey in the console, where one is configured. */
	private String journey(UUID leadId) {
		String console = this.settings.consoleUrl();
		if (console == null || console.isBlank()) {
			return "";
		}
		return "\n\nThe lead's journey: " + (console.endsWith("/") ? console : console + "/") + "journey?q=" + leadId;
	}

	private Notification notification(UUID eventId, UUID leadId, String role, Notification.Channel channel,
			String recipient, String subject, String text) {
		// Named after the event, channel and recipient: a replayed event plans the same
		// notifications.
		UUID id = UUID.nameUUIDFromBytes((eventId + "|" + channel + "|" + recipient).getBytes(StandardCharsets.UTF_8));
		return new Notification(id, this.clock.instant(), leadId, eventId, role, channel, recipient, subject, text);
	}

	/** The lead in words: who they are, where the assignment said so, else its id. */
	static String lead(SlaEvent event) {
		return (event.lead() != null) ? event.lead().describe() : "lead " + event.leadId();
	}

	static String subject(SlaEvent event, String rep) {
		String lead = lead(event);
		return switch (event.type()) {
			case WARNING -> "SLA warning: " + lead + " needs a first touch by " + event.deadline();
			case BREACH -> (event.clock() == SlaEvent.Clock.FOLLOW_UP)
					? "SLA breach: " + rep + " missed the agreed follow-up attempts on " + lead
					: "SLA breach: " + rep + " missed the first touch on " + lead;
			case IGNORED -> "Lead ignored: " + lead + " was never touched by " + rep;
			case ESCALATION -> "Lead reassigned: " + lead + " was still untouched by " + rep;
			case UNKNOWN -> throw new FromNewerRelease("An SLA step");
		};
	}

	static String text(SlaEvent event, String rep) {
		LeadSummary summary = event.lead();
		String who = (summary != null) ? summary.describe() + ", grade " + summary.grade() + " (fit "
				+ summary.fitScore() + ", engagement " + summary.engagementScore() + " points), lead " + event.leadId()
				: "Lead " + event.leadId();
		String lead = who + ", assigned to " + rep + ".\n\n";
		return switch (event.type()) {
			case WARNING -> lead + "The agreement with marketing asks for a first touch by " + event.deadline()
					+ " (business hours). Call or e-mail the lead now.";
			case BREACH -> lead + "The deadline " + event.deadline() + " passed without "
					+ ((event.clock() == SlaEvent.Clock.FOLLOW_UP) ? "the agreed follow-up attempts."
							: "a first touch.")
					+ " As the rep's manager, please make sure the lead is worked.";
			case IGNORED -> lead + "The first touch was due " + event.deadline()
					+ " and the grace period has passed: the lead counts as ignored and goes to the judge.";
			case ESCALATION -> lead + "The first touch was due " + event.deadline()
					+ " and is still missing: as the agreement says, routing gives the lead to another rep.";
			case UNKNOWN -> throw new FromNewerRelease("An SLA step");
		};
	}

}
