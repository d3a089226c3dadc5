package io.zohoconnect.oauth;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.datacenter.DataCenters;
import io.zohoconnect.events.ConnectionEvent;
import io.zohoconnect.events.ConnectionEvents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deleting a connection: revoke its refresh token at Zoho first, then delete the row. If Zoho cannot
 * confirm the revocation, the row stays (with its token) so the revoke can be retried; deleting an
 * id that no longer exists is a no-op.
 */
@Component
public class ConnectionRemoval {

    private static final Logger log = LoggerFactory.getLogger(ConnectionRemoval.class);

    private final ConnectionStore connections;
    private final ZohoTokenClient tokens;
    private final ConnectionEvents events;
    private final DataCenters dataCenters;

    public ConnectionRemoval(ConnectionStore connections, ZohoTokenClient tokens, ConnectionEvents events,
            DataCenters dataCenters) {
        this.connections = connections;
        this.tokens = tokens;
        this.events = events;
        this.dataCenters = dataCenters;
    }

    /** @return false when there was nothing to delete */
    public boolean remove(String connectionId) {
        Connection connection = connections.find(connectionId).orElse(null);
        if (connection == null) {
            return false;
        }
        // the DC table, not the row, names the host: a token is only ever sent to a configured server
        tokens.revoke(dataCenters.require(connection.dc()).accountsUrl(), connection.refreshToken()); // throws: row kept
        events.publish(ConnectionEvent.REVOKED, connection, null);
        boolean deleted = connections.delete(connectionId);
        if (deleted) {
            log.info("Connection {} revoked at Zoho and deleted", connectionId);
            events.publish(ConnectionEvent.DELETED, connection, null);
        }
        return deleted;
    }
}
