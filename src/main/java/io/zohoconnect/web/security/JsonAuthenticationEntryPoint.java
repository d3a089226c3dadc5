package io.zohoconnect.web.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zohoconnect.web.Problem;
import io.zohoconnect.web.ProblemResponses;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** 401 as a {@link Problem}, for API clients (and scripts that sent a bearer token to a page). */
final class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        reject(request, response, "Send Authorization: Bearer <zoho.admin.api-key> or a scoped API key.");
    }

    void reject(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        ProblemResponses.write(request, response, new Problem(401, "unauthorized", message));
    }
}
