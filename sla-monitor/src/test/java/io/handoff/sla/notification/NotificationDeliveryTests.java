package io.handoff.sla.notification;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.handoff.events.CaseEscalated;
import io.handoff.events.DeadLetters;
import io.handoff.events.LeadEventsJson;
import io.handoff.events.LeadSummary;
import io.handoff.events.Notification;
import io.handoff.events.SalesManager;
import io.handoff.events.SalesRep;
import io.handoff.events.SlaEvent;
import io.handoff.events.Topics;
import io.handoff.test.ChildJvm;
import io.handoff.test.OnTestKafka;
import io.handoff.test.TestKafka;
import io.handoff.test.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications against a real SMTP server (GreenMail) and a real HTTP server standing in
 * for Slack, over a real broker.
 */
@OnTestKafka("sla-notify-tests")
@SpringBootTest(properties = { "spring.config.name=sla-monitor",
		"spring.cloud.stream.kafka.streams.binder.auto-startup=false", "handoff.outbound.allowed-hosts=localhost" })
class NotificationDeliveryTests {

	static final int SMTP_PORT = ChildJvm.freePort();

	static GreenMail smtp = startSmtp();

	static final HttpServer SLACK = startSlack();

	static final List<String> slackMessages = new CopyOnWriteArrayList<>();

	/** How many calls to /hook answer 503 before it works again. */
	static final AtomicInteger slackOutage = new AtomicInteger();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		String slack = "http://localhost:" + SLACK.getAddress().getPort();
		registry.add("handoff.notifications.group-prefix", () -> "notify-tests-" + UUID.randomUUID());
		registry.add("spring.mail.port", () -> SMTP_PORT);
		registry.add("handoff.notifications.give-up-after", () -> "PT20S");
		registry.add("handoff.notifications.console-url", () -> "http://console.test");
		registry.add("handoff.notifications.roles.REP.emails[0]", () -> "{repId}@reps.example");
		registry.add("handoff.notifications.roles.MANAGER.emails[0]", () -> "manager@handoff.example");
		registry.add("handoff.notifications.roles.MANAGER.slack-webhooks[0]", () -> slack + "/hook");
		registry.add("handoff.notifications.roles.EXECUTIVE.emails[0]", () -> "ceo@handoff.example");
		registry.add("handoff.notifications.roles.EXECUTIVE.slack-webhooks[0]", () -> slack + "/gone");
		registry.add("resilience4j.retry.configs.channel.wait-duration", () -> "50ms");
		registry.add("resilience4j.circuitbreaker.configs.channel.wait-duration-in-open-state", () -> "1s");
	}

	@Autowired
	People people;

	@BeforeEach
	void clear() throws Exception {
		smtp.purgeEmailFromAllMailboxes();
		slackMessages.clear();
		slackOutage.set(0);
	}

	@AfterAll
	static void stopServers() {
		smtp.stop();
		SLACK.stop(0);
	}

	@Test
	void aBreachReachesTheManagerByEmailAndSlackAndAWarningTheRep() throws Exception {
		SlaEvent breach = send(SlaEvent.Type.BREACH);
		SlaEvent warning = send(SlaEvent.Type.WARNING);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(mailTo("manager@handoff.example")).singleElement().satisfies((mail) -> {
				// Nobody in the roster: the configured addresses stand in for the rep and
				// the manager.
				assertThat(mail.getSubject())
					.isEqualTo("SLA breach: anna-snelling missed the first touch on lead " + breach.leadId());
				assertThat(mail.getContent().toString()).contains("As the rep's manager");
			});
			assertThat(mailTo("anna-snelling@reps.example")).singleElement()
				.satisfies((mail) -> assertThat(mail.getSubject()).contains("SLA warning: lead " + warning.leadId()));
			assertThat(slackMessages).singleElement().asString().contains("missed the first touch");
		});
	}

	@Test
	void aBreachReachesTheRepsOwnManagerFromTheRosterNamingTheLeadTheDeadlineAndItsJourney() throws Exception {
		String repId = "rep-" + UUID.randomUUID().toString().substring(0, 8);
		SalesManager manager = new SalesManager("boss-" + repId, "Dana Boss", "dana.boss." + repId + "@corp.example",
				"Central");
		SalesRep rep = new SalesRep(repId, "Robin Rep", "robin." + repId + "@corp.example", "Central", List.of(), 1, 10,
				"UTC", null, List.of(), "Dana Boss", true);
		TestKafka.sendRaw(Topics.SALES_MANAGERS.name(), manager.managerId(),
				LeadEventsJson.mapper().writeValueAsString(manager));
		TestKafka.sendRaw(Topics.SALES_REPS.name(), repId, LeadEventsJson.mapper().writeValueAsString(rep));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.people.managerOf(repId).isPresent());
		LeadSummary lead = new LeadSummary("Ada Lovelace", "Analytical Engines", "A", 71, 24);
		Instant deadline = Instant.parse("2026-12-01T15:00:00Z");

		SlaEvent breach = send(new SlaEvent(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), repId,
				SlaEvent.Type.BREACH, SlaEvent.Clock.FIRST_TOUCH, deadline, lead));
		send(new SlaEvent(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), repId, SlaEvent.Type.WARNING,
				SlaEvent.Clock.FIRST_TOUCH, deadline, lead));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(mailTo(manager.email())).singleElement().satisfies((mail) -> {
				assertThat(mail.getSubject()).isEqualTo("SLA breach: Robin Rep (" + repId
						+ ") missed the first touch on Ada Lovelace of Analytical Engines");
				assertThat(mail.getContent().toString())
					.contains("Ada Lovelace of Analytical Engines, grade A (fit 71, engagement 24 points), lead "
							+ breach.leadId())
					.contains("The deadline 2026-12-01T15:00:00Z passed without a first touch")
					.contains("The lead's journey: http://console.test/journey?q=" + breach.leadId());
			});
			assertThat(mailTo(rep.email())).singleElement()
				.satisfies((mail) -> assertThat(mail.getSubject()).startsWith("SLA warning: Ada Lovelace"));
		});
		// The role's mailboxes stood in for nobody: the roster had both people.
		assertThat(mailTo("manager@handoff.example")).isEmpty();
		assertThat(mailTo(repId + "@reps.example")).isEmpty();
	}

	@Test
	void whileTheWebhookIsDownTheMessageWaitsAndTheEmailGoesOut() throws Exception {
		// Down until the e-mail is out, however long a loaded machine takes to send it;
		// then back.
		slackOutage.set(Integer.MAX_VALUE);

		SlaEvent breach = send(SlaEvent.Type.BREACH);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(mailTo("manager@handoff.example")).hasSize(1));
		assertThat(slackMessages).isEmpty();
		slackOutage.set(0);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(slackMessages).singleElement().asString().contains(breach.leadId().toString()));
		assertThat(slackOutage.get()).isLessThanOrEqualTo(0);
	}

	@Test
	void whileTheMailServerIsDownEmailsWaitAndArriveOnceItIsBack() throws Exception {
		smtp.stop();
		try {
			send(SlaEvent.Type.BREACH);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(slackMessages).hasSize(1));
		}
		finally {
			smtp = startSmtp();
		}
		await().atMost(Duration.ofSeconds(40))
			.untilAsserted(() -> assertThat(mailTo("manager@handoff.example")).hasSize(1));
	}

	@Test
	void aWebhookThatRefusesForGoodSendsTheMessageToTheDeadLetterTopicWithTheCause() throws Exception {
		try (TopicReader<Notification> deadLetters = new TopicReader<>(Topics.SLA_NOTIFICATIONS.deadLetter(),
				Topics.SLA_NOTIFICATIONS)) {
			SlaEvent ignored = send(SlaEvent.Type.IGNORED);

			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(mailTo("ceo@handoff.example")).hasSize(1);
				assertThat(deadLetters.records())
					.filteredOn((record) -> record.value().slaEventId().equals(ignored.eventId()))
					.singleElement()
					.satisfies((record) -> {
						assertThat(record.value().channel()).isEqualTo(Notification.Channel.SLACK);
						assertThat(header(record, DeadLetters.ERROR_CLASS))
							.isEqualTo(PermanentDeliveryException.class.getName());
						assertThat(header(record, DeadLetters.ERROR_MESSAGE)).contains("refused the message with 410");
						assertThat(header(record, DeadLetters.ORIGINAL_TOPIC)).isEqualTo("sla.notifications");
					});
			});
		}
	}

	@Test
	void aCaseTheJudgeLeftUnruledReachesTheExecutives() {
		CaseEscalated escalation = new CaseEscalated(UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
				UUID.randomUUID(), "anna-snelling", "IGNORED", Instant.now().minus(Duration.ofDays(3)), Instant.now());
		TestKafka.sendRaw(Topics.ARBITRATION_ESCALATIONS.name(), escalation.leadId().toString(),
				LeadEventsJson.mapper().writeValueAsString(escalation));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(mailTo("ceo@handoff.example")).anySatisfy(
					(mail) -> assertThat(mail.getSubject()).isEqualTo("Case unruled: the judge has not ruled on lead "
							+ escalation.leadId() + " since " + escalation.openedAt())));
	}

	private static SlaEvent send(SlaEvent.Type type) {
		return send(new SlaEvent(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), "anna-snelling", type,
				SlaEvent.Clock.FIRST_TOUCH, Instant.now().minusSeconds(60)));
	}

	private static SlaEvent send(SlaEvent event) {
		TestKafka.sendRaw(Topics.SLA_EVENTS.name(), event.leadId().toString(),
				LeadEventsJson.mapper().writeValueAsString(event));
		return event;
	}

	private static List<MimeMessage> mailTo(String address) throws Exception {
		List<MimeMessage> found = new ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			if (Arrays.stream(message.getAllRecipients()).anyMatch((to) -> to.toString().equals(address))) {
				found.add(message);
			}
		}
		return found;
	}

	private static String header(ConsumerRecord<String, Notification> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : "";
	}

	private static GreenMail startSmtp() {
		GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "localhost", ServerSetup.PROTOCOL_SMTP));
		server.start();
		return server;
	}

	private static HttpServer startSlack() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			server.createContext("/hook", (exchange) -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				int status = (slackOutage.getAndDecrement() > 0) ? 503 : 200;
				if (status == 200) {
					slackMessages.add(body);
				}
				exchange.sendResponseHeaders(status, -1);
				exchange.close();
			});
			server.createContext("/gone", (exchange) -> {
				exchange.getRequestBody().readAllBytes();
				byte[] answer = "no_service".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(410, answer.length);
				exchange.getResponseBody().write(answer);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
