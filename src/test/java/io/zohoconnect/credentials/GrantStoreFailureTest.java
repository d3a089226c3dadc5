package io.zohoconnect.credentials;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.PendingRevocation;
import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.ServiceClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database that fails while a consent is stored (issue 19 item 4): Zoho has issued a live grant, and
 * nothing records it. The grant is revoked at Zoho — or, when Zoho does not confirm, kept in the pending
 * revocations — and the browser gets a clear 503 page. The failure is real: another transaction holds
 * the row the store needs until the database gives up waiting for it.
 */
@ExtendWith(OutputCaptureExtension.class)
class GrantStoreFailureTest extends IntegrationTest {

    @Autowired
    ConnectionStore connections;
    @Autowired
    DataSource dataSource;
    @Autowired
    PendingRevocations pendingRevocations;

    @Test
    void aNewConnectionThatCannotBeStoredHasItsGrantRevokedAndTheBrowserIsToldSo(CapturedOutput output)
            throws SQLException {
        String id = id();
        long revokes = revokes();

        ServiceClient.ConnectFlow flow;
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            insertUncommitted(blocker, id); // the store's insert of this id waits for it, then fails
            flow = service.connect(id, "eu", "production");
            blocker.rollback();
        }

        assertThat(flow.callback().statusCode()).isEqualTo(503);
        assertThat(flow.callback().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(flow.callback().body()).contains("could not store the connection").contains("revoked at Zoho");
        assertThat(connections.find(id)).isEmpty();
        assertThat(revokes()).as("the grant Zoho issued is revoked").isEqualTo(revokes + 1);
        assertThat(output.getOut()).contains("Connection " + id + ": the new grant could not be stored");
    }

    @Test
    void aGrantThatCannotBeStoredNorRevokedIsParkedForTheTimer() throws SQLException {
        String id = id();
        simulator.fault("revoke", "throttle", 1);

        ServiceClient.ConnectFlow flow;
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            insertUncommitted(blocker, id);
            flow = service.connect(id, "eu", "production");
            blocker.rollback();
        }

        assertThat(flow.callback().statusCode()).isEqualTo(503);
        assertThat(connections.find(id)).isEmpty();
        List<PendingRevocation> parked = connections.duePendingRevocations(1000).stream()
                .filter(p -> p.connectionId().equals(id)).toList();
        assertThat(parked).as("kept sealed until Zoho confirms").hasSize(1);
        String grant = parked.get(0).refreshToken().value();

        pendingRevocations.retryDue();

        assertThat(connections.duePendingRevocations(1000)).noneMatch(p -> p.connectionId().equals(id));
        assertThatThrownBy(() -> simulator.send("POST", "/_sim/grants/revoke", Map.of("refresh_token", grant)))
                .as("Zoho no longer knows the grant").hasMessageContaining("404");
    }

    @Test
    void aReConsentThatCannotBeStoredKeepsTheConnectionAndRevokesTheNewGrant() throws SQLException {
        String id = id();
        service.connect(id, "eu", "production");
        io.zohoconnect.connection.Connection before = connections.find(id).orElseThrow();
        long revokes = revokes();

        ServiceClient.ConnectFlow flow;
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement("SELECT id FROM zoho_connection WHERE id = ? FOR UPDATE")) {
                lock.setString(1, id);
                lock.executeQuery().close();
            }
            flow = service.connect(id, "eu", "production");
            blocker.rollback();
        }

        assertThat(flow.callback().statusCode()).isEqualTo(503);
        io.zohoconnect.connection.Connection after = connections.find(id).orElseThrow();
        assertThat(after.refreshToken().value()).isEqualTo(before.refreshToken().value());
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(revokes()).as("the new grant, not the stored one").isEqualTo(revokes + 1);
        assertThat(simulator.tokenRequestsFor(before.refreshToken().value())).isZero();
    }

    private static void insertUncommitted(Connection connection, String id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO zoho_connection (id, dc, environment,"
                + " accounts_server, api_domain, scopes, refresh_token_enc, key_id, status, created_at, updated_at)"
                + " VALUES (?, 'eu', 'production', 'x', 'x', '', 'x', 'x', 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
    }

    private long revokes() {
        return simulator.counters().path("revokeRequests").asLong();
    }

    private static String id() {
        return "store-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
