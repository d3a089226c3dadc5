package io.zohoconnect.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;

import io.zohoconnect.support.IntegrationTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway end to end over real HTTP, the simulator standing in for Zoho: what a scoped key may reach through it,
 * the token refreshed after Zoho rejected it, 429s waited out or passed back, a Bulk Read zip passed through.
 */
@ExtendWith(OutputCaptureExtension.class)
class GatewayTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    MeterRegistry meters;

    private String mine;
    private String other;

    @BeforeEach
    void connections() {
        String run = Long.toString(System.nanoTime(), 36);
        mine = "gw-" + run + "-a";
        other = "gw-" + run + "-b";
        service.connect(mine, "eu", "production");
        service.connect(other, "eu", "production");
    }

    @Test
    void aReadKeyReadsItsConnectionThroughTheGatewayAsZohoAnswers(CapturedOutput output) throws Exception {
        String key = key(List.of(mine), "proxy:read");
        HttpResponse<byte[]> proxied = send(key, mine, "GET", "/proxy/crm/v8/Leads?fields=Last_Name,Email&per_page=5", null);
        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(proxied.headers().firstValue("Zoho-Connect-Error")).isEmpty();

        HttpResponse<byte[]> direct = direct("GET", "/crm/v8/Leads?fields=Last_Name,Email&per_page=5", mine);
        // the same records as the same call sent by hand (page tokens differ: each call gets its own)
        assertThat(JSON.readTree(proxied.body()).path("data")).isEqualTo(JSON.readTree(direct.body()).path("data"));
        assertThat(proxied.headers().firstValue("Content-Type")).isEqualTo(direct.headers().firstValue("Content-Type"));
        assertThat(meters.find("zoho.proxy.requests").tag("connection", mine).tag("status", "2xx").tag("method", "GET")
                .timer().count()).isEqualTo(1);
        assertThat(output.getAll()).doesNotContain(key.substring(3));
    }

    @Test
    void aReadKeyIsRefusedForAnotherConnectionForWritesForTheAdminApiAndForRawTokens() throws Exception {
        String key = key(List.of(mine), "proxy:read");
        simulator.reset();
        HttpResponse<byte[]> otherConnection = send(key, other, "GET", "/proxy/crm/v8/Leads?fields=Last_Name", null);
        assertGatewayError(otherConnection, 403, "forbidden");
        HttpResponse<byte[]> write = send(key, mine, "POST", "/proxy/crm/v8/Leads", "{\"data\":[{\"Last_Name\":\"X\"}]}");
        assertGatewayError(write, 403, "forbidden");
        assertThat(send(key, null, "GET", "/api/keys", null).statusCode()).isEqualTo(403);
        assertThat(send(key, null, "GET", "/api/connections/" + mine + "/access-token", null).statusCode()).isEqualTo(403);
        assertThat(simulator.requests()).as("nothing reached Zoho").isEmpty();

        assertGatewayError(send(null, mine, "GET", "/proxy/crm/v8/Leads?fields=Last_Name", null), 401, "unauthorized");
        assertGatewayError(send("zc_" + "B".repeat(43), mine, "GET", "/proxy/crm/v8/Leads?fields=Last_Name", null), 401,
                "unauthorized");
    }

    @Test
    void aWriteKeyWritesAndTheCallersCredentialsAndZohoHeadersStayHere() throws Exception {
        String key = key(List.of(mine), "proxy:write");
        simulator.reset();
        simulator.setCookie("crm", "/Leads", 1);
        HttpResponse<byte[]> written = http.send(request(key, mine, "POST", "/proxy/crm/v8/Leads",
                "{\"data\":[{\"Last_Name\":\"Gateway\",\"Company\":\"Acme\"}]}")
                .header("Cookie", "session=caller-secret").header("Zoho-Trace", "x").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(written.statusCode()).as(new String(written.body(), StandardCharsets.UTF_8)).isIn(200, 201);
        assertThat(written.headers().allValues("Set-Cookie")).isEmpty();
        JsonNode sent = simulator.requests().get(0);
        assertThat(sent.path("method").asText()).isEqualTo("POST");
        assertThat(sent.path("path").asText()).isEqualTo("/eu/api/crm/v8/Leads");
        assertThat(sent.path("cookies").toString()).doesNotContain("caller-secret");
        assertThat(send(key, mine, "GET", "/proxy/crm/v8/Leads?fields=Last_Name", null).statusCode()).isEqualTo(403);
    }

    @Test
    void aTokenZohoRejectedIsRefreshedOnceAndTheCallSentAgain() throws Exception {
        int tokenCallsBefore = simulator.tokenRequests();
        simulator.crmFault("invalid_token", 1, "/Leads", "GET");
        HttpResponse<byte[]> answer = send(ADMIN_KEY, mine, "GET", "/proxy/crm/v8/Leads?fields=Last_Name", null);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(simulator.tokenRequests()).isEqualTo(tokenCallsBefore + 1);
        assertThat(simulator.crmRequestsFor("GET /eu/api/crm/v8/Leads")).isEqualTo(2);
    }

    @Test
    void aShort429IsWaitedOutAndALongOnePassedBack() throws Exception {
        simulator.fault(Map.of("target", "crm", "type", "http_429", "count", 1, "retryAfterSeconds", 3));
        HttpResponse<byte[]> waited = send(ADMIN_KEY, mine, "GET", "/proxy/crm/v8/Leads?fields=Last_Name", null);
        assertThat(waited.statusCode()).isEqualTo(200);
        assertThat(retries.waits()).containsExactly(Duration.ofSeconds(3));

        retries.clear();
        simulator.fault(Map.of("target", "crm", "type", "http_429", "count", 1, "retryAfterSeconds", 60));
        HttpResponse<byte[]> passed = send(ADMIN_KEY, mine, "GET", "/proxy/crm/v8/Leads?fields=Last_Name", null);
        assertThat(passed.statusCode()).isEqualTo(429);
        assertThat(passed.headers().firstValue("Retry-After")).contains("60");
        assertThat(passed.headers().firstValue("Zoho-Connect-Error")).isEmpty();
        assertThat(JSON.readTree(passed.body()).path("code").asText()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(retries.waits()).isEmpty();
    }

    @Test
    void aBulkReadZipPassesThroughByteForByte() throws Exception {
        simulator.seedModule("eu", "production", "Gateway_Bulk", 20_000, 5, 11);
        HttpResponse<byte[]> created = send(ADMIN_KEY, mine, "POST", "/proxy/crm/bulk/v8/read",
                "{\"query\":{\"module\":{\"api_name\":\"Gateway_Bulk\"}}}");
        assertThat(created.statusCode()).as(new String(created.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        String jobId = JSON.readTree(created.body()).path("data").get(0).path("details").path("id").asText();
        simulator.advanceBulkJob(jobId, "COMPLETED");

        HttpResponse<byte[]> zip = send(ADMIN_KEY, mine, "GET", "/proxy/crm/bulk/v8/read/" + jobId + "/result", null);
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("zip"));
        // the same CSV as the download sent by hand (the zips differ only in their entries' timestamps)
        String csv = csvOf(zip.body());
        assertThat(csv.lines().count()).isEqualTo(20_001); // header + every record
        assertThat(csv).isEqualTo(csvOf(direct("GET", "/crm/bulk/v8/read/" + jobId + "/result", mine).body()));
    }

    @Test
    void withoutAConnectionOrForAnUnknownOneTheGatewaySaysSoItself() throws Exception {
        simulator.reset();
        assertGatewayError(send(ADMIN_KEY, null, "GET", "/proxy/crm/v8/Leads", null), 400, "invalid_connection_id");
        assertGatewayError(send(ADMIN_KEY, "no-such-connection", "GET", "/proxy/crm/v8/Leads", null), 404, "not_found");
        assertThat(simulator.requests()).isEmpty();
    }

    private static String csvOf(byte[] zip) throws IOException {
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry = entries.getNextEntry();
            assertThat(entry).isNotNull();
            return new String(entries.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void assertGatewayError(HttpResponse<byte[]> answer, int status, String error) throws IOException {
        assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        assertThat(answer.headers().firstValue("Zoho-Connect-Error")).contains("true");
        assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo(error);
    }

    private HttpResponse<byte[]> send(String key, String connection, String method, String path, String body)
            throws IOException, InterruptedException {
        return http.send(request(key, connection, method, path, body).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String key, String connection, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (connection != null) {
            request.header("Zoho-Connection-Id", connection);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return request;
    }

    /** The same call straight to the simulator, with the connection's token set by hand. */
    private HttpResponse<byte[]> direct(String method, String path, String connection) throws Exception {
        JsonNode token = service.json(service.getAsAdmin("/api/connections/" + connection + "/access-token"));
        return http.send(HttpRequest.newBuilder(URI.create(token.path("api_domain").asText() + path))
                .header("Authorization", "Zoho-oauthtoken " + token.path("access_token").asText())
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String key(List<String> connections, String... permissions) {
        HttpResponse<String> created = service.sendAsAdmin("POST", "/api/keys", "{\"name\":\"gateway test\",\"connections\":"
                + connections.stream().map(c -> "\"" + c + "\"").toList().toString().replace(", ", ",")
                + ",\"permissions\":" + List.of(permissions).stream().map(p -> "\"" + p + "\"").toList().toString()
                .replace(", ", ",") + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return service.json(created).path("key").asText();
    }
}
