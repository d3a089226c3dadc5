package io.zohoconnect.crm;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The timer of the CRM call route's redeliveries (its error handler's executor service): Camel
 * schedules each redelivery here after its delay and runs it on one of these threads, so no route
 * thread sleeps through a {@code Retry-After}. Delays pass through {@link RedeliveryDelays}. Not an
 * {@code Executor} bean itself, so Spring Boot's own task executor is still made.
 */
final class CrmRedeliveryTimer implements AutoCloseable {

    private final Scheduler scheduler;

    CrmRedeliveryTimer(int threads, RedeliveryDelays delays) {
        this.scheduler = new Scheduler(threads, delays);
    }

    ScheduledExecutorService executor() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private static final class Scheduler extends ScheduledThreadPoolExecutor {

        private static final AtomicInteger THREADS = new AtomicInteger();
        private final RedeliveryDelays delays;

        Scheduler(int threads, RedeliveryDelays delays) {
            super(threads, runnable -> {
                Thread thread = new Thread(runnable, "zoho-crm-redelivery-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            this.delays = delays;
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            Duration actual = delay <= 0 ? Duration.ZERO : delays.actual(Duration.ofNanos(unit.toNanos(delay)));
            return super.schedule(command, actual.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
