package io.zohoconnect.bulk;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.ZohoOrg;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Zoho lets an org run only about ten bulk, COQL and convert jobs at once and refuses the next with 429
 * (ZOHO-API.md §10, §14). An export holds one of its org's {@code zoho.bulk.max-concurrent-jobs} slots
 * from creating a job until the job is done; an export that finds none free waits in line (fairly, first
 * come first served) rather than failing, renewing its sync's lease while it waits.
 */
@Component
class BulkJobSlots {

    /** How often a waiting export shows it is alive (its sync lease lasts minutes). */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(5);

    private final int perOrg;
    private final Duration keepAlive;
    private final Function<String, String> orgOf;
    private final Map<String, Semaphore> orgs = new ConcurrentHashMap<>();

    @Autowired
    BulkJobSlots(BulkSettings settings, ConnectionStore connections) {
        // connections to one org share its limit; a connection whose org is unknown counts as its own
        this(settings.maxConcurrentJobs(), connectionId -> connections.find(connectionId).map(Connection::org)
                .map(ZohoOrg::id).filter(id -> !id.isBlank()).map(id -> "org:" + id).orElse("connection:" + connectionId),
                KEEP_ALIVE);
    }

    /** @param orgOf the org a connection belongs to */
    BulkJobSlots(int perOrg, Function<String, String> orgOf, Duration keepAlive) {
        this.perOrg = perOrg;
        this.orgOf = orgOf;
        this.keepAlive = keepAlive;
    }

    /** Waits for a slot of the connection's org, calling {@code whileWaiting} every few seconds. */
    Slot take(String connectionId, Runnable whileWaiting) throws InterruptedException {
        Semaphore slots = orgs.computeIfAbsent(orgOf.apply(connectionId), org -> new Semaphore(perOrg, true));
        while (!slots.tryAcquire(keepAlive.toMillis(), TimeUnit.MILLISECONDS)) {
            whileWaiting.run();
        }
        return new Slot(slots);
    }

    /** Slots in use for the connection's org (for tests and metrics). */
    int inUse(String connectionId) {
        Semaphore slots = orgs.get(orgOf.apply(connectionId));
        return slots == null ? 0 : perOrg - slots.availablePermits();
    }

    /** One slot, given back once. */
    static final class Slot implements AutoCloseable {

        private Semaphore slots;

        private Slot(Semaphore slots) {
            this.slots = slots;
        }

        @Override
        public synchronized void close() {
            if (slots != null) {
                slots.release();
                slots = null;
            }
        }
    }
}
