package io.zohoconnect.crm;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.zohoconnect.connection.ConnectionChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The org call slots of callers that hold a thread for the whole call — the gateway streams a body both ways —
 * sized by {@link OrgConcurrencyLimits}, the same numbers the call route's {@code throttle} uses. A caller
 * waits at most {@code wait} for a slot, then gives up (and says so to its own caller) rather than queue without
 * bound. Keyed by connection, as the throttle is.
 */
@Component
public final class OrgCallSlots {

    private final ConcurrentMap<String, Semaphore> slots = new ConcurrentHashMap<>();
    private final OrgConcurrencyLimits limits;

    public OrgCallSlots(OrgConcurrencyLimits limits) {
        this.limits = limits;
    }

    /** A slot of the connection's org, to close when the call is over; empty when none came free within {@code wait}. */
    public Optional<Slot> acquire(String connectionId, Duration wait) throws InterruptedException {
        Semaphore semaphore = slots.computeIfAbsent(connectionId, id -> new Semaphore(limits.limitOf(id)));
        if (!semaphore.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        return Optional.of(new Slot(semaphore));
    }

    /** A new consent may name another edition: later calls count against the new limit (calls in flight finish). */
    @EventListener
    void onChange(ConnectionChanged change) {
        slots.remove(change.connectionId());
    }

    /** One held slot; closing it twice releases it once. */
    public static final class Slot implements AutoCloseable {
        private final Semaphore semaphore;
        private boolean released;

        private Slot(Semaphore semaphore) {
            this.semaphore = semaphore;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                semaphore.release();
            }
        }
    }
}
