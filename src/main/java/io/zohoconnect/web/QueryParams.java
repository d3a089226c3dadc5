package io.zohoconnect.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Exchange;

/**
 * Query parameters read from the raw query string, not from Camel headers: a header of the same
 * name cannot pose as a parameter, and a parameter given twice is an error rather than a guess.
 */
public final class QueryParams {

    private static final int MAX_QUERY_LENGTH = 8192;

    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    public static QueryParams of(Exchange exchange) {
        return parse(exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class));
    }

    public static QueryParams parse(String rawQuery) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new QueryParams(values);
        }
        if (rawQuery.length() > MAX_QUERY_LENGTH) {
            throw ApiException.badRequest("invalid_request", "The query string is too long.");
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (values.putIfAbsent(name, value) != null) {
                throw ApiException.badRequest("invalid_request", "Parameter '" + Html.printable(name, 40)
                        + "' is given more than once.");
            }
        }
        return new QueryParams(values);
    }

    /** The value, or null when absent or empty. */
    public String get(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_request", "The query string is not properly URL-encoded.");
        }
    }
}
