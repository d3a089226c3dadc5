package io.zohoconnect.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The CRM call path's retry scheduler in tests: records each wait the service asks for (Retry-After, backoff)
 * and waits at most a few milliseconds, so a 7-second Retry-After is checked without a 7-second test. With
 * {@link #holdRetries} the scheduled retries wait until {@link #releaseRetries}: a test sees every call parked.
 */
public final class RecordingScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final ScheduledExecutorService pool;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;

    public RecordingScheduler(ScheduledExecutorService pool) {
        this.pool = pool;
    }

    /** A scheduler of {@code threads} threads of its own (for tests that build a call path by hand). */
    public static RecordingScheduler withThreads(int threads) {
        return new RecordingScheduler(Executors.newScheduledThreadPool(threads));
    }

    public List<Duration> waits() {
        return List.copyOf(waits);
    }

    public void clear() {
        waits.clear();
        releaseRetries();
    }

    /** From now on, retries wait for {@link #releaseRetries} (their delays are still recorded). */
    public synchronized void holdRetries() {
        holding = true;
    }

    /** Retries scheduled and waiting now. */
    public synchronized int heldRetries() {
        return held.size();
    }

    /** Runs the held retries (each after a few milliseconds) and holds no more. */
    public void releaseRetries() {
        List<Runnable> release;
        synchronized (this) {
            holding = false;
            release = List.copyOf(held);
            held.clear();
        }
        release.forEach(task -> pool.schedule(task, 1, TimeUnit.MILLISECONDS));
    }

    private long actualNanos(long delay, TimeUnit unit) {
        if (delay <= 0) {
            return 0;
        }
        Duration asked = Duration.ofNanos(unit.toNanos(delay));
        waits.add(asked);
        return Math.min(asked.toNanos(), Duration.ofMillis(5).toNanos());
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        long nanos = actualNanos(delay, unit);
        synchronized (this) {
            if (holding) {
                held.add(command);
                return null;
            }
        }
        return pool.schedule(command, nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return pool.schedule(callable, actualNanos(delay, unit), TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return pool.scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return pool.scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        pool.execute(command);
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return pool.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }
}
