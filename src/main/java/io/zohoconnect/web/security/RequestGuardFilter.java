package io.zohoconnect.web.security;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zohoconnect.web.Problem;
import io.zohoconnect.web.ProblemResponses;

import org.apache.catalina.Globals;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter of every request: refuses, with a clear 400, what would otherwise fail deep
 * inside the stack as a 500 — a malformed percent-escape in the path or query, or a query parameter
 * name with control or unassigned characters (Spring Security's firewall refuses those lazily, when
 * Camel copies parameters into headers, outside any route's error handling), and a form body
 * platform-http's parser would choke on.
 */
final class RequestGuardFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        if (!wellEscaped(uri) || !acceptableQuery(request.getQueryString())) {
            ProblemResponses.write(request, response, new Problem(400, "invalid_request",
                    "The request has a malformed escape or characters that are not allowed."));
            return;
        }
        if (isForm(request) && !uri.startsWith(ApiGrants.PROXY_PREFIX)) { // the gateway streams bodies to Zoho unread
            // Tomcat parses a form body leniently (a name without '=' has an empty value) and records what it could
            // not decode. Parsed here, first, the body is consumed before platform-http's own form parser sees it:
            // that one answers a name without '=', a stray '&' or a bad escape with an empty 500.
            if (request.getCharacterEncoding() == null) {
                request.setCharacterEncoding("UTF-8"); // as Spring's encoding filter, which runs after this one, would
            }
            request.getParameterMap();
            if (request.getAttribute(Globals.PARAMETER_PARSE_FAILED_ATTR) != null) {
                ProblemResponses.write(request, response, new Problem(400, "invalid_request",
                        "The form body is malformed (a bad %-escape) or too large."));
                return;
            }
        }
        BrowserBinding.rememberScheme(request);
        chain.doFilter(request, response);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    static boolean wellEscaped(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '%' && (i + 2 >= text.length() || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2)))) {
                return false;
            }
        }
        return true;
    }

    static boolean acceptableQuery(String query) {
        if (query == null || query.isEmpty()) {
            return true;
        }
        if (!wellEscaped(query)) {
            return false;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (!acceptableName(eq < 0 ? pair : pair.substring(0, eq))) {
                return false;
            }
        }
        return true;
    }

    /** The same rule Spring Security's firewall applies to parameter names, applied up front. */
    private static boolean acceptableName(String encoded) {
        String decoded;
        try {
            decoded = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return decoded.isEmpty() || StrictHttpFirewall.ALLOWED_PARAMETER_NAMES.test(decoded);
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
