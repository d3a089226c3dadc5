package io.zohoconnect.crm;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

/**
 * The call slots of each connection's org on this node, {@link OrgConcurrencyLimits} of them: a call
 * holds one from just before it goes to Zoho until its answer, so the service never causes Zoho's
 * concurrency 429s. Waiting for a slot holds no thread: {@link #acquire} answers a future that a
 * {@link Slot#release} completes. Public for every caller of Zoho on this node (the call path, the gateway).
 */
@Component
public final class OrgSlots {

    private final OrgConcurrencyLimits limits;
    private final ConcurrentMap<String, Org> orgs = new ConcurrentHashMap<>();

    public OrgSlots(OrgConcurrencyLimits limits) {
        this.limits = limits;
    }

    /**
     * A slot of the connection's org: already complete when one is free, else completed — on the thread that
     * releases one — in the order callers asked. Continue on your own executor when it was not complete at once.
     */
    public CompletableFuture<Slot> acquire(String connectionId) {
        return orgs.computeIfAbsent(connectionId, Org::new).acquire(limits.limitOf(connectionId));
    }

    /** Slots of a connection in use now (for tests and metrics). */
    public int inUse(String connectionId) {
        Org org = orgs.get(connectionId);
        return org == null ? 0 : org.inUse();
    }

    /** One held slot; releasing it twice releases it once. */
    public interface Slot {
        void release();
    }

    private static final class Org {

        private final Queue<CompletableFuture<Slot>> waiting = new ArrayDeque<>();
        private int inUse;

        Org(String connectionId) {
        }

        synchronized int inUse() {
            return inUse;
        }

        CompletableFuture<Slot> acquire(int limit) {
            CompletableFuture<Slot> slot = new CompletableFuture<>();
            synchronized (this) {
                if (inUse >= limit) {
                    waiting.add(slot);
                    return slot;
                }
                inUse++;
            }
            slot.complete(new Held(this));
            return slot;
        }

        void release() {
            CompletableFuture<Slot> next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    inUse--;
                    return;
                }
            }
            // the slot passes straight to the next caller: inUse stays as it is
            next.complete(new Held(this));
        }
    }

    private static final class Held implements Slot {

        private final Org org;
        private boolean released;

        Held(Org org) {
            this.org = org;
        }

        @Override
        public void release() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            org.release();
        }
    }
}
