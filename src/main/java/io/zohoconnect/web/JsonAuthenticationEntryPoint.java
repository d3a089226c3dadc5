package io.zohoconnect.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** 401 in the service's JSON error shape, for API clients. */
final class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        reject(request, response, "Send Authorization: Bearer <zoho.admin.api-key> or a scoped API key.");
    }

    void reject(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        ErrorBodies.markGatewayError(request.getRequestURI(), response);
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"" + message + "\"}");
    }
}
