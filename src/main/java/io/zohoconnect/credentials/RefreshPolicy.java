package io.zohoconnect.credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.zohoconnect.connection.Connection;
import io.zohoconnect.connection.ConnectionStatus;
import io.zohoconnect.credentials.RefreshResult.Outcome;

/**
 * Whether a connection's token should be refreshed now, for a given reason — a pure decision on the
 * row, the request and the time, with no I/O, so every rule is a fast unit test
 * ({@code RefreshPolicyTest}). {@link TokenRefresher} asks it before taking the lease and again
 * under the lease.
 *
 * <p>The rules, in order: a connection that needs re-consent, was revoked or waits for its revoke is
 * never refreshed; a 401 for a token that is no longer the row's needs no refresh (another thread or
 * node already replaced it); an earlier failure's backoff holds unless an operator forces it; Zoho
 * allows 10 tokens per refresh token in 10 minutes, so at most one refresh per
 * {@code zoho.refresh.min-interval} while the token is valid — unless Zoho rejected the current
 * token; the timer and on-demand callers refresh only a token inside the margin, one not refreshed
 * for {@code max-token-age}, or a connection whose client configuration is being retried.
 */
public final class RefreshPolicy {

    /** While a refresh fails or backs off and the token is still valid, a caller's cache keeps it this long. */
    static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final RefreshSettings settings;

    public RefreshPolicy(RefreshSettings settings) {
        this.settings = settings;
    }

    /** Empty when a refresh is needed now; otherwise why not, with the connection as it is. */
    public Optional<RefreshResult> skipReason(Connection row, RefreshRequest request, Instant now) {
        if (row.status() == ConnectionStatus.NEEDS_REAUTH || row.status() == ConnectionStatus.REVOKED
                || row.status() == ConnectionStatus.REVOKE_PENDING) {
            return skip(Outcome.NOT_REFRESHABLE, row, "connection is " + row.status()
                    + (row.lastError() == null ? "" : ": " + row.lastError()));
        }
        boolean tokenValid = row.accessToken() != null && row.accessTokenExpiresAt() != null
                && now.isBefore(row.accessTokenExpiresAt());
        if (request.reason() == RefreshRequest.Reason.REJECTED && !request.rejectedToken().sameAs(row.accessToken())) {
            return skip(Outcome.ALREADY_FRESH, row, "the rejected token was already replaced");
        }
        if (row.nextAttemptAt() != null && now.isBefore(row.nextAttemptAt())
                && request.reason() != RefreshRequest.Reason.FORCED) {
            return skip(Outcome.BACKING_OFF, row, "last refresh failed (" + row.lastError()
                    + "); next attempt at " + row.nextAttemptAt());
        }
        boolean recentlyRefreshed = row.lastRefreshedAt() != null
                && now.isBefore(row.lastRefreshedAt().plus(settings.minInterval()));
        switch (request.reason()) {
            case REJECTED:
                return Optional.empty();
            case FORCED:
                return recentlyRefreshed && tokenValid ? rateLimited(row) : Optional.empty();
            default:
                // a misconfigured client is tried again when its backoff ends, so a fixed config recovers it
                boolean due = row.accessTokenExpiresWithin(settings.margin(), now) || row.lastRefreshedAt() == null
                        || !now.isBefore(row.lastRefreshedAt().plus(settings.maxTokenAge()))
                        || row.status() == ConnectionStatus.CLIENT_MISCONFIGURED;
                if (!due) {
                    return skip(Outcome.ALREADY_FRESH, row, "token valid until " + row.accessTokenExpiresAt());
                }
                return recentlyRefreshed && tokenValid ? rateLimited(row) : Optional.empty();
        }
    }

    /** Whether a caller may be handed the row's token without asking for a refresh: valid beyond the margin. */
    public boolean servable(Connection row, Instant now) {
        return !row.accessTokenExpiresWithin(settings.margin(), now);
    }

    /**
     * When a token handed out at {@code now} must be looked at again: where the margin starts, or — when
     * the token is already inside it (its refresh failed or backs off) — shortly, never past its expiry.
     */
    public Instant recheckAt(Connection row, Instant now) {
        Instant marginStarts = row.accessTokenExpiresAt().minus(settings.margin());
        if (marginStarts.isAfter(now)) {
            return marginStarts;
        }
        Instant soon = now.plus(RETRY_PAUSE);
        return soon.isBefore(row.accessTokenExpiresAt()) ? soon : row.accessTokenExpiresAt();
    }

    private Optional<RefreshResult> rateLimited(Connection row) {
        return skip(Outcome.RATE_LIMITED, row, "refreshed less than " + settings.minInterval().toSeconds() + " s ago");
    }

    private static Optional<RefreshResult> skip(Outcome outcome, Connection row, String message) {
        return Optional.of(new RefreshResult(outcome, row, message));
    }
}
