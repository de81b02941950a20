package io.handoff.intake.access;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HubSpot's v3 signature against vectors computed apart from this code: with HubSpot's
 * own Node client, {@code @hubspot/api-client} 13.5.0,
 * {@code Signature.getSignature('POST', 'v3', {clientSecret, url, requestBody,
 * timestamp})}, and checked with
 * {@code openssl dgst -sha256 -hmac <secret> -binary | base64}.
 */
class HubSpotSignatureTests {

	static final String SECRET = "the-test-apps-client-secret";

	static final String BODY = "[{\"eventId\":1001,\"subscriptionId\":2001,\"portalId\":62515,\"appId\":54321,"
			+ "\"occurredAt\":1764590399000,\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,"
			+ "\"objectId\":123,\"changeSource\":\"CRM\",\"changeFlag\":\"NEW\"}]";

	static final String TIMESTAMP = "1764590400000";

	/**
	 * HubSpot's client's signature of {@link #BODY} posted to the HubSpot endpoint at
	 * {@link #TIMESTAMP}.
	 */
	static final String SIGNED = "H3iP+GuA9Arv2Ma1ayxfTVJFfLvT8RBoi4GbofvONA4=";

	final HubSpotSignature signature = new HubSpotSignature("https://intake.example.com/",
			Clock.fixed(Instant.ofEpochMilli(1764590400000L).plusSeconds(60), ZoneOffset.UTC));

	@Test
	void aDeliverySignedByHubSpotIsTakenWithOrWithoutAQuery() {
		assertThat(refusal("/api/v1/webhooks/hubspot", BODY, TIMESTAMP, SIGNED)).isNull();
		assertThat(refusal("/api/v1/webhooks/hubspot?source=hubspot-app", BODY, TIMESTAMP,
				"jwczahROEq8csQEiliLbFK5Xm6OJUPXMAnTtX7n8EA0="))
			.isNull();
	}

	@Test
	void anotherBodyUrlTimeOrSecretIsRefused() {
		assertThat(refusal("/api/v1/webhooks/hubspot", BODY.replace("1001", "1002"), TIMESTAMP, SIGNED))
			.contains("does not match");
		assertThat(refusal("/api/v1/webhooks/hubspot?x=1", BODY, TIMESTAMP, SIGNED)).contains("does not match");
		assertThat(refusal("/api/v1/webhooks/hubspot", BODY, "1764590400001", SIGNED)).contains("does not match");
		assertThat(this.signature.refusal("another-secret", "POST", "/api/v1/webhooks/hubspot",
				BODY.getBytes(StandardCharsets.UTF_8), TIMESTAMP, SIGNED))
			.contains("does not match");
		assertThat(refusal("/api/v1/webhooks/hubspot", BODY, TIMESTAMP, null)).contains("carries");
		assertThat(refusal("/api/v1/webhooks/hubspot", BODY, "yesterday", SIGNED)).contains("milliseconds");
	}

	@Test
	void aDeliveryMoreThanFiveMinutesOldIsRefusedAsAReplayHoweverWellSigned() {
		assertThat(refusalAt(Duration.ofSeconds(301))).contains("more than 5 minutes");
	}

	@Test
	void aDeliveryStampedAheadOfThisClockIsRefusedBeyondHalfAMinute() {
		assertThat(refusalAt(Duration.ofSeconds(-31))).contains("ahead of this clock");
	}

	/** What a clock {@code offset} from the signed delivery's stamp says of it. */
	private @Nullable String refusalAt(Duration offset) {
		HubSpotSignature elsewhen = new HubSpotSignature("https://intake.example.com",
				Clock.fixed(Instant.ofEpochMilli(1764590400000L).plus(offset), ZoneOffset.UTC));
		return elsewhen.refusal(SECRET, "POST", "/api/v1/webhooks/hubspot", BODY.getBytes(StandardCharsets.UTF_8),
				TIMESTAMP, SIGNED);
	}

	private @Nullable String refusal(String pathAndQuery, String body, String timestamp, @Nullable String signed) {
		return this.signature.refusal(SECRET, "POST", pathAndQuery, body.getBytes(StandardCharsets.UTF_8), timestamp,
				signed);
	}

}
