package io.zohoconnect.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Drives the Zoho simulator's {@code /_sim} API over HTTP, as tests do: reset, settings, faults and
 * counters. Kept free of simulator classes so tests talk to it the way they would talk to any Zoho
 * stand-in.
 */
public final class SimulatorClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SimulatorClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Counters, faults and settings back to their configured defaults; tokens and codes stay. */
    public void reset() {
        send("POST", "/_sim/reset", null);
    }

    public JsonNode counters() {
        return send("GET", "/_sim/counters", null);
    }

    public JsonNode settings(Map<String, ?> changes) {
        return send("POST", "/_sim/settings", changes);
    }

    /** e.g. {@code fault("token", "http_500", 2)}; count -1 = until cleared. */
    public void fault(String target, String type, int count) {
        send("POST", "/_sim/faults", Map.of("target", target, "type", type, "count", count));
    }

    public void fault(Map<String, ?> spec) {
        send("POST", "/_sim/faults", spec);
    }

    public void clearFaults() {
        send("DELETE", "/_sim/faults", null);
    }

    /** Token-endpoint requests that carried this refresh token. */
    public int tokenRequestsFor(String refreshToken) {
        JsonNode n = counters().path("tokenRequestsByRefreshToken").get(refreshToken);
        return n == null ? 0 : n.asInt();
    }

    public int tokenRequests() {
        return counters().path("tokenRequests").asInt();
    }

    public JsonNode send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("simulator " + method + " " + path + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
