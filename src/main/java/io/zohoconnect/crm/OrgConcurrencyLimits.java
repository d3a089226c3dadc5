package io.zohoconnect.crm;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionChanged;
import io.zohoconnect.connection.ConnectionStore;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * How many CRM calls this node may have in flight for a connection's org, so the service never
 * causes Zoho's concurrency 429s (ZOHO-API.md §10): the connection's configured
 * {@code max-concurrency}, else its configured edition, else the edition Zoho named for its org (read
 * at consent), else {@code zoho.crm.default-edition}. The call route's {@code throttle} (concurrent
 * requests, keyed by connection) holds the slots; this only says how many. Across several nodes,
 * give each node its share (max-concurrency = limit / nodes).
 */
@Component("zohoOrgConcurrencyLimits")
public final class OrgConcurrencyLimits {

    private final ConcurrentMap<String, Integer> limits = new ConcurrentHashMap<>();
    private final CrmSettings settings;
    private final ConnectionStore connections;

    public OrgConcurrencyLimits(ZohoApiSettings properties, ConnectionStore connections) {
        this.settings = properties.crm();
        this.connections = connections;
    }

    /** The limit of a connection's org; read from the store once, then from memory until the connection changes. */
    public int limitOf(String connectionId) {
        return limits.computeIfAbsent(connectionId, this::lookUp);
    }

    private int lookUp(String connectionId) {
        CrmConnectionSettings override = settings.connections().get(connectionId);
        if (override != null && override.maxConcurrency() != null) {
            return override.maxConcurrency();
        }
        if (override != null && override.edition() != null) {
            return override.edition().concurrentCalls();
        }
        return connections.find(connectionId).map(Connection::org).flatMap(org -> ZohoEdition.named(org.edition()))
                .orElse(settings.defaultEdition()).concurrentCalls();
    }

    /** The edition assumed for an org whose edition is not known ({@code zoho.crm.default-edition}). */
    public ZohoEdition defaultEdition() {
        return settings.defaultEdition();
    }

    /** A new consent may name another edition: the next call reads the limit anew (calls in flight finish). */
    @EventListener
    void onChange(ConnectionChanged change) {
        limits.remove(change.connectionId());
    }
}
