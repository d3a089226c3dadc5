package io.zohoconnect.notifications;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The servlet-side half of {@link NotificationCallbackGate}: refuses, from the request head alone, what
 * is not a JSON callback or is too large, before the container or Camel reads the body (a multipart
 * body, for one, would be parsed — and could fail — before any route runs). Placed in the callback's
 * security chain; the decisions themselves are the gate's.
 */
public final class NotificationCallbackScreen extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        NotificationCallbackGate.Refused refused = "POST".equals(request.getMethod())
                ? NotificationCallbackGate.screen(request.getContentType(), request.getContentLengthLong()) : null;
        if (refused == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = ("{\"error\":\"" + refused.error() + "\",\"message\":\"" + refused.message() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(refused.status());
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
