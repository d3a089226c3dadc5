package io.zohoconnect.crm;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.zohoconnect.crm.wire.CrmErrorCodes;
import io.zohoconnect.crm.wire.RetryAfter;

import org.springframework.stereotype.Component;

/**
 * When a failed CRM attempt is tried again, from {@code zoho.crm.*}: at most {@code max-retries} times;
 * after 429 as long as its {@code Retry-After} asks (capped at {@code max-retry-after}), else — and after 5xx,
 * IO errors and truncated bodies of calls safe to repeat — exponential backoff from {@code initial-backoff}
 * doubling up to {@code max-backoff}, ±15 % so callers that failed together do not come back together.
 * A rejected token is refreshed and tried again once, at once. Public for every caller of Zoho (the call
 * path, the gateway).
 */
@Component
public final class CrmRetryPolicy {

    private final CrmSettings settings;
    private final Clock clock;

    public CrmRetryPolicy(ZohoApiSettings properties, Clock clock) {
        this.settings = properties.crm();
        this.clock = clock;
    }

    /** How many times a failed attempt is tried again (token refreshes aside). */
    public int maxRetries() {
        return settings.maxRetries();
    }

    /** Whether Zoho's answer rejects the token sent (401 INVALID_TOKEN / AUTHENTICATION_FAILURE): refresh, try once more. */
    public boolean tokenRejected(int status, String code) {
        return CrmErrorCodes.isTokenRejected(status, code);
    }

    /** The wait a 429's {@code Retry-After} value asks for, capped at {@code zoho.crm.max-retry-after}; null if none. */
    public Duration retryAfter(String headerValue) {
        return RetryAfter.parse(headerValue, settings.maxRetryAfter(), clock);
    }

    /**
     * The wait before retry {@code retry} (1 for the first): {@code retryAfter} when Zoho named one, else the
     * backoff of that retry with jitter.
     */
    public Duration delayBefore(int retry, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter;
        }
        long millis = settings.initialBackoff().toMillis();
        for (int i = 1; i < retry && millis < settings.maxBackoff().toMillis(); i++) {
            millis *= 2;
        }
        millis = Math.min(millis, settings.maxBackoff().toMillis());
        double jitter = 0.85 + ThreadLocalRandom.current().nextDouble() * 0.30;
        return Duration.ofMillis(Math.round(millis * jitter));
    }
}
