package io.zohoconnect.crm;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.zohoconnect.ZohoProperties;

import org.springframework.stereotype.Component;

/**
 * Keeps this node under Zoho's concurrent-call limit per org (ZOHO-API.md §10), so the service never
 * causes Zoho's concurrency 429s: one fair semaphore per connection, sized by the connection's
 * configured {@code max-concurrency}, else its edition, else {@code zoho.crm.default-edition}.
 * Across several nodes, give each node its share (max-concurrency = limit / nodes).
 */
@Component
public final class OrgConcurrencyLimits {

    private final ConcurrentMap<String, Semaphore> permits = new ConcurrentHashMap<>();
    private final ZohoProperties.Crm settings;

    public OrgConcurrencyLimits(ZohoProperties properties) {
        this.settings = properties.crm();
    }

    public int limitOf(String connectionId) {
        ZohoProperties.CrmConnection override = settings.connections().get(connectionId);
        if (override != null && override.maxConcurrency() != null) {
            return override.maxConcurrency();
        }
        ZohoEdition edition = override != null && override.edition() != null ? override.edition() : settings.defaultEdition();
        return edition.concurrentCalls();
    }

    /** Waits for a call slot of the connection's org; the returned permit must be closed. */
    public Permit acquire(String connectionId) throws InterruptedException {
        Semaphore semaphore = permits.computeIfAbsent(connectionId, id -> new Semaphore(limitOf(id), true));
        if (!semaphore.tryAcquire(settings.permitTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new ZohoCrmException(0, "CONCURRENCY_LIMIT", null, "no free call slot for connection '" + connectionId
                    + "' within " + settings.permitTimeout().toSeconds() + " s (limit " + limitOf(connectionId) + ")");
        }
        return semaphore::release;
    }

    /** A held call slot. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
