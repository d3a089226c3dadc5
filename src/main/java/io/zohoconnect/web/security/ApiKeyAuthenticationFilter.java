package io.zohoconnect.web.security;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zohoconnect.web.Problem;
import io.zohoconnect.web.ProblemResponses;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <zoho.admin.api-key>} authenticates a request as the admin, for that
 * request only (nothing is stored in a session). A wrong key is a 401 at once, and counts towards
 * the client address's lockout ({@link FailedLogins}): a locked-out address gets 429 even with the
 * right key. No header leaves the decision to the rest of the chain (login session).
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";
    /** The principal of a request authenticated by the admin key (a form login's principal is a user). */
    private static final String PRINCIPAL = "api-key";

    private final ApiKey apiKey;
    private final JsonAuthenticationEntryPoint entryPoint;
    private final FailedLogins failedLogins;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(ApiKey apiKey, JsonAuthenticationEntryPoint entryPoint, FailedLogins failedLogins) {
        this.apiKey = apiKey;
        this.entryPoint = entryPoint;
        this.failedLogins = failedLogins;
    }

    static boolean isApiKey(Authentication authentication) {
        return authentication instanceof UsernamePasswordAuthenticationToken && PRINCIPAL.equals(authentication.getPrincipal());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        Optional<Instant> locked = failedLogins.lockedUntil(address);
        if (locked.isPresent()) {
            tooManyAttempts(request, response, locked.get());
            return;
        }
        if (!apiKey.matches(header.substring(PREFIX.length()).trim())) {
            Optional<Instant> nowLocked = failedLogins.fail(address, "admin key");
            if (nowLocked.isPresent()) {
                tooManyAttempts(request, response, nowLocked.get());
            } else {
                entryPoint.reject(request, response, "The API key is not valid.");
            }
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(PRINCIPAL, null,
                List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    private void tooManyAttempts(HttpServletRequest request, HttpServletResponse response, Instant until)
            throws IOException {
        response.setHeader("Retry-After", String.valueOf(failedLogins.secondsUntil(until)));
        ProblemResponses.write(request, response, new Problem(429, "too_many_attempts", "Too many failed sign-in"
                + " attempts from this address. Try again after " + until + "."));
    }
}
