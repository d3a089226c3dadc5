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
    /** Marks an answer of the gateway itself, not Zoho's (DESIGN.md: gateway errors). */
    static final String GATEWAY_ERROR_HEADER = "Zoho-Connect-Error";

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
        markGatewayError(requestUri, response);
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

    /** Under {@code /proxy/}, an answer of the service (not Zoho's) says so: callers must not take it for Zoho's. */
    static void markGatewayError(String requestUri, HttpServletResponse response) {
        if (requestUri != null && requestUri.startsWith(ApiGrants.PROXY_PREFIX)) {
            response.setHeader(GATEWAY_ERROR_HEADER, "true");
        }
    }

    /** {@code {"error":…,"message":…}} for fixed, known-safe strings (no escaping beyond quotes needed). */
    static String json(String error, String message) {
        return "{\"error\":\"" + error.replace("\"", "'") + "\",\"message\":\"" + message.replace("\"", "'") + "\"}";
    }
}
