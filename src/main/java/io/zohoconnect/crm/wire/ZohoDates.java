package io.zohoconnect.crm.wire;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Zoho's date-times: records and {@code If-Modified-Since} use ISO-8601 with an offset and no
 * fraction ({@code 2026-11-28T10:00:00+05:30}); HTTP's {@code Retry-After} may be an RFC 1123 date.
 */
public final class ZohoDates {

    /** {@code Modified_Time}, {@code If-Modified-Since}, {@code channel_expiry}. */
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);
    public static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private ZohoDates() {
    }

    public static String format(Instant instant) {
        return DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** A Zoho date-time (any ISO offset form), or null when absent or unreadable. */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
