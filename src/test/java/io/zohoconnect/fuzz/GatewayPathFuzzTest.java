package io.zohoconnect.fuzz;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;

import io.zohoconnect.support.IntegrationTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No way out of Zoho's API domain through the gateway: every escape shape — {@code ..} raw or percent-encoded (once or
 * twice), encoded separators, backslashes, {@code //host}, {@code @host}, absolute URLs, CR/LF and other control
 * characters encoded, paths outside {@code crm/} — sent raw on the wire by the admin, for a live connection, is a 400
 * of the gateway (or of the container or firewall before it) and not one request reaches the simulator.
 */
@ExtendWith(ReplaySeed.class)
class GatewayPathFuzzTest extends IntegrationTest {

    static final int TRIES = 150;
    private static final String ADMIN = "Authorization: Bearer test-admin-key-0123456789abcdef";

    /** What leads into the hostile part: where a CRM path would start, or already inside one. */
    private static final Gen<String> PREFIXES = Gen.of("", "crm/", "crm/v8/", "crm/v8/Leads/", "crm/bulk/v8/read/",
            "CRM/", "crmx/", "api/", "accounts/");
    /** The hostile part: each of these alone is an escape or outside crm/. */
    private static final Gen<String> ESCAPES = Gen.of("..", "../", "../..", "%2e%2e", "%2E%2E/", ".%2e", "%2e.", "%252e%252e",
            ".", "./", "%2f", "%2F", "..%2f", "%5c", "%5C", "\\", "..\\", "//evil.example", "/@evil.example", "@evil.example",
            "user@evil.example", "http://evil.example/", "https:%2f%2fevil.example", "http:", "%0d%0aHost:%20evil.example",
            "%0a", "%0d", "%00", "%09", "%20", ";jsessionid=x", "%3b", "%3f", "%23", "%25", ":8080", "evil.example:443",
            "%2e%2e%2f%2e%2e%2faccounts", "..;/", "%c0%ae%c0%ae", "%ef%bc%8f", "~%2f");
    private static final Gen<String> SUFFIXES = Gen.of("", "/Leads", "/crm/v8/Leads", "/", "?fields=Last_Name");

    private Random random;

    @BeforeEach
    void seed(TestInfo test) {
        random = Fuzz.random(test.getDisplayName());
    }

    @Test
    void noEscapeShapeLeavesTheApiDomainOrReachesZohoAtAll() {
        String connection = "gw-fuzz-" + Long.toString(System.nanoTime(), 36);
        service.connect(connection, "eu", "production");
        simulator.reset();
        Gen<String> paths = Gen.combine(PREFIXES, ESCAPES, SUFFIXES, (prefix, escape, suffix) -> prefix + escape + suffix)
                .filter(path -> !path.startsWith("crm/") || !path.matches("crm(/[A-Za-z0-9._~-]+)+(\\?.*)?")
                        || path.contains("/./") || path.contains("/../") || path.endsWith("/.") || path.endsWith("/.."));
        for (String path : Fuzz.sample(paths, TRIES, random)) {
            String context = Fuzz.show(path) + " (seed " + Fuzz.SEED + ")";
            for (String method : List.of("GET", "DELETE")) {
                Reply reply = Reply.raw(port(), method, "/proxy/" + path, ADMIN, "Zoho-Connection-Id: " + connection);
                ReplyChecks.safe(reply, path);
                assertThat(reply.status()).as("%s %s", method, context).isEqualTo(400);
                ReplyChecks.jsonError(reply, path);
            }
        }
        assertThat(simulator.requests()).as("requests that reached Zoho").isEmpty();

        // the same connection through the same gateway does reach Zoho with a plain path: the 400s above were the paths
        Reply plain = Reply.raw(port(), "GET", "/proxy/crm/v8/Leads?fields=Last_Name", ADMIN, "Zoho-Connection-Id: " + connection);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(simulator.requests()).hasSize(1);
    }

    /**
     * The connection the gateway acts for is named by one header, and a scoped key's grant is checked against that
     * same header: tried absent, empty, blank, repeated (the granted connection first and last, or twice), encoded,
     * glob-shaped, comma-joined, padded and as another connection, a key for one connection never reaches Zoho for
     * anything but that connection — and then only with the header sent exactly once, plainly.
     */
    @Test
    void aScopedKeyReachesZohoOnlyForItsOneConnectionNamedOnce() {
        String mine = "gw-hdr-" + Long.toString(System.nanoTime(), 36);
        String other = mine + "-other";
        service.connect(mine, "eu", "production");
        service.connect(other, "eu", "production");
        HttpResponse<String> created = service.sendAsAdmin("POST", "/api/keys", "{\"name\":\"header fuzz\",\"connections\":[\""
                + mine + "\"],\"permissions\":[\"proxy:read\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String key = "Authorization: Bearer " + service.json(created).path("key").asText();
        simulator.reset();
        String encoded = mine.replace("-", "%2D");
        List<List<String>> refused = List.of(List.of(), List.of("Zoho-Connection-Id:"), List.of("Zoho-Connection-Id: "),
                List.of("Zoho-Connection-Id: \t"), List.of("Zoho-Connection-Id: " + other),
                List.of("Zoho-Connection-Id: " + mine, "Zoho-Connection-Id: " + other),
                List.of("Zoho-Connection-Id: " + other, "Zoho-Connection-Id: " + mine),
                List.of("Zoho-Connection-Id: " + mine, "Zoho-Connection-Id: " + mine),
                List.of("Zoho-Connection-Id: " + mine + "," + other), List.of("Zoho-Connection-Id: " + other + "," + mine),
                List.of("Zoho-Connection-Id: " + encoded), List.of("Zoho-Connection-Id: " + mine + "*"),
                List.of("Zoho-Connection-Id: gw-hdr-*"), List.of("Zoho-Connection-Id: " + mine + "%00"),
                List.of("Zoho-Connection-Id: " + mine + " " + other), List.of("zoho-connection-id: " + other),
                List.of("Zoho-Connection-Id: " + mine.toUpperCase()));
        for (List<String> headers : refused) {
            List<String> lines = new java.util.ArrayList<>(headers);
            lines.add(0, key);
            Reply reply = Reply.raw(port(), "GET", "/proxy/crm/v8/Leads?fields=Last_Name", lines.toArray(String[]::new));
            assertThat(reply.status()).as("%s", headers).isIn(400, 401, 403, 404);
            assertThat(simulator.requests()).as("requests that reached Zoho after %s", headers).isEmpty();
        }
        Reply plain = Reply.raw(port(), "GET", "/proxy/crm/v8/Leads?fields=Last_Name", key, "Zoho-Connection-Id: " + mine);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(simulator.requests()).hasSize(1);
    }

    private int port() {
        return URI.create(service.baseUrl()).getPort();
    }
}
