package io.handoff.intake.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.handoff.access.Hmacs;

/**
 * HubSpot's request signature, version 3: apps cannot send custom headers, so HubSpot
 * signs each delivery with the app's client secret. {@code X-HubSpot-Signature-v3} is the
 * Base64 HMAC-SHA256 of the method, the full URL HubSpot called, the body as sent and
 * {@code X-HubSpot-Request-Timestamp} (milliseconds since the epoch), concatenated; a
 * timestamp more than five minutes old is refused, so a recorded delivery cannot be
 * replayed later. The URL is the public base URL HubSpot was given
 * ({@code handoff.intake.hubspot-base-url}) followed by the path and query as they
 * arrived, with the characters HubSpot decodes before signing decoded the same way.
 */
public final class HubSpotSignature {

	/** The signature's header. */
	public static final String SIGNATURE = "X-HubSpot-Signature-v3";

	/** The timestamp's header. */
	public static final String TIMESTAMP = "X-HubSpot-Request-Timestamp";

	/** How old a delivery may be. */
	static final Duration MAX_AGE = Duration.ofMinutes(5);

	/** How far ahead of this clock HubSpot's may be. */
	static final Duration CLOCK_DIFFERENCE = Duration.ofSeconds(30);

	/** What HubSpot decodes in the URL before it signs it. */
	private static final Map<String, String> DECODED = Map.ofEntries(Map.entry("%3A", ":"), Map.entry("%2F", "/"),
			Map.entry("%3F", "?"), Map.entry("%40", "@"), Map.entry("%21", "!"), Map.entry("%24", "$"),
			Map.entry("%27", "'"), Map.entry("%28", "("), Map.entry("%29", ")"), Map.entry("%2A", "*"),
			Map.entry("%2C", ","), Map.entry("%3B", ";"));

	private final String baseUrl;

	private final Clock clock;

	/**
	 * @param baseUrl the public base URL HubSpot calls
	 * ({@code https://intake.example.com}), without a trailing slash
	 * @param clock the time the timestamp is checked against
	 */
	HubSpotSignature(String baseUrl, Clock clock) {
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.clock = clock;
	}

	/**
	 * Why a delivery is refused, or null when it was signed with {@code clientSecret}
	 * within the last five minutes.
	 */
	@Nullable String refusal(String clientSecret, String method, String pathAndQuery, byte[] body, @Nullable String timestamp,
			@Nullable String signature) {
		if (signature == null || timestamp == null) {
			return "A HubSpot delivery carries " + SIGNATURE + " and " + TIMESTAMP;
		}
		long sent;
		try {
			sent = Long.parseLong(timestamp.trim());
		}
		catch (NumberFormatException ex) {
			return TIMESTAMP + " is not a time in milliseconds";
		}
		long age = this.clock.millis() - sent;
		if (age > MAX_AGE.toMillis() || age < -CLOCK_DIFFERENCE.toMillis()) {
			return "The delivery's " + TIMESTAMP + " is more than 5 minutes ago (or ahead of this clock): refused "
					+ "as a replay";
		}
		byte[] expected = Base64.getEncoder().encode(sign(clientSecret, method, pathAndQuery, body, timestamp.trim()));
		return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII)) ? null
				: "The " + SIGNATURE + " does not match this delivery signed with the app's client secret";
	}

	byte[] sign(String clientSecret, String method, String pathAndQuery, byte[] body, String timestamp) {
		return Hmacs.sha256(clientSecret.getBytes(StandardCharsets.UTF_8),
				(method + url(pathAndQuery)).getBytes(StandardCharsets.UTF_8), body,
				timestamp.getBytes(StandardCharsets.UTF_8));
	}

	private String url(String pathAndQuery) {
		String url = this.baseUrl + pathAndQuery;
		for (Map.Entry<String, String> escape : DECODED.entrySet()) {
			url = url.replace(escape.getKey(), escape.getValue())
				.replace(escape.getKey().toLowerCase(Locale.ROOT), escape.getValue());
		}
		return url;
	}

}
