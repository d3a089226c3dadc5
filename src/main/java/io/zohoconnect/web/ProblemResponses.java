package io.zohoconnect.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * The one writer of error answers — for routes, servlet filters, the security entry points, {@code /error} and
 * Tomcat's own error report — and the one place that decides their form: a page for people (the dashboard, the
 * connect pages, Zoho's redirect back to {@code /oauth/callback}), otherwise an RFC 9457
 * {@code application/problem+json} {@link Problem}. Never a stack trace, and {@code no-store}.
 */
public final class ProblemResponses {

    static final String CALLBACK_PATH = "/oauth/callback";
    static final String LOGIN_PATH = "/login";
    /** The gateway's paths: an answer of the service there (not Zoho's) carries {@link #GATEWAY_ERROR_HEADER}. */
    public static final String GATEWAY_PREFIX = "/proxy/";
    /** Marks an answer of the gateway itself, so callers never take it for Zoho's (DESIGN.md: gateway errors). */
    public static final String GATEWAY_ERROR_HEADER = "Zoho-Connect-Error";
    /** Request attribute a route that answers people with pages sets before it runs (see {@link #answerWithPages}). */
    private static final String PAGES = ProblemResponses.class.getName() + ".pages";

    private ProblemResponses() {
    }

    /**
     * Whether a person with a browser is on the other end: the route said so, or it is the login form or Zoho's
     * redirect back (refused before any route runs, e.g. by the firewall or Tomcat, that still gets a page).
     */
    static boolean wantsPage(HttpServletRequest request) {
        if (request == null) {
            return false;
        }
        if (Boolean.TRUE.equals(request.getAttribute(PAGES))) {
            return true;
        }
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = original instanceof String path ? path : request.getRequestURI();
        return uri != null && (uri.startsWith(CALLBACK_PATH) || uri.equals(LOGIN_PATH));
    }

    /** Marks the request of a route whose errors are pages: the dashboard's and the connect pages'. */
    public static void answerWithPages(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage message) {
            message.getRequest().setAttribute(PAGES, Boolean.TRUE);
        }
    }

    /** The answer of a route: its status, the problem or page as body, and nothing of the request's headers. */
    public static void write(Exchange exchange, Problem problem) {
        HttpServletRequest request = exchange.getIn() instanceof PlatformHttpMessage message ? message.getRequest() : null;
        boolean page = wantsPage(request);
        Message out = exchange.getMessage();
        // platform-http would otherwise echo request headers and query parameters back as response headers
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        out.setHeader(Exchange.CONTENT_TYPE, page ? Pages.CONTENT_TYPE : Problem.MEDIA_TYPE);
        out.setHeader("Cache-Control", "no-store");
        out.setBody(page ? page(problem) : json(problem));
    }

    /**
     * The answer from outside a route (a filter, an entry point, {@code /error}, Tomcat's error report). Headers
     * already set (a {@code Retry-After}, a {@code WWW-Authenticate}) are kept; nothing once the response is committed.
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, Problem problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        boolean page = wantsPage(request);
        byte[] body = (page ? page(problem) : json(problem)).getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(problem.status());
        response.setHeader("Cache-Control", "no-store");
        markGatewayError(request, response);
        response.setContentType(page ? Pages.CONTENT_TYPE : Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** Under {@value #GATEWAY_PREFIX}, an answer of the service says so. */
    public static void markGatewayError(HttpServletRequest request, HttpServletResponse response) {
        Object original = request == null ? null : request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = original instanceof String path ? path : request == null ? null : request.getRequestURI();
        if (uri != null && uri.startsWith(GATEWAY_PREFIX)) {
            response.setHeader(GATEWAY_ERROR_HEADER, "true");
        }
    }

    /** The problem as JSON, its members in {@link Problem#members()}'s order. */
    static String json(Problem problem) {
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        StringBuilder json = new StringBuilder(256).append('{');
        for (Map.Entry<String, Object> member : problem.members().entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(member.getKey()).append("\":");
            if (member.getValue() instanceof Integer number) {
                json.append(number);
            } else {
                json.append('"').append(encoder.quoteAsString(String.valueOf(member.getValue()))).append('"');
            }
        }
        return json.append('}').toString();
    }

    static String page(Problem problem) {
        return new Pages().problem(problem.status(), problem.error(), problem.message());
    }
}
