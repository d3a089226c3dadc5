package io.zohoconnect.credentials;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStatus;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.datacenter.DataCenters;
import io.zohoconnect.events.ConnectionEvent;
import io.zohoconnect.events.ConnectionEvents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deleting a connection: revoke its refresh token at Zoho first, then delete the row — the row it
 * revoked, not a grant a re-consent stored meanwhile. If Zoho does not confirm the revocation, the row
 * stays with its sealed token as {@code REVOKE_PENDING} (serving no token) and the refresh timer
 * retries the revoke with backoff until Zoho confirms: a live grant is never orphaned. Deleting an id
 * that no longer exists is a no-op.
 */
@Component
public class ConnectionRemoval {

    private static final Logger log = LoggerFactory.getLogger(ConnectionRemoval.class);
    /** A refresh may bump the row's version while the revoke runs: re-check that many times. */
    private static final int MAX_RECHECKS = 3;

    private final ConnectionStore connections;
    private final ZohoTokenClient tokens;
    private final ConnectionEvents events;
    private final DataCenters dataCenters;
    private final Clock clock;
    private final Backoff backoff;

    public ConnectionRemoval(ConnectionStore connections, ZohoTokenClient tokens, ConnectionEvents events,
            DataCenters dataCenters, Clock clock, CredentialsSettings properties) {
        this.connections = connections;
        this.tokens = tokens;
        this.events = events;
        this.dataCenters = dataCenters;
        this.clock = clock;
        this.backoff = new Backoff(properties.refresh());
    }

    public enum Outcome {
        /** Zoho confirmed (or no longer knew the token) and the row is gone. */
        DELETED,
        /** There was no such connection. */
        NOT_FOUND,
        /** Zoho did not confirm: the row and its token stay, the timer retries. */
        REVOKE_PENDING,
        /** A re-consent replaced the grant while it was being revoked: the new grant is kept. */
        CHANGED
    }

    /** What a delete did, with a message for the operator. */
    public record Removal(Outcome outcome, String message) {
    }

    /** Revokes and deletes now, whatever the connection's state (a repeated DELETE retries at once). */
    public Removal remove(String connectionId) {
        return connections.find(connectionId).map(this::revokeAndDelete)
                .orElse(new Removal(Outcome.NOT_FOUND, "No such connection: nothing to delete."));
    }

    /** The timer's retry: only a connection still waiting for its revoke (not one connected again meanwhile). */
    public Optional<Removal> retryPending(String connectionId) {
        return connections.find(connectionId).filter(c -> c.status() == ConnectionStatus.REVOKE_PENDING)
                .map(this::revokeAndDelete);
    }

    private Removal revokeAndDelete(Connection connection) {
        try {
            // the DC table, not the row, names the host: a token is only ever sent to a configured server
            tokens.revoke(dataCenters.require(connection.dc()), connection.refreshToken());
        } catch (ZohoTokenException | IllegalStateException e) {
            return keepPending(connection, e);
        }
        events.publish(ConnectionEvent.REVOKED, connection, null);
        Connection current = connection;
        for (int attempt = 0; attempt < MAX_RECHECKS; attempt++) {
            if (connections.deleteIfUnchanged(current.id(), current.version())) {
                log.info("Connection {} revoked at Zoho and deleted", connection.id());
                events.publish(ConnectionEvent.DELETED, connection, null);
                return new Removal(Outcome.DELETED, "Revoked at Zoho and deleted.");
            }
            Optional<Connection> now = connections.find(connection.id());
            if (now.isEmpty()) {
                return new Removal(Outcome.DELETED, "Revoked at Zoho; the connection was already deleted.");
            }
            if (!now.get().refreshToken().sameAs(connection.refreshToken())) {
                return changed(connection);
            }
            current = now.get(); // refreshed meanwhile, same grant: it is the one revoked
        }
        return changed(connection);
    }

    private Removal keepPending(Connection connection, RuntimeException e) {
        boolean throttled = e instanceof ZohoTokenException z && z.kind() == ZohoTokenException.Kind.THROTTLED;
        Connection current = connection;
        for (int attempt = 0; attempt < MAX_RECHECKS; attempt++) {
            int failures = current.status() == ConnectionStatus.REVOKE_PENDING ? current.failureCount() + 1 : 1;
            Duration wait = backoff.after(failures, throttled);
            if (connections.markRevokePending(current.id(), current.version(), clock.instant().plus(wait), e.getMessage())) {
                log.warn("Connection {}: Zoho did not confirm the revocation ({}); kept as REVOKE_PENDING, retrying in {} s",
                        connection.id(), e.getMessage(), wait.toSeconds());
                Connection pending = connections.find(connection.id()).orElse(connection);
                events.publish(ConnectionEvent.REVOKE_PENDING, pending, e.getMessage());
                return new Removal(Outcome.REVOKE_PENDING, "Zoho did not confirm the revocation (" + e.getMessage()
                        + "). The connection is kept as REVOKE_PENDING with its grant and serves no token; the"
                        + " service retries the revoke until Zoho confirms, then deletes it. DELETE again to retry now.");
            }
            Optional<Connection> now = connections.find(connection.id());
            if (now.isEmpty()) {
                return new Removal(Outcome.DELETED, "The connection was already deleted.");
            }
            if (!now.get().refreshToken().sameAs(connection.refreshToken())) {
                return changed(connection);
            }
            current = now.get();
        }
        return changed(connection);
    }

    private static Removal changed(Connection connection) {
        log.info("Connection {} was connected again while it was being deleted: the new grant is kept", connection.id());
        return new Removal(Outcome.CHANGED, "Connection '" + connection.id() + "' was connected again while it was"
                + " being deleted: the new grant was kept. Delete it again to remove it.");
    }
}
