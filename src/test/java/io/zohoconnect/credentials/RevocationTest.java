package io.zohoconnect.credentials;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.zohoconnect.PackageSettings;
import io.zohoconnect.ZohoProperties;
import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStatus;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.NewGrant;
import io.zohoconnect.connection.Secret;
import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.datacenter.DataCenter;
import io.zohoconnect.datacenter.DataCenters;
import io.zohoconnect.events.ConnectionEvents;
import io.zohoconnect.support.IntegrationTest;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 9 items 2 and 7: a grant is forgotten only after Zoho confirmed its revocation. An unconfirmed
 * delete keeps the row as REVOKE_PENDING, an unconfirmed re-consent revoke keeps the replaced token in
 * zoho_pending_revocation, and the refresh timer retries both until Zoho confirms.
 */
class RevocationTest extends IntegrationTest {

    @Autowired
    ConnectionStore connections;
    @Autowired
    RefreshSweep sweep;
    @Autowired
    TokenRefresher refresher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    TokenResponseParser parser;
    @Autowired
    ZohoProperties properties;
    @Autowired
    ConnectionEvents events;
    @Autowired
    DataCenters dataCenters;

    MockEndpoint eventSink;

    @BeforeEach
    void listenToEvents() {
        eventSink = camel.getEndpoint("mock:zoho-events", MockEndpoint.class);
        eventSink.reset();
    }

    @Test
    void aThrottledRevokeAt400KeepsTheConnectionRevokePendingUntilTheTimerRevokesIt() throws Exception {
        String id = newId("rv");
        service.connect(id, "us", "production");
        Connection before = connections.find(id).orElseThrow();
        // ZOHO-API.md §5: the throttle body can come with HTTP 400, which is not "unknown token"
        simulator.settings(Map.of("throttleStatus", 400));
        simulator.fault("revoke", "throttle", -1);

        HttpResponse<String> response = service.sendAsAdmin("DELETE", "/api/connections/" + id, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = service.json(response);
        assertThat(body.path("connection_id").asText()).isEqualTo(id);
        assertThat(body.path("status").asText()).isEqualTo("REVOKE_PENDING");
        assertThat(body.path("message").asText()).contains("Access Denied").contains("retries the revoke");
        Connection pending = connections.find(id).orElseThrow();
        assertThat(pending.status()).isEqualTo(ConnectionStatus.REVOKE_PENDING);
        assertThat(pending.refreshToken()).isEqualTo(before.refreshToken());
        assertThat(pending.nextAttemptAt()).isAfterOrEqualTo(clock.instant().plus(Duration.ofMinutes(2)).minusSeconds(1));
        assertThat(refreshAtZoho("us", before.refreshToken())).as("the grant is still alive at Zoho").contains("access_token");
        assertThat(eventTypes()).contains("connection.revoke_pending").doesNotContain("connection.deleted");

        // it serves no token, to zohoAuth or the access-token API, and is never refreshed
        HttpResponse<String> token = service.getAsAdmin("/api/connections/" + id + "/access-token");
        assertThat(token.statusCode()).isEqualTo(409);
        assertThat(service.json(token).path("error").asText()).isEqualTo("revoke_pending");
        Exchange call = producer.send("zoho-crm:raw", e -> {
            e.getMessage().setHeader(ZohoHeaders.CONNECTION_ID, id);
            e.getMessage().setHeader(ZohoHeaders.CRM_PATH, "/crm/v8/users");
        });
        assertThat(call.getException()).isInstanceOf(TokenUnavailableException.class)
                .hasMessageContaining("waiting for Zoho to confirm the revocation");

        // the timer leaves it alone before its next attempt, and keeps it while Zoho still throttles
        sweep.run();
        assertThat(connections.find(id)).isPresent();
        clock.advance(Duration.between(clock.instant(), pending.nextAttemptAt()).plusSeconds(1));
        sweep.run();
        Connection stillPending = connections.find(id).orElseThrow();
        assertThat(stillPending.status()).isEqualTo(ConnectionStatus.REVOKE_PENDING);
        assertThat(stillPending.failureCount()).isEqualTo(2);
        assertThat(stillPending.refreshToken()).isEqualTo(before.refreshToken());

        // Zoho answers again: the timer revokes, then deletes
        simulator.clearFaults();
        clock.advance(Duration.between(clock.instant(), stillPending.nextAttemptAt()).plusSeconds(1));
        sweep.run();
        assertThat(connections.find(id)).isEmpty();
        assertThat(refreshAtZoho("us", before.refreshToken())).contains("invalid_code");
        assertThat(eventTypes()).contains("connection.revoked", "connection.deleted");
    }

    @Test
    void aRepeatedDeleteRetriesTheRevokeAtOnce() {
        String id = newId("rv");
        service.connect(id, "us", "production");
        simulator.fault("revoke", "http_503", 1);
        assertThat(service.sendAsAdmin("DELETE", "/api/connections/" + id, null).statusCode()).isEqualTo(202);

        HttpResponse<String> again = service.sendAsAdmin("DELETE", "/api/connections/" + id, null);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(service.json(again).path("deleted").asBoolean()).isTrue();
        assertThat(connections.find(id)).isEmpty();
    }

    @Test
    void aReconsentWhoseRevokeIsThrottledLeavesAPendingRevocationTheTimerCompletes() {
        String id = newId("rc");
        service.connect(id, "eu", "production");
        Secret old = connections.find(id).orElseThrow().refreshToken();
        simulator.fault("revoke", "throttle", -1);

        assertThat(service.connect(id, "eu", "production").callback().statusCode()).isEqualTo(200);

        Secret current = connections.find(id).orElseThrow().refreshToken();
        assertThat(current).isNotEqualTo(old);
        assertThat(pendingRevocations(id)).isEqualTo(1);
        assertThat(refreshAtZoho("eu", old)).as("the replaced grant is still alive at Zoho").contains("access_token");

        sweep.run(); // still throttled: kept, retried later
        assertThat(pendingRevocations(id)).isEqualTo(1);

        simulator.clearFaults();
        clock.advance(Duration.between(clock.instant(), nextPendingAttempt(id)).plusSeconds(1));
        sweep.run();
        assertThat(pendingRevocations(id)).isZero();
        assertThat(refreshAtZoho("eu", old)).contains("invalid_code");
        assertThat(refreshAtZoho("eu", current)).as("the new grant is untouched").contains("access_token");
    }

    @Test
    void aRevokePendingConnectionConnectedAgainKeepsItsNewGrantAndItsOldTokenIsStillRevoked() {
        String id = newId("rp");
        service.connect(id, "eu", "production");
        Secret old = connections.find(id).orElseThrow().refreshToken();
        simulator.fault("revoke", "http_503", -1);
        assertThat(service.sendAsAdmin("DELETE", "/api/connections/" + id, null).statusCode()).isEqualTo(202);

        assertThat(service.connect(id, "eu", "production").callback().statusCode()).isEqualTo(200);

        Connection reconnected = connections.find(id).orElseThrow();
        assertThat(reconnected.status()).isEqualTo(ConnectionStatus.ACTIVE);
        assertThat(pendingRevocations(id)).as("the old token is kept for revocation").isEqualTo(1);

        simulator.clearFaults();
        clock.advance(Duration.between(clock.instant(), nextPendingAttempt(id)).plusSeconds(1));
        sweep.run();
        assertThat(refreshAtZoho("eu", old)).contains("invalid_code");
        assertThat(connections.find(id)).as("the timer never deletes a connection that was connected again")
                .hasValueSatisfying(c -> assertThat(c.refreshToken()).isEqualTo(reconnected.refreshToken()));
        assertThat(pendingRevocations(id)).isZero();
    }

    /** Issue 9 item 7: the replaced token goes to the DC table's accounts server, never to the one stored in the row. */
    @Test
    void aReconsentRevokesTheReplacedTokenAtTheDataCenterTablesAccountsServer() {
        String id = newId("rd");
        service.connect(id, "eu", "production");
        Secret old = connections.find(id).orElseThrow().refreshToken();
        jdbc.sql("UPDATE zoho_connection SET accounts_server = 'http://127.0.0.1:9/not-zoho' WHERE id = ?").param(id).update();
        int revokes = simulator.counters().path("revokeRequests").asInt();

        assertThat(service.connect(id, "eu", "production").callback().statusCode()).isEqualTo(200);

        assertThat(simulator.counters().path("revokeRequests").asInt()).isEqualTo(revokes + 1);
        assertThat(refreshAtZoho("eu", old)).contains("invalid_code");
        assertThat(pendingRevocations(id)).isZero();
    }

    /** Issue 9 item 7: a delete whose row is re-consented while Zoho revokes deletes nothing; the new grant stays. */
    /**
     * Two consents for one new connection id finishing at the same moment: one is stored, and the
     * other's refresh token is handed back as replaced (to be revoked) — no live token is forgotten.
     */
    @Test
    void twoConsentsFinishingAtOnceForgetNoRefreshToken() throws Exception {
        for (int round = 0; round < 20; round++) {
            String id = "race-" + UUID.randomUUID().toString().substring(0, 8);
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<ConnectionStore.SavedGrant>> saves = new java.util.ArrayList<>();
                for (String token : List.of("1000.race-a-" + round, "1000.race-b-" + round)) {
                    saves.add(pool.submit(() -> {
                        start.await();
                        return connections.storeGrant(new NewGrant(id, "eu", io.zohoconnect.datacenter.Environment.PRODUCTION,
                                "https://accounts.zoho.eu", "https://www.zohoapis.eu", List.of("ZohoCRM.modules.ALL"),
                                new Secret(token), new Secret(token + ".access"), Instant.now().plusSeconds(3600), null));
                    }));
                }
                List<String> accounted = new java.util.ArrayList<>();
                for (var save : saves) {
                    ConnectionStore.SavedGrant saved = save.get();
                    if (saved.replaced() != null) {
                        accounted.add(saved.replaced().refreshToken().value());
                    }
                }
                accounted.add(connections.find(id).orElseThrow().refreshToken().value());
                assertThat(accounted).as("every refresh token is either stored or handed back to be revoked")
                        .containsExactlyInAnyOrder("1000.race-a-" + round, "1000.race-b-" + round);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aDeleteRacingAReconsentKeepsTheNewGrant() {
        String id = newId("rr");
        service.connect(id, "eu", "production");
        Connection read = connections.find(id).orElseThrow();
        Secret newGrant = new Secret("1000.new-grant-" + UUID.randomUUID());
        ZohoTokenClient reconsentDuringRevoke = new ZohoTokenClient(producer, parser,
                PackageSettings.credentials(properties)) {
            @Override
            public Revocation revoke(DataCenter dc, Secret refreshToken) {
                connections.saveGrant(new NewGrant(id, read.dc(), read.environment(), read.accountsServer(),
                        read.apiDomain(), read.scopes(), newGrant, new Secret("1000.new-access"),
                        clock.instant().plus(Duration.ofHours(1)), null));
                return super.revoke(dc, refreshToken);
            }
        };
        ConnectionRemoval removal = new ConnectionRemoval(connections, reconsentDuringRevoke, events, dataCenters,
                (Clock) clock, PackageSettings.credentials(properties));

        ConnectionRemoval.Removal removed = removal.remove(id);

        assertThat(removed.outcome()).isEqualTo(ConnectionRemoval.Outcome.CHANGED);
        assertThat(removed.message()).contains("connected again").contains("new grant was kept");
        assertThat(connections.find(id)).hasValueSatisfying(c -> assertThat(c.refreshToken()).isEqualTo(newGrant));
        assertThat(refreshAtZoho("eu", read.refreshToken())).as("the grant it meant to delete is revoked").contains("invalid_code");
    }

    private List<String> eventTypes() {
        return eventSink.getReceivedExchanges().stream().map(e -> e.getMessage().getBody(String.class))
                .map(body -> body.replaceAll(".*\"type\":\"([^\"]+)\".*", "$1")).toList();
    }

    private int pendingRevocations(String connectionId) {
        return jdbc.sql("SELECT COUNT(*) FROM zoho_pending_revocation WHERE connection_id = ?").param(connectionId)
                .query(Integer.class).single();
    }

    private Instant nextPendingAttempt(String connectionId) {
        return jdbc.sql("SELECT MAX(next_attempt_at) FROM zoho_pending_revocation WHERE connection_id = ?")
                .param(connectionId).query(OffsetDateTime.class).single().toInstant();
    }

    /** Zoho's answer to a refresh with this token (the token endpoint called directly, as an outsider would). */
    private String refreshAtZoho(String dc, Secret refreshToken) {
        return service.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/" + dc + "/accounts/oauth/v2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id=1000.TESTCLIENT"
                        + "&client_secret=test-client-secret-7f3a9c&refresh_token=" + refreshToken.value()))).body();
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
