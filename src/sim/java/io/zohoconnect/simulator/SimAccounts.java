package io.zohoconnect.simulator;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Zoho Accounts for one DC path: authorization (consent page, approve/deny), the token endpoint
 * (code exchange, refresh) and revoke, as ZOHO-API.md §2–§6 describe them. Token-endpoint errors
 * are HTTP 200 with a JSON error body, like Zoho's.
 */
final class SimAccounts {

    private static final Pattern SCOPE_SEPARATOR = Pattern.compile("[,\\s]+");
    private static final Pattern PKCE_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43,128}");

    private final SimState state;

    SimAccounts(SimState state) {
        this.state = state;
    }

    /** {@code rest} is the path after {@code /{dc}/accounts}. */
    void handle(SimExchange exchange, String dc, String rest) throws IOException {
        switch (rest) {
            case "/oauth/v2/auth" -> authorize(exchange, dc);
            case "/oauth/v2/auth/decision" -> decide(exchange, dc);
            case "/oauth/v2/token" -> token(exchange, dc);
            case "/oauth/v2/token/revoke" -> revoke(exchange, dc);
            default -> exchange.html(404, ConsentPage.error("Not found", "No such page on Zoho Accounts."));
        }
    }

    private void authorize(SimExchange exchange, String dc) throws IOException {
        state.counters().authRequest();
        SimSettings settings = state.settings();
        if (state.faults().intercept(Fault.Target.AUTH, dc, exchange, settings)) {
            return;
        }
        RegisteredApp app = state.app();
        // checked in this order so that an unknown app or URI never gets a redirect
        if (!app.isClient(exchange.param("client_id"))) {
            exchange.html(400, ConsentPage.error("Invalid Client", "The client_id is not registered with Zoho."));
            return;
        }
        if (!app.isRedirectUri(exchange.param("redirect_uri"))) {
            exchange.html(400, ConsentPage.error("Invalid Redirect Uri",
                    "The redirect_uri does not match the one registered for this client."));
            return;
        }
        if (!"code".equals(exchange.param("response_type"))) {
            exchange.html(400, ConsentPage.error("Invalid Response Type", "response_type must be code."));
            return;
        }
        List<String> scopes = scopes(exchange.param("scope"));
        if (scopes.isEmpty()) {
            exchange.html(400, ConsentPage.error("Invalid Scope", "At least one scope is required."));
            return;
        }
        String challenge = exchange.param("code_challenge");
        if (challenge != null && (!"S256".equals(exchange.param("code_challenge_method"))
                || !PKCE_CHALLENGE.matcher(challenge).matches())) {
            exchange.html(400, ConsentPage.error("Invalid Code Challenge",
                    "code_challenge must be an S256 challenge with code_challenge_method=S256."));
            return;
        }
        PendingConsent consent = new PendingConsent(dc, scopes, exchange.param("state"), challenge,
                "offline".equals(exchange.param("access_type")), state.now());
        String userDc = settings.userDc() != null ? settings.userDc() : dc;
        if (settings.autoApprove()) {
            approve(exchange, consent, userDc, settings.userEmail(), settings);
            return;
        }
        String requestId = state.grants().holdConsent(consent);
        exchange.html(200, ConsentPage.render(dc, requestId, app.clientId(), scopes, userDc, settings.userEmail()));
    }

    private void decide(SimExchange exchange, String dc) throws IOException {
        if (!exchange.method().equals("POST")) {
            exchange.html(405, ConsentPage.error("Method Not Allowed", "Submit the consent form."));
            return;
        }
        SimSettings settings = state.settings();
        if (state.faults().intercept(Fault.Target.AUTH, dc, exchange, settings)) {
            return;
        }
        PendingConsent consent = state.grants().takeConsent(exchange.param("request_id"), state.now())
                .filter(c -> c.dc().equals(dc)).orElse(null);
        if (consent == null) {
            exchange.html(400, ConsentPage.error("Request Expired",
                    "This authorization request has expired or was already answered. Start again from the app."));
            return;
        }
        String action = exchange.param("action");
        if ("deny".equals(action)) {
            deny(exchange, consent);
            return;
        }
        if (!"approve".equals(action)) {
            exchange.html(400, ConsentPage.error("Invalid Request", "Press Approve or Deny."));
            return;
        }
        String userDc = exchange.param("user_dc") == null ? dc : exchange.param("user_dc");
        if (!SimSettings.DC_CODE.matcher(userDc).matches()) {
            exchange.html(400, ConsentPage.error("Invalid Data Center", "Choose your Zoho account's data center."));
            return;
        }
        String email = exchange.param("email") == null ? settings.userEmail() : exchange.param("email").trim();
        approve(exchange, consent, userDc, email, settings);
    }

    /** Approve: a code bound to everything requested, sent back with the user's DC and accounts server. */
    private void approve(SimExchange exchange, PendingConsent consent, String userDc, String email,
                         SimSettings settings) throws IOException {
        RegisteredApp app = state.app();
        Instant now = state.now();
        if (!state.grants().allowApproval(app.clientId(), now, settings.grantLimit())) {
            deny(exchange, consent);
            return;
        }
        AuthCode code = state.grants().issueCode(app.clientId(), app.redirectUri(), userDc, email, consent, now,
                Duration.ofSeconds(settings.codeLifetimeSeconds()), state.takeNextGrantOrg());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("state", consent.state());
        query.put("code", code.code());
        query.put("location", userDc);
        query.put("accounts-server", state.accountsUrl(userDc));
        exchange.redirect(withQuery(app.redirectUri(), query));
    }

    private void deny(SimExchange exchange, PendingConsent consent) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("error", "access_denied");
        query.put("state", consent.state());
        exchange.redirect(withQuery(state.app().redirectUri(), query));
    }

    private void token(SimExchange exchange, String dc) throws IOException {
        SimSettings settings = state.settings();
        delay(settings.tokenLatencyMillis());
        String grantType = exchange.param("grant_type");
        String clientId = exchange.param("client_id");
        state.counters().tokenRequest(dc, grantType, clientId, exchange.param("refresh_token"));
        if (state.faults().intercept(Fault.Target.TOKEN, dc, exchange, settings)) {
            return;
        }
        if (!exchange.method().equals("POST")) {
            exchange.jsonText(405, "{\"error\":\"invalid_request_method\"}");
            return;
        }
        RegisteredApp app = state.app();
        if (!app.isClient(clientId)) {
            error(exchange, "invalid_client");
        } else if (!app.isSecret(exchange.param("client_secret"))) {
            error(exchange, "invalid_client_secret");
        } else if ("authorization_code".equals(grantType)) {
            exchangeCode(exchange, dc, settings);
        } else if ("refresh_token".equals(grantType)) {
            refresh(exchange, dc, settings);
        } else {
            error(exchange, "unsupported_grant_type");
        }
    }

    private void exchangeCode(SimExchange exchange, String dc, SimSettings settings) throws IOException {
        if (!state.app().isRedirectUri(exchange.param("redirect_uri"))) {
            error(exchange, "invalid_redirect_uri");
            return;
        }
        Instant now = state.now();
        AuthCode code = state.grants().findCode(exchange.param("code"), now).orElse(null);
        // another DC's accounts server does not know the code: the user's DC must be used
        if (code == null || !code.userDc().equals(dc) || !code.clientId().equals(exchange.param("client_id"))
                || !code.redirectUri().equals(exchange.param("redirect_uri"))
                || !pkceMatches(code.codeChallenge(), exchange.param("code_verifier"))
                || !state.grants().consume(code)) {
            error(exchange, "invalid_code");
            return;
        }
        Grants.Issued issued = state.grants().open(code, now, settings);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.accessToken().token());
        if (issued.grant().refreshToken() != null) {
            body.put("refresh_token", issued.grant().refreshToken());
        }
        body.put("scope", String.join(" ", code.scopes()));
        finishTokenBody(body, code.userDc(), settings);
        exchange.json(200, body);
    }

    private void refresh(SimExchange exchange, String dc, SimSettings settings) throws IOException {
        Grants.Refreshed refreshed = state.grants().refresh(exchange.param("refresh_token"),
                exchange.param("client_id"), dc, state.now(), settings);
        switch (refreshed.outcome()) {
            case UNKNOWN -> error(exchange, "invalid_code");
            case THROTTLED -> exchange.jsonText(settings.throttleStatus(), Faults.THROTTLE_BODY);
            case ISSUED -> {
                // Zoho sends no new refresh token on refresh
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("access_token", refreshed.accessToken().token());
                finishTokenBody(body, dc, settings);
                exchange.json(200, body);
            }
        }
    }

    private void finishTokenBody(Map<String, Object> body, String userDc, SimSettings settings) {
        if (!settings.omitApiDomain()) {
            body.put("api_domain", state.apiDomain(userDc));
        }
        body.put("token_type", "Bearer");
        if (settings.legacyTokenShape()) {
            body.put("expires_in_sec", settings.tokenLifetimeSeconds());
            body.put("expires_in", settings.tokenLifetimeSeconds() * 1000);
        } else {
            body.put("expires_in", settings.tokenLifetimeSeconds());
        }
        SimSettings.applyOverride(body, settings.tokenAnswerOverride());
    }

    private void revoke(SimExchange exchange, String dc) throws IOException {
        SimSettings settings = state.settings();
        delay(settings.tokenLatencyMillis());
        state.counters().revokeRequest();
        if (state.faults().intercept(Fault.Target.REVOKE, dc, exchange, settings)) {
            return;
        }
        if (exchange.method().equals("POST") && state.grants().revoke(exchange.param("token"), dc)) {
            exchange.jsonText(200, "{\"status\":\"success\"}");
        } else {
            exchange.jsonText(400, "{\"status\":\"failure\",\"error\":\"invalid_token\"}");
        }
    }

    private static void error(SimExchange exchange, String code) throws IOException {
        exchange.jsonText(200, "{\"error\":\"" + code + "\"}");
    }

    /** No challenge: nothing to check. With one, the verifier's S256 must equal it (RFC 7636). */
    static boolean pkceMatches(String challenge, String verifier) {
        if (challenge == null) {
            return true;
        }
        if (verifier == null) {
            return false;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            String computed = Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
            return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                    challenge.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    static List<String> scopes(String raw) {
        if (raw == null) {
            return List.of();
        }
        return Arrays.stream(SCOPE_SEPARATOR.split(raw.trim())).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static String withQuery(String uri, Map<String, String> query) {
        StringBuilder out = new StringBuilder(uri);
        char separator = uri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            out.append(separator).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return out.toString();
    }

    /** The deliberate latency of the token endpoint (benchmarks); never used for any decision. */
    private static void delay(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
