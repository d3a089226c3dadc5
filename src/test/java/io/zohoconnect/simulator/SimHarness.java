package io.zohoconnect.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.support.MutableClock;
import io.zohoconnect.support.SimulatorClient;

/**
 * A simulator on a free port with a hand-moved clock, and an HTTP client that speaks to it the way
 * the service and a browser do (no redirect following).
 */
final class SimHarness implements AutoCloseable {

    static final String CLIENT_ID = "1000.SIMTESTCLIENT";
    static final String CLIENT_SECRET = "sim-test-secret";
    static final String REDIRECT_URI = "http://localhost:8080/oauth/callback";
    static final String SCOPES = "ZohoCRM.modules.ALL,ZohoCRM.settings.ALL,ZohoCRM.users.READ,ZohoCRM.org.READ";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REQUEST_ID = Pattern.compile("name=\"request_id\" value=\"([^\"]+)\"");

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    final ZohoSimulator simulator;
    final SimulatorClient control;
    final HttpClient http;

    private SimHarness(SimSettings settings, int threads) {
        SimulatorConfig config = new SimulatorConfig(SimulatorConfig.LOOPBACK, 0, threads,
                new RegisteredApp(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI), settings);
        simulator = new ZohoSimulator(config, clock);
        simulator.start();
        control = new SimulatorClient(simulator.port());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static SimHarness start() {
        return new SimHarness(SimSettings.defaults(), 64);
    }

    static SimHarness start(int threads) {
        return new SimHarness(SimSettings.defaults(), threads);
    }

    @Override
    public void close() {
        simulator.stop();
    }

    String url(String path) {
        return simulator.baseUrl() + path;
    }

    // ---- raw HTTP

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    HttpResponse<String> postForm(String path, Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- authorization

    Map<String, String> authParams(Map<String, String> overrides) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", CLIENT_ID);
        params.put("response_type", "code");
        params.put("scope", SCOPES);
        params.put("access_type", "offline");
        params.put("prompt", "consent");
        params.put("redirect_uri", REDIRECT_URI);
        params.put("state", "st-" + System.nanoTime());
        params.putAll(overrides);
        params.values().removeIf(v -> v == null);
        return params;
    }

    HttpResponse<String> authorize(String dc, Map<String, String> overrides) {
        return get("/" + dc + "/accounts/oauth/v2/auth?" + encode(authParams(overrides)));
    }

    static String requestId(String consentPage) {
        Matcher m = REQUEST_ID.matcher(consentPage);
        if (!m.find()) {
            throw new AssertionError("no request_id on the consent page");
        }
        return m.group(1);
    }

    HttpResponse<String> decide(String dc, String requestId, String action, String userDc, String email) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("request_id", requestId);
        form.put("action", action);
        if (userDc != null) {
            form.put("user_dc", userDc);
        }
        if (email != null) {
            form.put("email", email);
        }
        return postForm("/" + dc + "/accounts/oauth/v2/auth/decision", form);
    }

    /** Consent page → Approve as the given user; returns the callback query. */
    Map<String, String> approve(String dc, String userDc, String email, Map<String, String> overrides) {
        HttpResponse<String> page = authorize(dc, overrides);
        if (page.statusCode() != 200) {
            throw new AssertionError("consent page answered " + page.statusCode() + ": " + page.body());
        }
        HttpResponse<String> decision = decide(dc, requestId(page.body()), "approve", userDc, email);
        if (decision.statusCode() != 302) {
            throw new AssertionError("decision answered " + decision.statusCode() + ": " + decision.body());
        }
        return callbackQuery(decision);
    }

    Map<String, String> approve(String dc) {
        return approve(dc, dc, "user@example.com", Map.of());
    }

    static Map<String, String> callbackQuery(HttpResponse<String> redirect) {
        String location = redirect.headers().firstValue("Location").orElseThrow();
        if (!location.startsWith(REDIRECT_URI + "?")) {
            throw new AssertionError("redirected elsewhere: " + location);
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    // ---- token endpoint

    HttpResponse<String> tokenRequest(String dc, Map<String, String> form) {
        return postForm("/" + dc + "/accounts/oauth/v2/token", form);
    }

    JsonNode token(String dc, Map<String, String> form) {
        HttpResponse<String> response = tokenRequest(dc, form);
        return json(response.body());
    }

    Map<String, String> exchangeForm(String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", CLIENT_ID);
        form.put("client_secret", CLIENT_SECRET);
        form.put("redirect_uri", REDIRECT_URI);
        form.put("code", code);
        return form;
    }

    JsonNode exchange(String dc, String code) {
        return token(dc, exchangeForm(code));
    }

    /** A fresh offline grant of the default user at {@code dc}: the code-exchange response. */
    JsonNode connect(String dc) {
        return connect(dc, "user@example.com");
    }

    JsonNode connect(String dc, String email) {
        Map<String, String> callback = approve(dc, dc, email, Map.of());
        JsonNode tokens = exchange(dc, callback.get("code"));
        if (!tokens.has("access_token")) {
            throw new AssertionError("exchange failed: " + tokens);
        }
        return tokens;
    }

    /** A grant with chosen authorization params; returns its access token. */
    String connect(String dc, String userDc, Map<String, String> overrides) {
        Map<String, String> callback = approve(dc, userDc, "user@example.com", overrides);
        JsonNode tokens = exchange(userDc, callback.get("code"));
        if (!tokens.has("access_token")) {
            throw new AssertionError("exchange failed: " + tokens);
        }
        return tokens.get("access_token").asText();
    }

    Map<String, String> refreshForm(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", CLIENT_ID);
        form.put("client_secret", CLIENT_SECRET);
        form.put("refresh_token", refreshToken);
        return form;
    }

    HttpResponse<String> refreshResponse(String dc, String refreshToken) {
        return tokenRequest(dc, refreshForm(refreshToken));
    }

    JsonNode refresh(String dc, String refreshToken) {
        return json(refreshResponse(dc, refreshToken).body());
    }

    // ---- CRM

    HttpResponse<String> crm(String dc, String environmentSegment, String path, String accessToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/" + dc + "/" + environmentSegment + path)));
        if (accessToken != null) {
            request.header("Authorization", "Zoho-oauthtoken " + accessToken);
        }
        return send(request.GET());
    }

    /** Any CRM call to the production org of {@code dc}; {@code headers} are name, value pairs. */
    HttpResponse<String> crm(String method, String dc, String path, String accessToken, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/" + dc + "/api" + path)));
        if (accessToken != null) {
            request.header("Authorization", "Zoho-oauthtoken " + accessToken);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A {@code /_sim} call with an optional JSON body; the answer must be 200. */
    JsonNode sim(String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/_sim" + path)));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = send(request.method(method, jsonBody == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody)));
        if (response.statusCode() != 200) {
            throw new AssertionError(method + " /_sim" + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    /** The callbacks of a kind ({@code notification}, {@code bulk_read}) that have an outcome. */
    java.util.List<JsonNode> callbacks(String kind) {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        sim("GET", "/callbacks?kind=" + kind, null).get("callbacks").forEach(out::add);
        return out;
    }

    HttpResponse<String> crmGet(String dc, String path, String accessToken, String... headers) {
        return crm("GET", dc, path, accessToken, null, headers);
    }

    HttpResponse<String> currentUser(String dc, String accessToken) {
        return crm(dc, "api", "/crm/v8/users?type=CurrentUser", accessToken);
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
