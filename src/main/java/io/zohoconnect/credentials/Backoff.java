package io.zohoconnect.credentials;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;


/**
 * Exponential backoff with jitter for failed refreshes: min-backoff × 2^(failures−1), capped at
 * max-backoff, then spread by ±20 % so that connections failing together do not retry together.
 * A throttle waits at least throttle-backoff: Zoho's limit clears only after minutes.
 */
public final class Backoff {

    private final RefreshSettings settings;

    public Backoff(RefreshSettings settings) {
        this.settings = settings;
    }

    public Duration after(int failures, boolean throttled) {
        long base = settings.minBackoff().toMillis();
        long exponential = base << Math.min(Math.max(failures - 1, 0), 20);
        long capped = Math.min(exponential, settings.maxBackoff().toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        long wait = Math.min((long) (capped * jitter), settings.maxBackoff().toMillis());
        // the throttle floor comes after the jitter: Zoho's limit clears only after minutes
        return Duration.ofMillis(throttled ? Math.max(wait, settings.throttleBackoff().toMillis()) : wait);
    }

    /**
     * After Zoho refused our client configuration: client-error-backoff, stretched by up to 20 % so that
     * the connections of one DC do not all retry together once it is fixed.
     */
    public Duration afterClientError() {
        long base = settings.clientErrorBackoff().toMillis();
        return Duration.ofMillis((long) (base * (1.0 + ThreadLocalRandom.current().nextDouble() * 0.2)));
    }
}
