package io.zohoconnect.simulator;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * How search criteria and COQL compare a record's value with a value from the query: text
 * case-insensitively, numbers as numbers, lookups (Owner, Account_Name) by id or by name.
 */
final class FieldValues {

    private FieldValues() {
    }

    static boolean equalTo(Object value, String given) {
        if (value == null) {
            return false;
        }
        if (value instanceof Number number) {
            try {
                return number.doubleValue() == Double.parseDouble(given.trim());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        Instant[] times = instants(value, given);
        if (times != null) {
            return times[0].equals(times[1]);
        }
        if (value instanceof Map<?, ?> lookup) {
            return given.equals(String.valueOf(lookup.get("id"))) || given.equalsIgnoreCase(String.valueOf(lookup.get("name")));
        }
        return value.toString().equalsIgnoreCase(given);
    }

    static boolean startsWith(Object value, String prefix) {
        String text = text(value);
        return text != null && text.startsWith(prefix.toLowerCase(Locale.ROOT));
    }

    static boolean endsWith(Object value, String suffix) {
        String text = text(value);
        return text != null && text.endsWith(suffix.toLowerCase(Locale.ROOT));
    }

    static boolean contains(Object value, String part) {
        String text = text(value);
        return text != null && text.contains(part.toLowerCase(Locale.ROOT));
    }

    /** For {@code order by}: nulls last, numbers by value, the rest by lower-case text. */
    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        Instant[] times = instants(a, b);
        if (times != null) {
            return times[0].compareTo(times[1]);
        }
        return text(a).compareTo(text(b));
    }

    /**
     * Both as instants when both are date-times with an offset ({@code Modified_Time > '2026-11-28T10:00:00Z'}):
     * each org writes its own offset, so date-times compare as instants, never as text. Else null.
     */
    private static Instant[] instants(Object a, Object b) {
        if (!(a instanceof String x) || !(b instanceof String y) || !looksLikeDateTime(x) || !looksLikeDateTime(y)) {
            return null;
        }
        Instant first = ZohoTimes.parse(x);
        Instant second = ZohoTimes.parse(y);
        return first == null || second == null ? null : new Instant[] {first, second};
    }

    private static boolean looksLikeDateTime(String text) {
        return text.length() >= 20 && text.length() <= 35 && text.charAt(4) == '-' && text.charAt(10) == 'T';
    }

    /** Lower-case text of a value; a lookup's name. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        Object shown = value instanceof Map<?, ?> lookup ? lookup.get("name") : value;
        return String.valueOf(shown).toLowerCase(Locale.ROOT);
    }
}
