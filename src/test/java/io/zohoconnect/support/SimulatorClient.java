package io.zohoconnect.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Drives the Zoho simulator's {@code /_sim} API over HTTP, as tests do: reset, settings, faults,
 * counters and CRM data (seed, modify, delete records; editions; page-token expiry). Kept free of simulator classes so tests talk to it the way they would talk to any Zoho
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

    /**
     * The requests Zoho's endpoints received since the last reset (oldest first), as on the wire:
     * {@code dc, method, path, query} (raw, or null) and {@code cookies} (every Cookie header).
     */
    public List<JsonNode> requests() {
        List<JsonNode> out = new ArrayList<>();
        send("GET", "/_sim/requests", null).path("requests").forEach(out::add);
        return out;
    }

    /** Zoho answers the next {@code count} matching requests with an extra {@code Set-Cookie} (-1: until cleared). */
    public void setCookie(String target, String pathPart, int count) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("target", target);
        spec.put("type", "set_cookie");
        spec.put("count", count);
        if (pathPart != null) {
            spec.put("path", pathPart);
        }
        fault(spec);
    }

    /** Matching requests are held {@code millis} before they are answered as usual (-1 count: until cleared). */
    public void latency(String target, String pathPart, long millis, int count) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("target", target);
        spec.put("type", "latency");
        spec.put("count", count);
        spec.put("delayMillis", millis);
        if (pathPart != null) {
            spec.put("path", pathPart);
        }
        fault(spec);
    }

    /** Token-endpoint requests that carried this refresh token. */
    public int tokenRequestsFor(String refreshToken) {
        JsonNode n = counters().path("tokenRequestsByRefreshToken").get(refreshToken);
        return n == null ? 0 : n.asInt();
    }

    public int tokenRequests() {
        return counters().path("tokenRequests").asInt();
    }

    // ---- CRM data; environment is production, sandbox or developer

    /** (Re)creates a module with {@code count} records; a non-standard name creates a custom module. */
    public JsonNode seedModule(String dc, String environment, String module, int count, int customFields, long seed) {
        return seedModule(dc, environment, module, Map.of("count", count, "customFields", customFields, "seed", seed));
    }

    /** Spec keys: count, customFields (extra fields) or fields (total), seed. */
    public JsonNode seedModule(String dc, String environment, String module, Map<String, ?> spec) {
        return send("POST", modulePath(dc, environment, module) + "/seed", spec);
    }

    /** Modifies {@code count} records spread over the module, all at the simulator's clock now. */
    public JsonNode modifyRecords(String dc, String environment, String module, int count) {
        return modifyRecords(dc, environment, module, Map.of("count", count));
    }

    /** Spec keys: count or ids; modifiedTime (ISO-8601, default now); values (field → value). */
    public JsonNode modifyRecords(String dc, String environment, String module, Map<String, ?> spec) {
        return send("POST", modulePath(dc, environment, module) + "/modify", spec);
    }

    /** Deletes (to the recycle bin) {@code count} records spread over the module. */
    public JsonNode deleteRecords(String dc, String environment, String module, int count) {
        return deleteRecords(dc, environment, module, Map.of("count", count));
    }

    /** Spec keys: count or ids; permanent (boolean). */
    public JsonNode deleteRecords(String dc, String environment, String module, Map<String, ?> spec) {
        return send("POST", modulePath(dc, environment, module) + "/delete", spec);
    }

    /** {@code {"module","count","deleted","fields","seed"}}: count is live records. */
    public JsonNode module(String dc, String environment, String module) {
        return send("GET", modulePath(dc, environment, module), null);
    }

    /** Live record ids of a module, in id order. */
    public List<String> liveIds(String dc, String environment, String module) {
        JsonNode ids = send("GET", modulePath(dc, environment, module) + "?ids=true", null).path("ids");
        List<String> out = new ArrayList<>(ids.size());
        ids.forEach(id -> out.add(id.asText()));
        return out;
    }

    /** Every page token issued so far answers EXPIRED_VALUE from now on; returns how many were issued. */
    public long expirePageTokens() {
        return send("POST", "/_sim/page-tokens/expire", null).path("expired").asLong();
    }

    /** FREE, STANDARD, PROFESSIONAL, ENTERPRISE (default) or ULTIMATE. */
    public void edition(String dc, String environment, String edition) {
        send("POST", "/_sim/orgs/" + dc + "/" + environment + "/edition", Map.of("edition", edition));
    }

    /**
     * An org's API credits: {@code allowance} (fixed; -1 back to Zoho's formula), {@code edition},
     * {@code users} (licenses), {@code add_on}; answers what {@link #credits} answers.
     */
    public JsonNode setCredits(String dc, String environment, Map<String, ?> changes) {
        return send("POST", "/_sim/orgs/" + dc + "/" + environment + "/credits", changes);
    }

    /** The same for another org of the DC (by company name, as {@link #nextGrantOrg} names it). */
    public JsonNode setCredits(String dc, String environment, String orgName, Map<String, ?> changes) {
        return send("POST", "/_sim/orgs/" + dc + "/" + environment + "/credits?org="
                + java.net.URLEncoder.encode(orgName, java.nio.charset.StandardCharsets.UTF_8), changes);
    }

    public JsonNode credits(String dc, String environment, String orgName) {
        return send("GET", "/_sim/orgs/" + dc + "/" + environment + "/credits?org="
                + java.net.URLEncoder.encode(orgName, java.nio.charset.StandardCharsets.UTF_8), null);
    }

    /** {@code {"allowance","used","calls","credits","refused","next_credit_at",…}} of an org as Zoho counted them. */
    public JsonNode credits(String dc, String environment) {
        return send("GET", "/_sim/orgs/" + dc + "/" + environment + "/credits", null);
    }

    /** The next approved consent lands in another org of the user's DC, named {@code companyName}. */
    public void nextGrantOrg(String companyName) {
        send("POST", "/_sim/next-grant-org", Map.of("org", companyName));
    }

    /** Every org's records, edition and credits back to the defaults (settings, faults and counters stay). */
    public void resetData() {
        send("POST", "/_sim/data/reset", null);
    }

    /** CRM requests to e.g. {@code "GET /eu/api/crm/v8/Leads"} (method and path, no query). */
    public int crmRequestsFor(String methodAndPath) {
        return counters().path("crmRequestsByPath").path(methodAndPath).asInt();
    }

    public long recordsServed() {
        return counters().path("recordsServed").asLong();
    }

    public long pageTokenRequests() {
        return counters().path("pageTokenRequests").asLong();
    }

    /** Records (or ids) carried by write calls to a module, failed ones included. */
    public long writeRecordsFor(String module) {
        return counters().path("writeRecordsByModule").path(module).asLong();
    }

    /** A CRM fault only for requests whose path contains {@code pathPart} and, if not null, with {@code method}. */
    public void crmFault(String type, int count, String pathPart, String method) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("target", "crm");
        spec.put("type", type);
        spec.put("count", count);
        if (pathPart != null) {
            spec.put("path", pathPart);
        }
        if (method != null) {
            spec.put("method", method);
        }
        fault(spec);
    }

    private static String modulePath(String dc, String environment, String module) {
        return "/_sim/orgs/" + dc + "/" + environment + "/modules/" + module;
    }

    public JsonNode send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
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

    // ---- watch callbacks and Bulk Read jobs (the simulator's README section lists the endpoints)

    /**
     * How the simulator sends callbacks of a kind ({@code notification} or {@code bulk_read}): drop all,
     * drop the next {@code dropNext}, hold each {@code delayMillis}.
     */
    public void callbackSwitch(String kind, boolean drop, int dropNext, long delayMillis) {
        send("POST", "/_sim/callbacks", Map.of("kind", kind, "drop", drop, "dropNext", dropNext, "delayMillis", delayMillis));
    }

    /** Callbacks of a kind with an outcome ({@code sent}, {@code failed}, {@code dropped}), oldest first, with their bodies. */
    public List<JsonNode> callbacks(String kind) {
        List<JsonNode> out = new ArrayList<>();
        send("GET", "/_sim/callbacks?kind=" + kind, null).path("callbacks").forEach(out::add);
        return out;
    }

    /** Records created as a user would in Zoho's UI (watch channels hear of them); returns their ids. */
    public List<String> insertRecords(String dc, String environment, String module, List<Map<String, ?>> records) {
        List<String> ids = new ArrayList<>();
        send("POST", modulePath(dc, environment, module) + "/insert", Map.of("records", records)).path("ids")
                .forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** Bulk Read jobs: {@code id, org, module, state, page, count, more_records, callback_url}. */
    public JsonNode bulkJobs() {
        return send("GET", "/_sim/bulk/jobs", null).path("jobs");
    }

    /** Moves a Bulk Read job to {@code state} (ADDED, IN PROGRESS, COMPLETED, FAILURE) now; null: its next state. */
    public JsonNode advanceBulkJob(String jobId, String state) {
        return send("POST", "/_sim/bulk/jobs/" + jobId + "/advance", state == null ? Map.of() : Map.of("to", state));
    }

    /** Spec keys: addedSeconds, runSeconds (by the simulator's clock), jobLimit, pageRows (≤ 200,000), recordsPerSecond (0: none). */
    public JsonNode bulkSettings(Map<String, ?> changes) {
        return send("POST", "/_sim/bulk/settings", changes);
    }
}
