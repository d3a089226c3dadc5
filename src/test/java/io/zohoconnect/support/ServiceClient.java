package io.zohoconnect.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A plain HTTP client of the service, acting as a browser (no automatic redirects, so each hop
 * can be checked; a cookie jar, so a flow ends in the browser that started it) or as an API client
 * with the admin key. One client is one browser: a new client is another browser.
 */
public final class ServiceClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String adminKey;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public ServiceClient(int port, String adminKey) {
        this(URI.create("http://localhost:" + port).toString(), adminKey);
    }

    private ServiceClient(String baseUrl, String adminKey) {
        this.baseUrl = baseUrl;
        this.adminKey = adminKey;
    }

    /** Another browser (cookies of its own) of the same service, with the same admin key. */
    public ServiceClient anotherBrowser() {
        return new ServiceClient(baseUrl, adminKey);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** GET without credentials (a browser that has not logged in, or Zoho redirecting back). */
    public HttpResponse<String> get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    /** GET with {@code Authorization: Bearer <admin key>}. */
    public HttpResponse<String> getAsAdmin(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Authorization", "Bearer " + adminKey).GET());
    }

    public HttpResponse<String> sendAsAdmin(String method, String path, String jsonBody) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + adminKey)
                .header("Content-Type", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    /**
     * GET as a caller with a deadline (a load balancer's probe, a client's timeout): throws (an
     * {@link UncheckedIOException} around {@link java.net.http.HttpTimeoutException}) when the service has not
     * answered within {@code deadline}.
     */
    public HttpResponse<String> getWithin(Duration deadline, String pathOrUrl, boolean asAdmin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathOrUrl)).GET();
        if (asAdmin) {
            request.header("Authorization", "Bearer " + adminKey);
        }
        return send(request, deadline);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Duration timeout) {
        try {
            return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST of an HTML form ({@code application/x-www-form-urlencoded}), with this browser's cookies. */
    public HttpResponse<String> postForm(String pathOrUrl, Map<String, String> form) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query(form))));
    }

    /** The value of the cookie {@code name} this browser holds for the service, if any. */
    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().get(URI.create(baseUrl)).stream()
                .filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst();
    }

    public JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (HTTP " + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** The /connect URL for these parameters (null values left out). */
    public static String connectPath(String connectionId, String dc, String environment) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("connection_id", connectionId);
        params.put("dc", dc);
        params.put("environment", environment);
        return "/connect?" + query(params);
    }

    public static String query(Map<String, String> params) {
        return params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * The whole browser round trip with an auto-approving simulator: /connect (as admin; sets the
     * browser-binding cookie) → Zoho's authorize URL → redirect back → /oauth/callback (with the cookie).
     */
    public ConnectFlow connect(String connectionId, String dc, String environment) {
        return connect(connectPath(connectionId, dc, environment));
    }

    /** The same round trip from any /connect path (with scopes, allow_org_change, …). */
    public ConnectFlow connect(String connectPath) {
        ConnectFlow consented = consent(connectPath);
        return new ConnectFlow(consented.authorizeUrl(), consented.callbackUrl(), get(consented.callbackUrl()));
    }

    /**
     * The round trip up to Zoho's redirect back, without following it: the flow's {@code callback} is null, and
     * this browser opens {@code callbackUrl} when the test says so.
     */
    public ConnectFlow consent(String connectPath) {
        HttpResponse<String> start = getAsAdmin(connectPath);
        if (start.statusCode() != 302) {
            throw new AssertionError("/connect answered " + start.statusCode() + ": " + start.body());
        }
        String authorizeUrl = location(start);
        HttpResponse<String> consent = get(authorizeUrl);
        if (consent.statusCode() != 302) {
            throw new AssertionError("the authorize URL answered " + consent.statusCode() + ": " + consent.body());
        }
        return new ConnectFlow(authorizeUrl, location(consent), null);
    }

    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location header (HTTP " + response.statusCode() + ")"));
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl);
    }

    /** The hops of one connect round trip. */
    public record ConnectFlow(String authorizeUrl, String callbackUrl, HttpResponse<String> callback) {
    }
}
