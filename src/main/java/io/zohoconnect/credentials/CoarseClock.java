package io.zohoconnect.credentials;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Milliseconds read from a field that a daemon thread refreshes every {@value #TICK_MILLIS} ms, for
 * hot paths where reading the system clock (≈ 20 ns on a VM) costs more than the work itself. Only
 * for decisions with a margin much larger than a tick; with any clock but the system clock (tests
 * move a clock by hand) it reads that clock directly, so it never lags a test's clock.
 */
final class CoarseClock implements AutoCloseable {

    static final long TICK_MILLIS = 10;

    private final Clock clock;
    private final ScheduledExecutorService ticker;
    private volatile long now;

    CoarseClock(Clock clock) {
        this.clock = clock;
        if (Clock.systemUTC().equals(clock) || Clock.systemDefaultZone().equals(clock)) {
            this.now = clock.millis();
            this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "zoho-coarse-clock");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(() -> now = clock.millis(), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            this.ticker = null;
        }
    }

    /** Now, at most a tick (plus scheduling delay) behind the clock. */
    long millis() {
        return ticker == null ? clock.millis() : now;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
