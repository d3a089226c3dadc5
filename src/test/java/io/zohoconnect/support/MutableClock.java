package io.zohoconnect.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand: expiry and rolling limits are tested by advancing time, never by sleeping.
 * {@code new MutableClock()} follows real time plus what the test advanced (the service's clock in the
 * end-to-end tests, where Quartz, Tomcat and the database also see real time); {@code new MutableClock(start)}
 * stands still at {@code start} until the test moves it (the simulator's own tests, which count seconds).
 */
public final class MutableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Real time, moved on by {@link #advance}. */
    public MutableClock() {
        this(Clock.systemUTC());
    }

    /** Stopped at {@code start}: only {@link #advance} moves it. */
    public MutableClock(Instant start) {
        this(Clock.fixed(start, ZoneOffset.UTC));
    }

    private MutableClock(Clock base) {
        this.base = base;
    }

    public void advance(Duration duration) {
        offset.accumulateAndGet(duration, Duration::plus);
    }

    /** Back to the base time: real now, or the start of a stopped clock. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock has one zone");
    }
}
