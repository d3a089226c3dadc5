package io.zohoconnect.connection;

import java.util.regex.Pattern;

/**
 * What a connection id may look like: 1–64 letters, digits, dots, underscores and hyphens. One rule
 * for every door an id comes in by (connect requests, the dashboard, queued writes), so an id that
 * is stored can always be named again, in a URL as in a header.
 */
public final class ConnectionIds {

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private ConnectionIds() {
    }

    /** Whether {@code id} is a well-formed connection id ({@code null} is not). */
    public static boolean valid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
