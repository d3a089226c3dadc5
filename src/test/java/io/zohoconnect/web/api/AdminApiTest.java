package io.zohoconnect.web.api;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.support.IntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class AdminApiTest extends IntegrationTest {

    @Autowired
    ConnectionStore connections;

    @Test
    void showsAConnectionWithoutItsTokens() {
        service.connect("api-show", "sa", "sandbox");
        Connection stored = connections.find("api-show").orElseThrow();

        HttpResponse<String> one = service.getAsAdmin("/api/connections/api-show");
        assertThat(one.statusCode()).isEqualTo(200);
        JsonNode body = service.json(one);
        assertThat(body.path("connection_id").asText()).isEqualTo("api-show");
        assertThat(body.path("dc").asText()).isEqualTo("sa");
        assertThat(body.path("environment").asText()).isEqualTo("sandbox");
        assertThat(body.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(body.path("api_domain").asText()).endsWith("/sa/sandbox-api");
        assertThat(body.path("accounts_server").asText()).endsWith("/sa/accounts");
        assertThat(body.path("scopes").isArray()).isTrue();
        assertThat(body.path("access_token_expires_at").asText()).isNotBlank();
        assertThat(body.path("created_at").asText()).isNotBlank();
        assertThat(one.body()).doesNotContain(stored.accessToken().value()).doesNotContain(stored.refreshToken().value());

        HttpResponse<String> all = service.getAsAdmin("/api/connections");
        assertThat(all.body()).contains("api-show").doesNotContain(stored.accessToken().value())
                .doesNotContain(stored.refreshToken().value());
    }

    @Test
    void keyUsageAndReencryptionAreAvailableToOperators() {
        service.connect("api-keys", "eu", "production");
        JsonNode usage = service.json(service.getAsAdmin("/api/crypto/keys"));
        String current = usage.path("current_key_id").asText();
        assertThat(current).matches("k[0-9a-f]{8}");
        assertThat(usage.path("connections_by_key_id").path(current).asInt()).isPositive();
        HttpResponse<String> reencrypted = service.sendAsAdmin("POST", "/api/crypto/reencrypt", null);
        assertThat(reencrypted.statusCode()).isEqualTo(200);
        assertThat(service.json(reencrypted).path("reencrypted_rows").asInt()).isZero(); // already under the current key
        assertThat(service.get("/api/crypto/keys").statusCode()).isEqualTo(401);
    }

    @Test
    void theListPagesThroughConnectionsById() {
        for (String id : new String[] {"page-a", "page-b", "page-c"}) {
            service.connect(id, "us", "production");
        }
        JsonNode first = service.json(service.getAsAdmin("/api/connections?limit=2&after=page-"));
        assertThat(first.path("connections").findValuesAsText("connection_id")).containsExactly("page-a", "page-b");
        assertThat(first.path("next_after").asText()).isEqualTo("page-b");
        JsonNode second = service.json(service.getAsAdmin("/api/connections?limit=2&after=page-b"));
        assertThat(second.path("connections").get(0).path("connection_id").asText()).isEqualTo("page-c");
        assertThat(service.getAsAdmin("/api/connections?limit=0").statusCode()).isEqualTo(400);
        assertThat(service.getAsAdmin("/api/connections?limit=x").statusCode()).isEqualTo(400);
    }

    @Test
    void anUnknownConnectionIsA404() {
        HttpResponse<String> response = service.getAsAdmin("/api/connections/nobody");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(service.json(response).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void anInvalidIdIsA400() {
        assertThat(service.getAsAdmin("/api/connections/bad%20id").statusCode()).isEqualTo(400);
    }

    @Test
    void deleteRevokesAtZohoThenDeletesAndIsIdempotent() {
        service.connect("api-delete", "eu", "production");
        String refreshToken = connections.find("api-delete").orElseThrow().refreshToken().value();

        HttpResponse<String> first = service.sendAsAdmin("DELETE", "/api/connections/api-delete", null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(service.json(first).path("deleted").asBoolean()).isTrue();
        assertThat(connections.find("api-delete")).isEmpty();
        assertThat(simulator.counters().path("revokeRequests").asInt()).isEqualTo(1);
        // the grant is dead at Zoho: refreshing with it is refused there
        HttpResponse<String> refresh = service.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                simulator.baseUrl() + "/eu/accounts/oauth/v2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=1000.TESTCLIENT"
                        + "&client_secret=test-client-secret-7f3a9c&refresh_token=" + refreshToken)));
        assertThat(refresh.body()).contains("invalid_code");

        HttpResponse<String> second = service.sendAsAdmin("DELETE", "/api/connections/api-delete", null);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(service.json(second).path("deleted").asBoolean()).isFalse();
    }

    @Test
    void aFailedRevokeKeepsTheConnectionRevokePending() {
        service.connect("api-keep", "eu", "production");
        simulator.fault("revoke", "http_503", 1);

        HttpResponse<String> response = service.sendAsAdmin("DELETE", "/api/connections/api-keep", null);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(service.json(response).path("status").asText()).isEqualTo("REVOKE_PENDING");
        assertThat(connections.find("api-keep")).hasValueSatisfying(c -> assertThat(c.status())
                .isEqualTo(io.zohoconnect.connection.ConnectionStatus.REVOKE_PENDING));

        assertThat(service.sendAsAdmin("DELETE", "/api/connections/api-keep", null).statusCode()).isEqualTo(200);
        assertThat(connections.find("api-keep")).isEmpty();
    }
}
