package io.zohoconnect.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Error answers written outside Camel routes (servlet filters, the firewall, the container): the
 * same JSON {@code {"error","message"}} as the routes, or the same HTML page for the browser-facing
 * callback. Messages are fixed strings: nothing of the request is echoed.
 */
final class ErrorBodies {

    static final String CALLBACK_PATH = "/oauth/callback";

    private ErrorBodies() {
    }

    static void write(HttpServletResponse response, String requestUri, int status, String error, String message)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        byte[] body;
        if (requestUri != null && requestUri.startsWith(CALLBACK_PATH)) {
            response.setContentType("text/html;charset=UTF-8");
            body = new Pages().problem(status, error, message).getBytes(StandardCharsets.UTF_8);
        } else {
            response.setContentType("application/json");
            body = json(error, message).getBytes(StandardCharsets.UTF_8);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** {@code {"error":…,"message":…}} for fixed, known-safe strings (no escaping beyond quotes needed). */
    static String json(String error, String message) {
        return "{\"error\":\"" + error.replace("\"", "'") + "\",\"message\":\"" + message.replace("\"", "'") + "\"}";
    }
}
