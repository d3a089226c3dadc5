package io.zohoconnect.web.security;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.zohoconnect.web.Problem;
import io.zohoconnect.web.ProblemResponses;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The login form's side of {@link FailedLogins}: a locked-out address gets a 429 page before its
 * password is even checked, and each wrong password counts (the one over the limit is a 429 too).
 */
final class LoginLockout extends OncePerRequestFilter implements AuthenticationFailureHandler {

    /** The login page again, saying the user or password was wrong. */
    static final String RETRY_URL = "/login?error";

    private final FailedLogins failedLogins;
    private final SimpleUrlAuthenticationFailureHandler retry = new SimpleUrlAuthenticationFailureHandler(RETRY_URL);

    LoginLockout(FailedLogins failedLogins) {
        this.failedLogins = failedLogins;
        // the failure is not kept in a session for the login page to show: a wrong password leaves no state behind
        retry.setAllowSessionCreation(false);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Instant> locked = failedLogins.lockedUntil(request.getRemoteAddr());
        if (locked.isPresent()) {
            refuse(request, response, locked.get());
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException, ServletException {
        Optional<Instant> locked = failedLogins.fail(request.getRemoteAddr(), "login password");
        if (locked.isPresent()) {
            refuse(request, response, locked.get());
        } else {
            retry.onAuthenticationFailure(request, response, exception);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Instant until) throws IOException {
        response.setHeader("Retry-After", String.valueOf(failedLogins.secondsUntil(until)));
        ProblemResponses.write(request, response, new Problem(429, "too_many_attempts", "Too many failed sign-in"
                + " attempts from this address. Try again after " + until + "."));
    }
}
