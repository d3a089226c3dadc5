package io.zohoconnect.crm.wire;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;

/** HTTP's {@code Retry-After}: seconds, or an RFC 1123 date (ZOHO-API.md §7, 429). */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait a {@code Retry-After} value asks for, capped at {@code max}; null when absent or unreadable. */
    public static Duration parse(String value, Duration max, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(clock.instant(), ZonedDateTime.parse(value.trim(), ZohoDates.HTTP_DATE).toInstant());
            } catch (RuntimeException notDate) {
                return null;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
