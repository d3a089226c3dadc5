package io.zohoconnect.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What a node does on SIGTERM before Quartz, Tomcat and Camel stop (it is the first lifecycle bean
 * to stop): the refresh timer and the sync schedules stop starting work, a refresh or sync page in
 * flight gets {@code zoho.shutdown.grace} to finish, and every refresh or sync lease this node still
 * holds after that is released, so another node takes the work over at once instead of waiting for
 * the lease to expire.
 */
@Component
public final class GracefulShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

    private final Duration grace;
    private final Object lock = new Object();
    /** Leases this node holds right now; guarded by {@code lock}. */
    private final Set<HeldLease> held = new LinkedHashSet<>();
    private volatile boolean stopping;
    private volatile boolean running;

    public GracefulShutdown(@Value("${zoho.shutdown.grace:20s}") Duration grace) {
        this.grace = grace;
    }

    /** True once the node is shutting down: start no new refresh pass, sync run or sync page. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Records a lease this node took; {@code release} gives it back if the work is still running when
     * the grace period ends. Close the handle when the work released the lease itself.
     */
    public HeldLease hold(String what, Runnable release) {
        HeldLease lease = new HeldLease(what, release);
        synchronized (lock) {
            held.add(lease);
        }
        return lease;
    }

    /** Stops the timers' work from starting; what runs goes on. */
    public void stopTakingWork() {
        if (!stopping) {
            stopping = true;
            log.info("Shutting down: no new refresh passes or sync runs; waiting up to {} s for the work in flight",
                    grace.toSeconds());
        }
    }

    /**
     * Waits for the work in flight to release its leases, at most the grace period, then releases the
     * rest. Returns how many leases it had to release.
     */
    public int drain() {
        long deadline = System.nanoTime() + grace.toNanos();
        List<HeldLease> left;
        synchronized (lock) {
            long wait;
            while (!held.isEmpty() && (wait = deadline - System.nanoTime()) > 0) {
                try {
                    lock.wait(Math.max(1, wait / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            left = new ArrayList<>(held);
            held.clear();
        }
        for (HeldLease lease : left) {
            try {
                lease.release.run();
                log.warn("Shutting down: {} was still running after {} s; released its lease so another node takes over",
                        lease.what, grace.toSeconds());
            } catch (RuntimeException e) {
                log.warn("Shutting down: could not release the {} ({}); it expires by itself", lease.what, e.toString());
            }
        }
        return left.size();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        stopTakingWork();
        drain();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops first: before Quartz (same phase, so triggers may still fire, and find nothing to start), Tomcat and Camel. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** One lease held by this node; closing it says the work gave the lease back itself. */
    public final class HeldLease implements AutoCloseable {

        private final String what;
        private final Runnable release;

        private HeldLease(String what, Runnable release) {
            this.what = what;
            this.release = release;
        }

        @Override
        public void close() {
            synchronized (lock) {
                held.remove(this);
                lock.notifyAll();
            }
        }
    }
}
