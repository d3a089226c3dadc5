package io.zohoconnect.crm;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ExecutorServiceManager;

/**
 * The timer of the CRM call route's redeliveries (its error handler's executor service): Camel
 * schedules each redelivery here after its delay and runs it on one of these threads, so no route
 * thread sleeps through a {@code Retry-After}. The threads are a Camel scheduled pool of the
 * thread-pool profile {@value #PROFILE} (default 8 threads; change it with
 * {@code camel.threadpool.config[zoho-crm-redelivery].pool-size=…}), managed and shut down with the
 * Camel context. Only where {@link RedeliveryDelays} is not the identity (tests) do delays pass through it.
 */
final class CrmRedeliveryTimer {

    static final String PROFILE = "zoho-crm-redelivery";
    static final int DEFAULT_THREADS = 8;

    private final ScheduledExecutorService executor;

    CrmRedeliveryTimer(CamelContext camel, RedeliveryDelays delays) {
        ExecutorServiceManager pools = camel.getExecutorServiceManager();
        if (pools.getThreadPoolProfile(PROFILE) == null) {
            pools.registerThreadPoolProfile(new ThreadPoolProfileBuilder(PROFILE).poolSize(DEFAULT_THREADS).build());
        }
        ScheduledExecutorService pool = pools.newScheduledThreadPool(this, "ZohoCrmRedelivery", PROFILE);
        this.executor = delays == RedeliveryDelays.AS_ASKED ? pool : new ShapedDelays(pool, delays);
    }

    ScheduledExecutorService executor() {
        return executor;
    }

    /** The Camel pool with each delay passed through {@link RedeliveryDelays} (a test waits a moment, not a minute). */
    private static final class ShapedDelays extends AbstractExecutorService implements ScheduledExecutorService {

        private final ScheduledExecutorService pool;
        private final RedeliveryDelays delays;

        ShapedDelays(ScheduledExecutorService pool, RedeliveryDelays delays) {
            this.pool = pool;
            this.delays = delays;
        }

        private long actualNanos(long delay, TimeUnit unit) {
            return delay <= 0 ? 0 : delays.actual(Duration.ofNanos(unit.toNanos(delay))).toNanos();
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return pool.schedule(command, actualNanos(delay, unit), TimeUnit.NANOSECONDS);
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
}
