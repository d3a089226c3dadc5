package io.zohoconnect.sync;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.zohoconnect.connection.DatabaseReachability;

import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What sync runs could not write because the database was unreachable: their failures (error, time,
 * how many runs) and the leases they still hold. Written as soon as the database answers again — before
 * the next run of any sync on this node, and by route {@code zoho-sync-backlog} every
 * {@code zoho.sync.record-retry} — so the failure shows in {@code GET /api/syncs}, the run history and
 * the dashboard, and the next run starts at once instead of when the lease expires. Held in memory: a
 * node that stops with a backlog leaves its leases to expire by themselves.
 */
@Component
public class SyncBacklog extends RouteBuilder {

    static final String ROUTE_ID = "zoho-sync-backlog";
    private static final Logger log = LoggerFactory.getLogger(SyncBacklog.class);

    private final SyncStateStore store;
    private final SyncSettings settings;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Set<Lease> leases = ConcurrentHashMap.newKeySet();

    SyncBacklog(SyncStateStore store, SyncSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    @Override
    public void configure() {
        from("timer:zoho-sync-backlog?period=" + settings.recordRetry().toMillis())
                .routeId(ROUTE_ID)
                .process(exchange -> retry());
    }

    /** A run of {@code syncId} failed at {@code at} and the database did not take it. */
    void failed(String syncId, String error, Instant at) {
        failures.merge(syncId, new Failures(error, at, 1), Failures::then);
    }

    /** {@code owner} could not give {@code syncId}'s lease back. */
    void release(String syncId, String owner) {
        leases.add(new Lease(syncId, owner));
    }

    boolean isEmpty() {
        return failures.isEmpty() && leases.isEmpty();
    }

    /**
     * Writes the backlog; what the database does not take stays for the next try.
     *
     * @throws RuntimeException the outage, when the database is still unreachable
     */
    synchronized void write() { // one writer at a time: a failure is counted once
        for (Map.Entry<String, Failures> entry : failures.entrySet()) {
            Failures pending = entry.getValue();
            if (writes(() -> store.failRuns(entry.getKey(), pending.error(), pending.lastAt(), pending.runs()))) {
                log.info("Sync {}: recorded {} run(s) that failed while the database was unreachable (last at {}: {})",
                        entry.getKey(), pending.runs(), pending.lastAt(), pending.error());
            }
            // runs that failed meanwhile stay, to be counted next time
            failures.computeIfPresent(entry.getKey(), (id, now) -> now.without(pending));
        }
        for (Lease lease : leases) {
            if (writes(() -> store.release(lease.syncId(), lease.owner()))) {
                log.info("Sync {}: released the lease its failed run held, now that the database answers", lease.syncId());
            }
            leases.remove(lease);
        }
    }

    /** The timer's try: an outage that goes on is no news (it was said when it began). */
    private void retry() {
        if (isEmpty()) {
            return;
        }
        try {
            write();
        } catch (RuntimeException stillDown) {
            if (!DatabaseReachability.isOutage(stillDown)) {
                throw stillDown;
            }
        }
    }

    /** @return true when written; false when the database refused it for good (logged and dropped) */
    private static boolean writes(Runnable write) {
        try {
            write.run();
            return true;
        } catch (RuntimeException e) {
            if (DatabaseReachability.isOutage(e)) {
                throw e;
            }
            log.warn("Sync backlog: the database refused an entry, dropped: {}", DatabaseReachability.describe(e));
            return false;
        }
    }

    /** {@code runs} failed runs, the last at {@code lastAt} with {@code error}. */
    private record Failures(String error, Instant lastAt, int runs) {

        Failures then(Failures later) {
            boolean newer = !later.lastAt().isBefore(lastAt);
            return new Failures(newer ? later.error() : error, newer ? later.lastAt() : lastAt, runs + later.runs());
        }

        /** What is left once {@code written} was recorded: null when nothing failed meanwhile. */
        Failures without(Failures written) {
            return runs <= written.runs() ? null : new Failures(error, lastAt, runs - written.runs());
        }
    }

    private record Lease(String syncId, String owner) {
    }
}
