package io.zohoconnect.simulator;

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
        return text(a).compareTo(text(b));
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
