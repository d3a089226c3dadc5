package io.zohoconnect.credentials;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.support.IntegrationTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The refresh engine as operators and non-Camel consumers see it: admin API, metrics, health. */
class RefreshApiTest extends IntegrationTest {

    @Autowired
    ConnectionStore connections;
    @Autowired
    RefreshSweep sweep;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void emptyTable() {
        jdbc.sql("DELETE FROM zoho_connection").update();
    }

    @Test
    void forceRefreshReportsTheOutcome() {
        service.connect("api-refresh", "eu", "production");
        Connection before = connections.find("api-refresh").orElseThrow();

        HttpResponse<String> limited = service.sendAsAdmin("POST", "/api/connections/api-refresh/refresh", null);
        assertThat(limited.statusCode()).isEqualTo(200);
        assertThat(service.json(limited).path("outcome").asText()).isEqualTo("rate_limited");

        clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> refreshed = service.sendAsAdmin("POST", "/api/connections/api-refresh/refresh", null);
        JsonNode body = service.json(refreshed);
        assertThat(body.path("outcome").asText()).isEqualTo("refreshed");
        assertThat(body.path("connection").path("status").asText()).isEqualTo("ACTIVE");
        assertThat(refreshed.body()).doesNotContain(before.refreshToken().value());
        assertThat(connections.find("api-refresh").orElseThrow().accessToken()).isNotEqualTo(before.accessToken());
    }

    @Test
    void aFailedForcedRefreshIsA502AndANeedsReauthIsA409() {
        service.connect("api-fail", "eu", "production");
        clock.advance(Duration.ofMinutes(2));
        simulator.fault("token", "http_500", 1);
        HttpResponse<String> failed = service.sendAsAdmin("POST", "/api/connections/api-fail/refresh", null);
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(service.json(failed).path("outcome").asText()).isEqualTo("failed_transient");

        simulator.fault("token", "invalid_code", 1);
        HttpResponse<String> dead = service.sendAsAdmin("POST", "/api/connections/api-fail/refresh", null);
        assertThat(dead.statusCode()).isEqualTo(409);
        HttpResponse<String> token = service.getAsAdmin("/api/connections/api-fail/access-token");
        assertThat(token.statusCode()).isEqualTo(409);
        assertThat(service.json(token).path("error").asText()).isEqualTo("needs_reauth");
        assertThat(service.json(token).path("message").asText()).contains("/connect?connection_id=api-fail");
    }

    @Test
    void theAccessTokenEndpointHandsOutAFreshToken() {
        service.connect("api-token", "jp", "developer");
        clock.advance(Duration.ofMinutes(55));
        HttpResponse<String> response = service.getAsAdmin("/api/connections/api-token/access-token");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = service.json(response);
        Connection stored = connections.find("api-token").orElseThrow();
        assertThat(body.path("access_token").asText()).isEqualTo(stored.accessToken().value());
        assertThat(body.path("api_domain").asText()).endsWith("/jp/developer-api");
        assertThat(java.time.Instant.parse(body.path("expires_at").asText())).isAfter(clock.instant().plus(Duration.ofMinutes(50)));
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(simulator.tokenRequestsFor(stored.refreshToken().value())).isEqualTo(1);
    }

    @Test
    void unknownConnectionsAre404() {
        assertThat(service.getAsAdmin("/api/connections/ghost/access-token").statusCode()).isEqualTo(404);
        assertThat(service.sendAsAdmin("POST", "/api/connections/ghost/refresh", null).statusCode()).isEqualTo(404);
    }

    @Test
    void metricsCountRefreshesAndConnectionsByStatus() {
        service.connect("metrics", "eu", "production");
        clock.advance(Duration.ofMinutes(55));
        sweep.run();
        String metrics = service.getAsAdmin("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("zoho_refresh_attempts_total\\{[^}]*outcome=\"success\"[^}]*\\} [1-9]");
        assertThat(metrics).contains("zoho_refresh_duration_seconds");
        assertThat(metrics).containsPattern("zoho_connections\\{[^}]*status=\"ACTIVE\"[^}]*\\} [0-9]");
        assertThat(metrics).contains("zoho_tokens_overdue_seconds");
    }

    @Test
    void tokensHealthIsDownWhileAnActiveConnectionHoldsAnExpiredToken() {
        service.connect("health", "eu", "production");
        assertThat(service.json(service.get("/actuator/health")).path("status").asText()).isEqualTo("UP");
        clock.advance(Duration.ofMinutes(61)); // nothing refreshed it: the timer is off in tests
        HttpResponse<String> down = service.get("/actuator/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(service.json(down).path("status").asText()).isEqualTo("DOWN");
        sweep.run();
        assertThat(service.json(service.get("/actuator/health")).path("status").asText()).isEqualTo("UP");
    }
}
