package io.handoff.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.handoff.events.LeadEventsJson;

/**
 * An OpenID Connect provider for the tests, as a company's identity provider would be in
 * production: discovery, an authorization endpoint with a sign-in form, a token endpoint
 * issuing an ID token and an access token (RS256, with the person's {@code roles}), and
 * its keys. The console signs people in with it; the services accept its access tokens as
 * bearer tokens.
 */
final class TestIdentityProvider {

	static final String CLIENT_ID = "handoff-console";

	static final String CLIENT_SECRET = "console-secret";

	/** The people it knows, with their roles. */
	static final Map<String, List<String>> PEOPLE = Map.of("judge", List.of("JUDGE"), "executive",
			List.of("EXECUTIVE"));

	private final HttpServer server;

	private final RSAKey key;

	private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();

	TestIdentityProvider() throws IOException, JOSEException {
		this.key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
		this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		this.server.createContext("/.well-known/openid-configuration", (exchange) -> json(exchange, discovery()));
		this.server.createContext("/jwks",
				(exchange) -> json(exchange, new JWKSet(this.key.toPublicJWK()).toJSONObject()));
		this.server.createContext("/authorize", this::authorize);
		this.server.createContext("/token", this::token);
		this.server.start();
	}

	String issuer() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	String jwkSetUri() {
		return issuer() + "/jwks";
	}

	void stop() {
		this.server.stop(0);
	}

	private Map<String, Object> discovery() {
		Map<String, Object> discovery = new LinkedHashMap<>();
		discovery.put("issuer", issuer());
		discovery.put("authorization_endpoint", issuer() + "/authorize");
		discovery.put("token_endpoint", issuer() + "/token");
		discovery.put("jwks_uri", jwkSetUri());
		discovery.put("response_types_supported", List.of("code"));
		discovery.put("subject_types_supported", List.of("public"));
		discovery.put("id_token_signing_alg_values_supported", List.of("RS256"));
		discovery.put("scopes_supported", List.of("openid"));
		discovery.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
		discovery.put("grant_types_supported", List.of("authorization_code"));
		return discovery;
	}

	/** GET: the sign-in form; POST: the person chosen, back to the client with a code. */
	private void authorize(HttpExchange exchange) throws IOException {
		if (exchange.getRequestMethod().equals("GET")) {
			Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
			if (!CLIENT_ID.equals(query.get("client_id"))) {
				answer(exchange, 400, "text/plain", "unknown client");
				return;
			}
			StringBuilder page = new StringBuilder(
					"<!DOCTYPE html><html lang=\"en\"><head><title>Company sign-in</title>"
							+ "</head><body><main><h1>Company sign-in</h1><form method=\"post\" action=\"/authorize\">"
							+ "<label for=\"who\">Name</label><input id=\"who\" name=\"who\">");
			for (String field : List.of("redirect_uri", "state", "nonce")) {
				page.append("<input type=\"hidden\" name=\"")
					.append(field)
					.append("\" value=\"")
					.append(query.getOrDefault(field, "").replace("\"", "&quot;"))
					.append("\">");
			}
			page.append("<button type=\"submit\">Sign in</button></form></main></body></html>");
			answer(exchange, 200, "text/html", page.toString());
			return;
		}
		Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		if (!PEOPLE.containsKey(form.get("who"))) {
			answer(exchange, 403, "text/plain", "unknown person");
			return;
		}
		String code = UUID.randomUUID().toString();
		this.codes.put(code, form);
		exchange.getResponseHeaders()
			.add("Location", form.get("redirect_uri") + "?code=" + code + "&state="
					+ URLEncoder.encode(form.get("state"), StandardCharsets.UTF_8));
		answer(exchange, 302, "text/plain", "");
	}

	/**
	 * The authorization code, from the registered client, for an ID token and an access
	 * token.
	 */
	private void token(HttpExchange exchange) throws IOException {
		String basic = exchange.getRequestHeaders().getFirst("Authorization");
		String expected = "Basic " + Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		Map<String, String> granted = this.codes.remove(form.getOrDefault("code", ""));
		if (!expected.equals(basic) || granted == null) {
			answer(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
			return;
		}
		String person = granted.get("who");
		Instant now = Instant.now();
		try {
			JWTClaimsSet.Builder common = new JWTClaimsSet.Builder().issuer(issuer())
				.subject(person)
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plusSeconds(3600)))
				.claim("roles", PEOPLE.get(person));
			String idToken = sign(common.audience(CLIENT_ID).claim("nonce", granted.get("nonce")).build());
			String accessToken = sign(new JWTClaimsSet.Builder().issuer(issuer())
				.subject(person)
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plusSeconds(3600)))
				.claim("roles", PEOPLE.get(person))
				.claim("scope", "openid")
				.build());
			json(exchange, Map.of("access_token", accessToken, "id_token", idToken, "token_type", "Bearer",
					"expires_in", 3600, "scope", "openid"));
		}
		catch (JOSEException ex) {
			answer(exchange, 500, "text/plain", ex.getMessage());
		}
	}

	private String sign(JWTClaimsSet claims) throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
				claims);
		jwt.sign(new RSASSASigner(this.key));
		return jwt.serialize();
	}

	private static Map<String, String> form(String encoded) {
		Map<String, String> form = new LinkedHashMap<>();
		if (encoded == null || encoded.isEmpty()) {
			return form;
		}
		for (String pair : encoded.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			form.put(name, value);
		}
		return form;
	}

	private static void json(HttpExchange exchange, Object body) throws IOException {
		answer(exchange, 200, "application/json", LeadEventsJson.mapper().writeValueAsString(body));
	}

	private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", type);
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

}
