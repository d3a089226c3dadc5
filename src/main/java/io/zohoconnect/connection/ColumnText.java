package io.zohoconnect.connection;

/**
 * Text cut to fit a column: at most {@code max} characters, never half of a surrogate pair (a lone
 * surrogate is not valid UTF-8, and PostgreSQL refuses it).
 */
public final class ColumnText {

    private ColumnText() {
    }

    public static String fit(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
