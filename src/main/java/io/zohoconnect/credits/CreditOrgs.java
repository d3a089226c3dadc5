package io.zohoconnect.credits;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionChanged;
import io.zohoconnect.connection.ConnectionStore;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Which org a connection's calls are charged to: Zoho's org id as read at consent (several connections
 * of one org share its credits), or {@code connection:<id>} for a connection whose org is not known.
 * Read from the store once, then from memory until the connection changes.
 */
@Component
public final class CreditOrgs {

    static final String UNKNOWN_ORG_PREFIX = "connection:";

    private final ConnectionStore connections;
    private final ConcurrentMap<String, String> orgOf = new ConcurrentHashMap<>();

    public CreditOrgs(ConnectionStore connections) {
        this.connections = connections;
    }

    public String orgOf(String connectionId) {
        return orgOf.computeIfAbsent(connectionId, id -> connections.find(id).map(Connection::org)
                .map(org -> org.id()).orElse(UNKNOWN_ORG_PREFIX + id));
    }

    /** The connections whose calls are charged to {@code orgId}. */
    public List<Connection> connectionsOf(String orgId) {
        return connections.findAll().stream().filter(c -> orgId.equals(key(c))).toList();
    }

    /** A connection of the org, for events that name one. */
    public Optional<Connection> anyConnectionOf(String orgId) {
        return connectionsOf(orgId).stream().findFirst();
    }

    static String key(Connection connection) {
        return connection.org() != null ? connection.org().id() : UNKNOWN_ORG_PREFIX + connection.id();
    }

    @EventListener
    void onChange(ConnectionChanged change) {
        orgOf.remove(change.connectionId());
    }
}
