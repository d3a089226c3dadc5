package io.zohoconnect.web.security;

import io.zohoconnect.web.WebErrorHandling;

import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zohoconnect.connection.DatabaseReachability;
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
 * {@code Authorization: Bearer <zoho.admin.api-key>} authenticates a request as the admin, and
 * {@code Authorization: Bearer zc_…} as a scoped key ({@link ScopedKeyStore}: looked up in the database on every
 * request, so a deleted key is refused at once), for that request only (nothing is stored in a session). What the
 * caller may then do is decided in one place, {@link ApiGrants}. A wrong key is a 401 at once, and counts towards
 * the client address's lockout ({@link FailedLogins}): a locked-out address gets 429 even with the right key. So
 * is a request with more than one {@code Authorization} header (which would the service believe?). No header
 * leaves the decision to the rest of the chain (login session).
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";
    /** The principal of a request authenticated by the admin key (a form login's principal is a user). */
    private static final String PRINCIPAL = "api-key";

    private final ApiKey apiKey;
    private final ScopedKeyStore keys;
    private final JsonAuthenticationEntryPoint entryPoint;
    private final FailedLogins failedLogins;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(ApiKey apiKey, ScopedKeyStore keys, JsonAuthenticationEntryPoint entryPoint,
            FailedLogins failedLogins) {
        this.apiKey = apiKey;
        this.keys = keys;
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
        boolean repeated = header != null && Collections.list(request.getHeaders("Authorization")).size() > 1;
        if (!repeated && (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length()))) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        Optional<Instant> locked = failedLogins.lockedUntil(address);
        if (locked.isPresent()) {
            tooManyAttempts(request, response, locked.get());
            return;
        }
        String presented = repeated ? null : header.substring(PREFIX.length()).trim();
        Authentication authentication;
        if (presented != null && apiKey.matches(presented)) {
            authentication = UsernamePasswordAuthenticationToken.authenticated(PRINCIPAL, null,
                    List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
        } else {
            Optional<ScopedKey> key;
            try {
                key = presented == null ? Optional.empty() : keys.authenticate(presented);
            } catch (RuntimeException e) {
                if (!DatabaseReachability.isOutage(e)) {
                    throw e;
                }
                response.setHeader("Retry-After", WebErrorHandling.DATABASE_RETRY_AFTER);
                ProblemResponses.write(request, response, new Problem(503, "database_unavailable",
                        "The database is unreachable, so scoped API keys cannot be checked. Try again shortly."));
                return;
            }
            if (key.isEmpty()) {
                Optional<Instant> nowLocked = failedLogins.fail(address, "admin key");
                if (nowLocked.isPresent()) {
                    tooManyAttempts(request, response, nowLocked.get());
                } else {
                    entryPoint.reject(request, response, repeated ? "Send one Authorization header."
                            : "The API key is not valid.");
                }
                return;
            }
            request.setAttribute(ScopedKey.class.getName(), key.get());
            authentication = UsernamePasswordAuthenticationToken.authenticated(key.get(), null,
                    List.of(new SimpleGrantedAuthority("ROLE_KEY")));
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authentication);
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
