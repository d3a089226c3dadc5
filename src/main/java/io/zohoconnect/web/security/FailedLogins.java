package io.zohoconnect.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.zohoconnect.ZohoProperties;
import io.zohoconnect.web.Html;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brute-force limit on the admin key (Bearer) and the login form, per client address: more than
 * {@code zoho.admin.max-failed-logins} failures within {@code zoho.admin.failed-login-window} lock
 * the address out for one window — even the right key is refused meanwhile. Kept in memory, per
 * node (a cluster of N nodes allows up to N times as many guesses), in a table bounded to
 * {@value #MAX_ADDRESSES} addresses (the least recently seen are forgotten first).
 */
@Component
public final class FailedLogins {

    static final int MAX_ADDRESSES = 10_000;
    private static final Logger log = LoggerFactory.getLogger(FailedLogins.class);

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Attempts> byAddress = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Attempts> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    public FailedLogins(Clock clock, ZohoProperties properties) {
        this.clock = clock;
        this.maxFailures = properties.admin().maxFailedLogins();
        this.window = properties.admin().failedLoginWindow();
    }

    /** Until when {@code address} is locked out, or empty when it may try. */
    synchronized Optional<Instant> lockedUntil(String address) {
        Attempts attempts = byAddress.get(key(address));
        Instant now = clock.instant();
        if (attempts == null || attempts.lockedUntil == null) {
            return Optional.empty();
        }
        if (!now.isBefore(attempts.lockedUntil)) {
            byAddress.remove(key(address)); // the lock has run out: a clean slate
            return Optional.empty();
        }
        return Optional.of(attempts.lockedUntil);
    }

    /**
     * Records a failed attempt ({@code what}: "admin key" or "login password"; never the value
     * tried) and returns when the address is now locked until, if this failure locked it.
     */
    synchronized Optional<Instant> fail(String address, String what) {
        Instant now = clock.instant();
        Attempts attempts = byAddress.computeIfAbsent(key(address), k -> new Attempts());
        while (!attempts.failures.isEmpty() && !attempts.failures.peekFirst().isAfter(now.minus(window))) {
            attempts.failures.removeFirst();
        }
        attempts.failures.addLast(now);
        if (attempts.failures.size() > maxFailures) {
            attempts.failures.clear();
            attempts.lockedUntil = now.plus(window);
            log.warn("Wrong {} from {}: more than {} failures within {}; this address is locked out until {}",
                    what, Html.printable(address, 64), maxFailures, window, attempts.lockedUntil);
            return Optional.of(attempts.lockedUntil);
        }
        log.warn("Wrong {} from {} ({} of {} failures allowed within {})", what, Html.printable(address, 64),
                attempts.failures.size(), maxFailures, window);
        return Optional.empty();
    }

    /** Seconds until {@code until}, at least 1: the Retry-After of a lockout answer. */
    long secondsUntil(Instant until) {
        return Math.max(1, Duration.between(clock.instant(), until).toSeconds() + 1);
    }

    /** Forgets every address (a restart does the same); for tests that share one running service. */
    public synchronized void clear() {
        byAddress.clear();
    }

    private static String key(String address) {
        return address == null ? "" : address;
    }

    private static final class Attempts {
        private final Deque<Instant> failures = new ArrayDeque<>();
        private Instant lockedUntil;
    }
}
