package io.zohoconnect.faults;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.support.OutageIntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away under a running service (every connection to PostgreSQL cut, the server itself
 * untouched; issue 19, item 9): health says so within a load balancer's probe timeout, liveness does not
 * restart the node for it, metrics do not wait for it, and callers of the access-token API get the token
 * this node holds in memory — or, when it holds none, a quick 503 that says why, as the rest of the API.
 */
class DatabaseOutageTest extends OutageIntegrationTest {

    /** A load balancer's probe timeout, and what a client of the access-token API may wait. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    @Autowired
    ApplicationContext context;

    @Test
    void healthAnswers503DownWithinAProbeTimeoutReadinessFollowsLivenessStaysUpAndAllRecover() {
        assertThat(service.getWithin(PROBE_TIMEOUT, "/actuator/health", false).statusCode()).isEqualTo(200);

        DATABASE.cut();
        for (int probe = 0; probe < 3; probe++) { // the first probe finds the outage, the later ones know it
            HttpResponse<String> health = service.getWithin(PROBE_TIMEOUT, "/actuator/health", false);
            assertThat(health.statusCode()).as("probe %d: %s", probe, health.body()).isEqualTo(503);
            assertThat(service.json(health).path("status").asText()).isEqualTo("DOWN");
        }
        HttpResponse<String> readiness = service.getWithin(PROBE_TIMEOUT, "/actuator/health/readiness", false);
        assertThat(readiness.statusCode()).as("a node without its database takes no traffic").isEqualTo(503);
        HttpResponse<String> liveness = service.getWithin(PROBE_TIMEOUT, "/actuator/health/liveness", false);
        assertThat(liveness.statusCode()).as("a restart would not bring the database back").isEqualTo(200);
        assertThat(service.json(liveness).path("status").asText()).isEqualTo("UP");
        HttpResponse<String> metrics = service.getWithin(PROBE_TIMEOUT, "/actuator/prometheus", true);
        assertThat(metrics.statusCode()).as("a scrape does not wait for the database").isEqualTo(200);
        assertThat(metrics.body()).contains("zoho_connections{");
        for (String indicator : new String[] {"dbHealthIndicator", "tokens", "zohoClient"}) {
            Health health = context.getBean(indicator, HealthIndicator.class).health();
            assertThat(health.getStatus()).as(indicator).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("reason")).as(indicator).asString().contains("database unreachable");
        }

        DATABASE.restore();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            assertThat(service.getWithin(PROBE_TIMEOUT, "/actuator/health", false).statusCode()).isEqualTo(200);
            assertThat(service.getWithin(PROBE_TIMEOUT, "/actuator/health/readiness", false).statusCode()).isEqualTo(200);
        });
    }

    @Test
    void theAccessTokenApiServesTheTokenHeldInMemoryWhileTheDatabaseIsDown() {
        String id = "outage-token-" + UUID.randomUUID().toString().substring(0, 6);
        service.connect(id, "eu", "production");
        JsonNode before = service.json(service.getAsAdmin("/api/connections/" + id + "/access-token"));

        DATABASE.cut();
        long started = System.nanoTime();
        HttpResponse<String> during = service.getWithin(PROBE_TIMEOUT, "/api/connections/" + id + "/access-token", true);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(during.statusCode()).as(during.body()).isEqualTo(200);
        JsonNode served = service.json(during);
        assertThat(served.path("access_token").asText()).isEqualTo(before.path("access_token").asText());
        assertThat(served.path("api_domain").asText()).isEqualTo(before.path("api_domain").asText());
        assertThat(served.path("expires_at").asText()).isEqualTo(before.path("expires_at").asText());
        assertThat(took).as("served from memory, not after the database's connection timeout").isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void withoutAValidTokenInMemoryTheAccessTokenApiAnswersAQuick503SayingTheDatabaseIsDown() {
        String id = "outage-cold-" + UUID.randomUUID().toString().substring(0, 6);
        service.connect(id, "eu", "production"); // stored, but this node has not handed out its token yet

        DATABASE.cut();
        HttpResponse<String> during = service.getWithin(PROBE_TIMEOUT, "/api/connections/" + id + "/access-token", true);

        assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
        JsonNode error = service.json(during);
        assertThat(error.path("error").asText()).isEqualTo("database_unavailable");
        assertThat(error.path("message").asText()).contains("database").contains(id);
        assertThat(during.headers().firstValue("Retry-After")).isPresent();
        assertThat(during.body()).doesNotContain("\tat ").doesNotContain("SQL [");
        HttpResponse<String> status = service.getWithin(PROBE_TIMEOUT, "/api/connections/" + id, true);
        assertThat(status.statusCode()).as("the rest of the API: %s", status.body()).isEqualTo(503);
        assertThat(service.json(status).path("error").asText()).isEqualTo("database_unavailable");
        assertThat(status.headers().firstValue("Retry-After")).isPresent();

        DATABASE.restore();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() ->
                service.getWithin(PROBE_TIMEOUT, "/api/connections/" + id + "/access-token", true).statusCode() == 200);
    }
}
