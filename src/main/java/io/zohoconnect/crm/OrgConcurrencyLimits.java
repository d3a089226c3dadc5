package io.zohoconnect.crm;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.zohoconnect.ZohoProperties;
import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionChanged;
import io.zohoconnect.connection.ConnectionStore;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps this node under Zoho's concurrent-call limit per org (ZOHO-API.md §10), so the service never
 * causes Zoho's concurrency 429s: one fair semaphore per connection, sized by the connection's
 * configured {@code max-concurrency}, else its configured edition, else the edition Zoho named for its org
 * (read at consent), else {@code zoho.crm.default-edition}.
 * Across several nodes, give each node its share (max-concurrency = limit / nodes).
 */
@Component
public final class OrgConcurrencyLimits {

    private final ConcurrentMap<String, Slots> permits = new ConcurrentHashMap<>();
    private final ZohoProperties.Crm settings;
    private final ConnectionStore connections;

    public OrgConcurrencyLimits(ZohoProperties properties, ConnectionStore connections) {
        this.settings = properties.crm();
        this.connections = connections;
    }

    public int limitOf(String connectionId) {
        ZohoProperties.CrmConnection override = settings.connections().get(connectionId);
        if (override != null && override.maxConcurrency() != null) {
            return override.maxConcurrency();
        }
        if (override != null && override.edition() != null) {
            return override.edition().concurrentCalls();
        }
        return connections.find(connectionId).map(Connection::org).flatMap(org -> ZohoEdition.named(org.edition()))
                .orElse(settings.defaultEdition()).concurrentCalls();
    }

    /** A new consent may name another edition: size the org's slots anew (calls in flight finish on the old ones). */
    @EventListener
    void onChange(ConnectionChanged change) {
        permits.computeIfPresent(change.connectionId(), (id, slots) -> slots.limit() == limitOf(id) ? slots : null);
    }

    /** Waits for a call slot of the connection's org; the returned permit must be closed. */
    public Permit acquire(String connectionId) throws InterruptedException {
        Semaphore semaphore = permits.computeIfAbsent(connectionId, id -> {
            int limit = limitOf(id);
            return new Slots(limit, new Semaphore(limit, true));
        }).semaphore();
        if (!semaphore.tryAcquire(settings.permitTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new ZohoCrmException(0, "CONCURRENCY_LIMIT", null, "no free call slot for connection '" + connectionId
                    + "' within " + settings.permitTimeout().toSeconds() + " s (limit " + limitOf(connectionId) + ")");
        }
        return semaphore::release;
    }

    private record Slots(int limit, Semaphore semaphore) {
    }

    /** A held call slot. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
