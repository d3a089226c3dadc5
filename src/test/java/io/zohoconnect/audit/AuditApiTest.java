package io.zohoconnect.audit;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.credentials.RefreshSweep;
import io.zohoconnect.support.IntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class AuditApiTest extends IntegrationTest {

    @Autowired
    ConnectionStore connections;

    @Autowired
    RefreshSweep sweep;

    @Test
    void aConnectionsHistoryNamesWhoDidWhatNewestFirst() {
        service.connect("audit-life", "eu", "production");
        clock.advance(Duration.ofMinutes(55));
        sweep.run();
        clock.advance(Duration.ofMinutes(2));
        service.sendAsAdmin("POST", "/api/connections/audit-life/refresh", null);

        JsonNode page = service.json(service.getAsAdmin("/api/connections/audit-life/events"));
        List<String> types = new ArrayList<>();
        page.path("events").forEach(e -> types.add(e.path("type").asText() + "/" + e.path("actor").path("kind").asText()
                + "/" + e.path("outcome").asText()));
        assertThat(types).containsExactly(
                "refresh.forced/api-key/refreshed",
                "connection.refreshed/api-key/success",
                "connection.refreshed/timer/success",
                "connection.created/api-key/success",
                "connect.started/api-key/redirected");
        JsonNode newest = page.path("events").get(0);
        assertThat(newest.path("connection_id").asText()).isEqualTo("audit-life");
        assertThat(java.time.Instant.parse(newest.path("time").asText())).isBetween(
                clock.instant().minus(Duration.ofMinutes(1)), clock.instant()); // the service's clock, moved by the test
        assertThat(newest.has("detail")).isTrue();
        assertThat(page.has("next_before")).isTrue();
        assertThat(page.path("next_before").isNull()).isTrue();
    }

    @Test
    void aRateLimitedForcedRefreshIsAnEntryAndNoLifecycleEvent() {
        service.connect("audit-limited", "eu", "production");
        HttpResponse<String> limited = service.sendAsAdmin("POST", "/api/connections/audit-limited/refresh", null);
        assertThat(service.json(limited).path("outcome").asText()).isEqualTo("rate_limited");

        JsonNode events = service.json(service.getAsAdmin("/api/connections/audit-limited/events")).path("events");
        assertThat(events.get(0).path("type").asText()).isEqualTo("refresh.forced");
        assertThat(events.get(0).path("outcome").asText()).isEqualTo("rate_limited");
        assertThat(events.get(1).path("type").asText()).isEqualTo("connection.created");
        assertThat(events).hasSize(3);
    }

    @Test
    void pagesWithLimitAndBeforeReachEveryEntryOnce() {
        service.connect("audit-pages", "in", "production");
        for (int i = 0; i < 6; i++) {
            service.sendAsAdmin("POST", "/api/connections/audit-pages/refresh", null); // rate limited: one entry each
        }
        List<String> seen = new ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            JsonNode page = service.json(service.getAsAdmin("/api/connections/audit-pages/events?limit=3"
                    + (before == null ? "" : "&before=" + before)));
            page.path("events").forEach(e -> seen.add(e.path("type").asText() + "@" + e.path("time").asText()));
            assertThat(page.path("events").size()).isLessThanOrEqualTo(3);
            before = page.path("next_before").isNull() ? null : page.path("next_before").asText();
            pages++;
        } while (before != null && pages < 10);
        assertThat(seen).hasSize(8); // connect started, created, six forced refreshes
        assertThat(pages).isEqualTo(3);
        assertThat(seen.get(7)).startsWith("connect.started@");
    }

    @Test
    void theWholeTrailFiltersByTypeOutcomeAndActor() {
        service.connect("audit-filter-a", "eu", "production");
        service.connect("audit-filter-b", "eu", "production");
        service.sendAsAdmin("POST", "/api/connections/audit-filter-b/refresh", null);

        JsonNode limited = service.json(service.getAsAdmin("/api/events?outcome=rate_limited&connection_id=audit-filter-b"));
        assertThat(limited.path("events")).hasSize(1);
        assertThat(limited.path("events").get(0).path("actor").path("kind").asText()).isEqualTo("api-key");

        JsonNode created = service.json(service.getAsAdmin("/api/events?type=connection.created&limit=500"));
        List<String> ids = new ArrayList<>();
        created.path("events").forEach(e -> ids.add(e.path("connection_id").asText()));
        assertThat(ids).contains("audit-filter-a", "audit-filter-b");
        assertThat(service.json(service.getAsAdmin("/api/events?actor=timer&connection_id=audit-filter-a")).path("events")).isEmpty();
    }

    @Test
    void badParametersAreClearErrors() {
        for (String query : new String[] {"limit=0", "limit=501", "limit=x", "before=-1", "before=abc", "actor=root",
                "type=%3Cscript%3E", "connection_id=..%2F.."}) {
            HttpResponse<String> response = service.getAsAdmin("/api/events?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(service.json(response).path("message").asText()).as(query).isNotBlank();
        }
        assertThat(service.get("/api/events").statusCode()).isEqualTo(401);
        assertThat(service.get("/api/connections/x/events").statusCode()).isEqualTo(401);
    }

    @Test
    void noEntryEverHoldsAToken() {
        service.connect("audit-secret", "au", "production");
        Connection stored = connections.find("audit-secret").orElseThrow();
        simulator.fault("token", "invalid_code", 1);
        clock.advance(Duration.ofMinutes(2));
        service.sendAsAdmin("POST", "/api/connections/audit-secret/refresh", null);
        service.sendAsAdmin("DELETE", "/api/connections/audit-secret", null);
        String all = service.getAsAdmin("/api/events?limit=500").body();
        assertThat(all).contains("audit-secret").doesNotContain(stored.accessToken().value())
                .doesNotContain(stored.refreshToken().value());
        assertThat(AuditTrail.scrub("refused 1000.abcdef0123456789.0123456789abcdef and Bearer sekrit-value"))
                .isEqualTo("refused [redacted] and Bearer [redacted]");
    }
}
