package io.zohoconnect.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * One HTTP request to the simulator and its answer: parsed path, query and form parameters, and the
 * few response shapes Zoho uses. Answers exactly once; {@link #abort()} answers with a dropped
 * connection.
 */
final class SimExchange {

    private static final int MAX_BODY = 1 << 20;

    private final HttpExchange http;
    private final ObjectMapper json;
    private final String path;
    private final Map<String, String> query;
    private byte[] body;
    private Map<String, String> params;
    private boolean answered;
    private Runnable beforeAnswer;

    SimExchange(HttpExchange http, ObjectMapper json) {
        this.http = http;
        this.json = json;
        this.path = http.getRequestURI().getRawPath() == null ? "/" : http.getRequestURI().getRawPath();
        this.query = decodeForm(http.getRequestURI().getRawQuery());
    }

    String method() {
        return http.getRequestMethod().toUpperCase(Locale.ROOT);
    }

    String path() {
        return path;
    }

    String query(String name) {
        return query.get(name);
    }

    String header(String name) {
        return http.getRequestHeaders().getFirst(name);
    }

    /** Query parameters and, for form posts, body parameters (the body wins): Zoho accepts either. */
    Map<String, String> params() throws IOException {
        if (params == null) {
            Map<String, String> merged = new LinkedHashMap<>(query);
            String contentType = header("Content-Type");
            boolean form = contentType == null || contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
            if (form && !method().equals("GET")) {
                merged.putAll(decodeForm(new String(body(), StandardCharsets.UTF_8)));
            }
            params = Collections.unmodifiableMap(merged);
        }
        return params;
    }

    String param(String name) throws IOException {
        String value = params().get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    byte[] body() throws IOException {
        if (body == null) {
            try (InputStream in = http.getRequestBody()) {
                body = in.readNBytes(MAX_BODY);
            }
        }
        return body;
    }

    void header(String name, String value) {
        http.getResponseHeaders().set(name, value);
    }

    /** One more value of a response header that may repeat ({@code Set-Cookie}). */
    void addHeader(String name, String value) {
        http.getResponseHeaders().add(name, value);
    }

    /** The raw query string as sent (percent-encoded), or null. */
    String rawQuery() {
        return http.getRequestURI().getRawQuery();
    }

    /** Every value of a request header (a client may send {@code Cookie} more than once). */
    java.util.List<String> headers(String name) {
        java.util.List<String> values = http.getRequestHeaders().get(name);
        return values == null ? java.util.List.of() : java.util.List.copyOf(values);
    }

    void json(int status, Object value) throws IOException {
        try {
            jsonText(status, json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IOException("could not write JSON", e);
        }
    }

    void jsonText(int status, String text) throws IOException {
        send(status, "application/json;charset=UTF-8", text);
    }

    void html(int status, String page) throws IOException {
        send(status, "text/html;charset=UTF-8", page);
    }

    void redirect(String location) throws IOException {
        header("Location", location);
        send(302, null, "");
    }

    void empty(int status) throws IOException {
        send(status, null, "");
    }

    /** What writes a streamed body; it may throw, the connection is then cut mid-body. */
    interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * A body of unknown length sent chunked as {@code writer} produces it: large downloads (Bulk Read
     * results) never sit in memory whole.
     */
    void stream(int status, String contentType, BodyWriter writer) throws IOException {
        if (answered) {
            throw new IllegalStateException("already answered");
        }
        answered = true;
        finishWork();
        header("Content-Type", contentType);
        header("Cache-Control", "no-store");
        http.sendResponseHeaders(status, 0);
        try (OutputStream out = http.getResponseBody()) {
            writer.writeTo(out);
        }
        http.close();
    }

    /** Drops the connection without a response, as a reset by a proxy does. */
    void abort() {
        answered = true;
        finishWork();
        // closing before sendResponseHeaders makes the JDK server close the TCP connection
        http.close();
    }

    boolean answered() {
        return answered;
    }

    void close() {
        http.close();
    }

    /**
     * Runs {@code action} once, right before the answer goes out (or when the exchange ends without
     * one): a request stops counting as "in flight" before the client can see its answer.
     */
    void beforeAnswer(Runnable action) {
        this.beforeAnswer = action;
    }

    /** Runs the before-answer action if it has not run yet. */
    void finishWork() {
        Runnable action = beforeAnswer;
        beforeAnswer = null;
        if (action != null) {
            action.run();
        }
    }

    private void send(int status, String contentType, String text) throws IOException {
        if (answered) {
            throw new IllegalStateException("already answered");
        }
        answered = true;
        finishWork();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            header("Content-Type", contentType);
        }
        header("Cache-Control", "no-store");
        boolean noBody = bytes.length == 0 || status == 204 || status == 304 || method().equals("HEAD");
        http.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(bytes);
            }
        }
        http.close();
    }

    static Map<String, String> decodeForm(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(key, value);
        }
        return out;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
