package io.zohoconnect.simulator;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Zoho's date-times: second precision with the org's UTC offset, e.g. {@code 2026-11-28T15:30:00+05:30}.
 * Each simulated DC's org has a fixed offset (no daylight saving), so clients meet several offsets and
 * must compare instants, never strings.
 */
final class ZohoTimes {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final Map<String, ZoneOffset> OFFSETS = Map.of(
            "us", ZoneOffset.ofHours(-5), "eu", ZoneOffset.ofHours(1), "in", ZoneOffset.ofHoursMinutes(5, 30),
            "au", ZoneOffset.ofHours(10), "cn", ZoneOffset.ofHours(8), "jp", ZoneOffset.ofHours(9),
            "ca", ZoneOffset.ofHours(-5), "sa", ZoneOffset.ofHours(3));
    /** Latest second a record time may have: keeps (seconds, index) packable into one long. */
    static final long MAX_SECONDS = OffsetDateTime.parse("9999-12-31T23:59:59Z").toEpochSecond();

    private ZohoTimes() {
    }

    static ZoneOffset offsetOf(String dc) {
        return OFFSETS.getOrDefault(dc, ZoneOffset.UTC);
    }

    static String format(long epochSeconds, ZoneOffset offset) {
        return FORMAT.format(OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSeconds), offset));
    }

    /** ISO-8601 with an offset (Zoho's own format) or RFC 1123 (HTTP's); null when it is neither. */
    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException notRfc) {
                return null;
            }
        }
    }
}
