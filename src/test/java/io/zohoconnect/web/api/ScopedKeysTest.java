package io.zohoconnect.web.api;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.ServiceClient;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Scoped API keys over HTTP: made by the admin, shown once, stored as a hash, each permission allowed and refused. */
@ExtendWith(OutputCaptureExtension.class)
class ScopedKeysTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private String mine;
    private String other;

    @BeforeEach
    void twoConnections() {
        String run = Long.toString(System.nanoTime(), 36);
        mine = "keys-" + run + "-a";
        other = "keys-" + run + "-b";
        service.connect(mine, "eu", "production");
        service.connect(other, "eu", "production");
    }

    @Test
    void aKeyIsShownOnceAndStoredOnlyAsItsHash(CapturedOutput output) {
        HttpResponse<String> created = createKey("etl", List.of(mine), List.of("connections:read"));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = service.json(created);
        String secret = body.path("key").asText();
        assertThat(secret).startsWith("zc_").hasSizeGreaterThanOrEqualTo(3 + 43);
        assertThat(body.path("name").asText()).isEqualTo("etl");
        assertThat(body.path("connections").toString()).isEqualTo("[\"" + mine + "\"]");
        assertThat(body.path("permissions").toString()).isEqualTo("[\"connections:read\"]");
        assertThat(body.path("created_at").isMissingNode()).isFalse();

        assertThat(as(secret).getAsAdmin("/api/connections/" + mine).statusCode()).isEqualTo(200);
        HttpResponse<String> list = service.getAsAdmin("/api/keys");
        assertThat(list.body()).contains(body.path("id").asText()).doesNotContain(secret).contains("last_used_at");
        // the whole database, as a dump would show it: the hash, never the secret
        String dump = String.join("\n", jdbc.sql("SCRIPT").query(String.class).list());
        assertThat(dump).contains("zoho_api_key").doesNotContain(secret).doesNotContain(secret.substring(3));
        assertThat(output.getAll()).doesNotContain(secret.substring(3));
    }

    @Test
    void connectionsReadShowsOnlyTheKeysConnections() {
        ServiceClient key = key(List.of(mine), "connections:read");
        assertThat(key.getAsAdmin("/api/connections/" + mine).statusCode()).isEqualTo(200);
        assertThat(key.getAsAdmin("/api/connections/" + mine + "/events").statusCode()).isEqualTo(200);
        assertForbidden(key.getAsAdmin("/api/connections/" + other));
        assertForbidden(key.getAsAdmin("/api/connections/" + other + "/events"));
        assertForbidden(key.getAsAdmin("/api/connections/" + mine + "/access-token"));
        HttpResponse<String> list = key.getAsAdmin("/api/connections?limit=1000");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"" + mine + "\"").doesNotContain(other);
    }

    @Test
    void tokenReadGivesTheTokenOfItsConnectionsOnly() {
        ServiceClient key = key(List.of(mine), "token:read");
        HttpResponse<String> token = key.getAsAdmin("/api/connections/" + mine + "/access-token");
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(service.json(token).path("access_token").asText()).isNotBlank();
        assertForbidden(key.getAsAdmin("/api/connections/" + other + "/access-token"));
        assertForbidden(key.getAsAdmin("/api/connections/" + mine));
        assertForbidden(key.getAsAdmin("/api/connections"));
    }

    @Test
    void linksCreateWorksForItsConnectionsOnlyAndTheAuditNamesTheKey() {
        ServiceClient key = key(List.of(mine), "links:create");
        HttpResponse<String> link = key.sendAsAdmin("POST", "/api/connect-links",
                "{\"connection_id\":\"" + mine + "\",\"dc\":\"eu\"}");
        assertThat(link.statusCode()).isEqualTo(201);
        assertForbidden(key.sendAsAdmin("POST", "/api/connect-links", "{\"connection_id\":\"" + other + "\",\"dc\":\"eu\"}"));

        JsonNode events = service.json(service.getAsAdmin("/api/events?actor=key&connection_id=" + mine));
        assertThat(events.path("events").toString()).contains("\"kind\":\"key\"").contains("\"name\":\"key for " + mine + "\"");
    }

    @Test
    void globsCoverTheConnectionsTheyMatchOnly() {
        String prefix = mine.substring(0, mine.length() - 1);
        ServiceClient key = key(List.of(prefix + "*"), "connections:read");
        assertThat(key.getAsAdmin("/api/connections/" + mine).statusCode()).isEqualTo(200);
        assertThat(key.getAsAdmin("/api/connections/" + other).statusCode()).isEqualTo(200);
        ServiceClient narrower = key(List.of("*-a"), "connections:read");
        assertThat(narrower.getAsAdmin("/api/connections/" + mine).statusCode()).isEqualTo(200);
        assertForbidden(narrower.getAsAdmin("/api/connections/" + other));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST /api/connections/%s/refresh", "DELETE /api/connections/%s", "GET /api/events",
            "GET /api/keys", "POST /api/keys", "GET /api/syncs", "GET /api/crypto/keys", "POST /api/crypto/reencrypt",
            "GET /actuator/prometheus", "GET /api/openapi.json", "GET /", "GET /keys", "GET /syncs",
            "GET /connect?connection_id=%s&dc=eu"})
    void theAdminOperationsAreRefusedToAKeyWithEveryPermission(String operation) {
        ServiceClient key = key(List.of("*"), "proxy:read", "proxy:write", "token:read", "connections:read", "links:create");
        String[] parts = operation.split(" ");
        HttpResponse<String> answer = key.sendAsAdmin(parts[0], parts[1].formatted(mine),
                parts[0].equals("POST") ? "{}" : null);
        if (parts[1].startsWith("/api") || parts[1].startsWith("/actuator")) {
            assertForbidden(answer);
        } else {
            assertThat(answer.statusCode()).as("%s: the dashboard and /connect are the admin's", operation).isEqualTo(403);
        }
        assertThat(service.getAsAdmin("/api/connections/" + mine).statusCode()).isEqualTo(200); // not deleted
    }

    @Test
    void aDeletedKeyIsRefusedAtOnceAndAnUnknownOneToo() {
        HttpResponse<String> created = createKey("short-lived", List.of(mine), List.of("connections:read"));
        String secret = service.json(created).path("key").asText();
        String id = service.json(created).path("id").asText();
        assertThat(as(secret).getAsAdmin("/api/connections/" + mine).statusCode()).isEqualTo(200);

        assertThat(service.sendAsAdmin("DELETE", "/api/keys/" + id, null).statusCode()).isEqualTo(204);
        assertThat(as(secret).getAsAdmin("/api/connections/" + mine).statusCode()).isEqualTo(401);
        assertThat(service.sendAsAdmin("DELETE", "/api/keys/" + id, null).statusCode()).isEqualTo(404);
        assertThat(as("zc_" + "A".repeat(43)).getAsAdmin("/api/connections/" + mine).statusCode()).isEqualTo(401);
    }

    @Test
    void aKeyDeletedOnOneNodeIsRefusedByTheOtherAtOnce() {
        HttpResponse<String> created = createKey("clustered", List.of(mine), List.of("connections:read"));
        String secret = service.json(created).path("key").asText();
        try (ConfigurableApplicationContext node = startOtherNode("keys-node-b")) {
            int port = Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
            ServiceClient onB = new ServiceClient(port, secret);
            assertThat(onB.getAsAdmin("/api/connections/" + mine).statusCode()).isEqualTo(200);
            // deleted on this node: the other refuses it on its very next request
            jdbc.sql("DELETE FROM zoho_api_key WHERE name = 'clustered'").update();
            assertThat(onB.getAsAdmin("/api/connections/" + mine).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void lastUsedIsWrittenAtMostOnceAMinute() {
        HttpResponse<String> created = createKey("busy", List.of(mine), List.of("connections:read"));
        ServiceClient key = as(service.json(created).path("key").asText());
        String id = service.json(created).path("id").asText();
        key.getAsAdmin("/api/connections/" + mine);
        Object first = lastUsed(id);
        assertThat(first).isNotNull();
        clock.advance(Duration.ofSeconds(30));
        key.getAsAdmin("/api/connections/" + mine);
        assertThat(lastUsed(id)).isEqualTo(first);
        clock.advance(Duration.ofSeconds(31));
        key.getAsAdmin("/api/connections/" + mine);
        assertThat(lastUsed(id)).isNotEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\":\"a\",\"name\":\"b\",\"connections\":[\"x\"],\"permissions\":[\"proxy:read\"]}|name",
            "{\"name\":\"a\",\"connections\":[\"x\"],\"permissions\":[\"proxy:read\"],\"scope\":\"all\"}|scope",
            "{\"name\":7,\"connections\":[\"x\"],\"permissions\":[\"proxy:read\"]}|name",
            "{\"name\":\"a\",\"connections\":\"x\",\"permissions\":[\"proxy:read\"]}|connections",
            "{\"name\":\"a\",\"connections\":[],\"permissions\":[\"proxy:read\"]}|connections",
            "{\"name\":\"a\",\"connections\":[\"x/y\"],\"permissions\":[\"proxy:read\"]}|connections",
            "{\"name\":\"a\",\"connections\":[\"x\"],\"permissions\":[\"proxy:admin\"]}|permissions",
            "{\"name\":\"a\",\"connections\":[\"x\"],\"permissions\":[1]}|permissions",
            "{\"name\":\"a\",\"connections\":[\"x\"]}|permissions",
            "{\"connections\":[\"x\"],\"permissions\":[\"proxy:read\"]}|name"})
    void badBodiesAreRefusedNamingTheField(String caseAndField) {
        String[] parts = caseAndField.split("\\|");
        HttpResponse<String> answer = service.sendAsAdmin("POST", "/api/keys", parts[0]);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(service.json(answer).path("message").asText()).contains("'" + parts[1] + "'");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM zoho_api_key WHERE name = 'a'").query(Long.class).single()).isZero();
    }

    private Object lastUsed(String id) {
        return jdbc.sql("SELECT last_used_at FROM zoho_api_key WHERE id = :id").param("id", id).query().singleValue();
    }

    private static void assertForbidden(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(answer.body()).contains("\"error\":\"forbidden\"");
    }

    private HttpResponse<String> createKey(String name, List<String> connections, List<String> permissions) {
        return service.sendAsAdmin("POST", "/api/keys", "{\"name\":\"" + name + "\",\"connections\":"
                + json(connections) + ",\"permissions\":" + json(permissions) + "}");
    }

    private ServiceClient key(List<String> connections, String... permissions) {
        HttpResponse<String> created = createKey("key for " + mine, connections, List.of(permissions));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return as(service.json(created).path("key").asText());
    }

    private ServiceClient as(String secret) {
        return new ServiceClient(URI.create(service.baseUrl()).getPort(), secret);
    }

    private static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").toList().toString().replace(", ", ",");
    }
}
