package io.handoff.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import io.handoff.access.DemoSecrets;
import io.handoff.events.LeadIds;
import io.handoff.events.LeadReceived;
import io.handoff.events.Topics;
import io.handoff.test.Http;
import io.handoff.test.OnTestKafka;
import io.handoff.test.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ActiveProfiles(DemoSecrets.PROFILE)
@OnTestKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=intake-service", "spring.kafka.listener.auto-startup=false",
				// The demo's marketing platform, and a HubSpot app that signs its
				// deliveries instead of sending a key.
				"handoff.intake.clients[0].name=demo-marketing-platform",
				"handoff.intake.clients[0].key-sha256=862cd1d9fc4b09928c453dca54fd3563d984bfdc4f04c3746d9fb743ae245287",
				"handoff.intake.clients[0].roles[0]=LEAD_SOURCE", "handoff.intake.clients[1].name=hubspot-app",
				"handoff.intake.clients[1].hubspot-client-secret=" + PlatformWebhooksTests.HUBSPOT_SECRET,
				"handoff.intake.clients[1].roles[0]=LEAD_SOURCE",
				"handoff.intake.hubspot-base-url=https://intake.example.com" })
class PlatformWebhooksTests {

	static final String HUBSPOT_SECRET = "the-test-apps-client-secret";

	/**
	 * HubSpot's documented example delivery: a property change and a creation, each of
	 * its own contact.
	 */
	static final String HUBSPOT_EXAMPLE = """
			[
			  {"objectId": %1$d, "propertyName": "lifecyclestage", "propertyValue": "subscriber",
			   "changeSource": "ACADEMY", "eventId": 3816279340, "subscriptionId": 25, "portalId": 33,
			   "appId": 1160452, "occurredAt": 1462216307945, "subscriptionType": "contact.propertyChange",
			   "attemptNumber": 0},
			  {"objectId": %2$d, "changeSource": "IMPORT", "eventId": 3816279480, "subscriptionId": 22,
			   "portalId": 33, "appId": 1160452, "occurredAt": 1462216307945, "subscriptionType": "contact.creation",
			   "attemptNumber": 0},
			  {"eventId": 567890123, "subscriptionId": 234567, "portalId": 33, "appId": 987654,
			   "occurredAt": 1708986598741, "subscriptionType": "contact.deletion", "attemptNumber": 0,
			   "objectId": 65059681032, "changeFlag": "DELETED", "changeSource": "CRM_UI", "sourceId": "userId:45678"}
			]""";

	@LocalServerPort
	int port;

	@Test
	void hubSpotContactEventsBecomeLeadsNamedByPortalAndContactAndOtherEventsAreIgnored() {
		long changed = 1_000_000 + (long) (Math.random() * 1_000_000);
		long created = changed + 1;
		try (TopicReader<LeadReceived> received = new TopicReader<>(Topics.LEADS_RECEIVED)) {
			Http.Response response = platform().post("/api/v1/webhooks/hubspot",
					HUBSPOT_EXAMPLE.formatted(changed, created));

			assertThat(response.status()).isEqualTo(200);
			assertThat(response.json()).hasSize(3);
			assertThat(response.json().get(0).get("status").asString()).isEqualTo("accepted");
			assertThat(response.json().get(1).get("leadId").asString())
				.isEqualTo(LeadIds.ofSource("hubspot", "33:" + created).toString());
			assertThat(response.json().get(2).get("status").asString()).isEqualTo("ignored");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(received.values())
					.filteredOn((lead) -> ("33:" + changed).equals(lead.externalId()))
					.singleElement()
					.satisfies((lead) -> {
						assertThat(lead.source()).isEqualTo("hubspot");
						assertThat(lead.attributes()).containsEntry("hubspot.lifecyclestage", "subscriber")
							.containsEntry("hubspotOccurredAt", "2016-05-02T19:11:47.945Z");
					}));
		}
	}

	@Test
	void aHubSpotEmailChangeGivesTheContactItsEmailAndAnInvalidOneIsRefusedAlone() {
		long contact = 2_000_000 + (long) (Math.random() * 1_000_000);
		String body = """
				[{"objectId": %1$d, "propertyName": "email", "propertyValue": "Dana.Reyes@Northwind.com",
				  "eventId": 1, "portalId": 33, "occurredAt": 1462216307945,
				  "subscriptionType": "contact.propertyChange"},
				 {"objectId": %1$d, "propertyName": "email", "propertyValue": "not an email",
				  "eventId": 2, "portalId": 33, "occurredAt": 1462216307945,
				  "subscriptionType": "contact.propertyChange"}]""".formatted(contact);

		Http.Response response = platform().post("/api/v1/webhooks/hubspot", body);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get(0).get("status").asString()).isEqualTo("accepted");
		assertThat(response.json().get(1).get("status").asString()).isEqualTo("refused");
		assertThat(response.json().get(1).get("errors").get(0).get("field").asString()).isEqualTo("email");
	}

	@Test
	void aMarketoWebhookSentWithHandoffsTemplateBecomesALead() {
		String email = "marketo." + UUID.randomUUID() + "@contoso.com";
		String webhook = """
				{"email": "%s", "firstName": "Pat", "lastName": "Lee", "title": "Director of IT",
				 "phone": "(415) 555-0199", "company": "Contoso", "website": "", "numberOfEmployees": "850",
				 "industry": "Manufacturing", "country": "United States", "state": "CA", "leadSource": "Webinar",
				 "campaign": "Q4 Launch", "marketoId": "1234567", "leadScore": "42"}""".formatted(email);
		try (TopicReader<LeadReceived> received = new TopicReader<>(Topics.LEADS_RECEIVED)) {
			Http.Response response = platform().post("/api/v1/webhooks/marketo", webhook);

			assertThat(response.status()).isEqualTo(202);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(received.values()).filteredOn((lead) -> email.equals(lead.email()))
					.singleElement()
					.satisfies((lead) -> {
						assertThat(lead.title()).isEqualTo("Director of IT");
						assertThat(lead.phone()).isEqualTo("+14155550199");
						assertThat(lead.company().employees()).isEqualTo(850);
						assertThat(lead.company().country()).isEqualTo("US");
						assertThat(lead.company().domain()).isEqualTo("contoso.com");
						assertThat(lead.source()).isEqualTo("Webinar");
						assertThat(lead.externalId()).isEqualTo("1234567");
						assertThat(lead.attributes()).containsEntry("marketo.leadScore", "42");
					}));
		}
	}

	@Test
	void aHubSpotAppIsLetInByItsSignatureAndAForgedStaleOrMissingOneIsRefused() throws Exception {
		long contact = 2_000_000 + (long) (Math.random() * 1_000_000);
		String delivery = HUBSPOT_EXAMPLE.formatted(contact, contact + 1);
		String now = Long.toString(System.currentTimeMillis());

		Http.Response signed = hubspot(delivery, now, signature(delivery, now, HUBSPOT_SECRET));
		Http.Response forged = hubspot(delivery, now, signature(delivery, now, "another-apps-secret"));
		Http.Response tampered = hubspot(delivery.replace("subscriber", "customer"), now,
				signature(delivery, now, HUBSPOT_SECRET));
		String sixMinutesAgo = Long.toString(System.currentTimeMillis() - 360_000);
		Http.Response stale = hubspot(delivery, sixMinutesAgo, signature(delivery, sixMinutesAgo, HUBSPOT_SECRET));
		Http.Response unsigned = Http.localhost(this.port).post("/api/v1/webhooks/hubspot", delivery);

		assertThat(signed.status()).as(signed.body()).isEqualTo(200);
		assertThat(signed.json().get(1).path("status").asString()).isEqualTo("accepted");
		assertThat(forged.refusal(401)).contains("does not match");
		assertThat(tampered.status()).isEqualTo(401);
		assertThat(stale.refusal(401)).contains("more than 5 minutes ago");
		assertThat(unsigned.status()).isEqualTo(401);
		// The signature opens the HubSpot endpoint only: elsewhere it is no key at all.
		Http.Response elsewhere = Http.localhost(this.port)
			.withHeader("X-HubSpot-Request-Timestamp", now)
			.withHeader("X-HubSpot-Signature-v3", signature(delivery, now, HUBSPOT_SECRET))
			.post("/api/v1/leads", "{\"email\": \"signed@northwind.example\"}");
		assertThat(elsewhere.status()).isEqualTo(401);
	}

	private Http.Response hubspot(String delivery, String timestamp, String signature) {
		return Http.localhost(this.port)
			.withHeader("X-HubSpot-Request-Timestamp", timestamp)
			.withHeader("X-HubSpot-Signature-v3", signature)
			.post("/api/v1/webhooks/hubspot", delivery);
	}

	/**
	 * HubSpot's v3 signature as its documentation gives it, computed here apart from the
	 * code under test.
	 */
	private static String signature(String body, String timestamp, String secret) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String source = "POST" + "https://intake.example.com/api/v1/webhooks/hubspot" + body + timestamp;
		return Base64.getEncoder().encodeToString(mac.doFinal(source.getBytes(StandardCharsets.UTF_8)));
	}

	private Http platform() {
		return Http.localhost(this.port).withHeader("X-API-Key", "demo-lead-source-key");
	}

}
