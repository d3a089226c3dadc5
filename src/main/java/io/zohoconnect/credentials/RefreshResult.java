package io.zohoconnect.credentials;

import io.zohoconnect.connection.Connection;

/** What a refresh call did, with the connection as it is afterwards. */
public record RefreshResult(Outcome outcome, Connection connection, String message) {

    public enum Outcome {
        /** A new access token was obtained and stored. */
        REFRESHED,
        /** Nothing to do: the token is fresh (possibly refreshed just now by another thread or node). */
        ALREADY_FRESH,
        /** Refreshed less than {@code zoho.refresh.min-interval} ago: Zoho allows 10 tokens per 10 minutes. */
        RATE_LIMITED,
        /** An earlier failure set a next-attempt time that has not come yet. */
        BACKING_OFF,
        /** Zoho failed transiently (IO, 5xx, throttling): retried with backoff. */
        FAILED_TRANSIENT,
        /** Zoho says the grant is dead: the connection needs re-consent. */
        FAILED_PERMANENT,
        /** Zoho refused our client configuration for the DC: retried after a long backoff, the valid token is still served. */
        FAILED_CLIENT_CONFIG,
        /** The connection needs re-consent, was revoked or is being deleted: nothing to refresh. */
        NOT_REFRESHABLE
    }

    public boolean refreshed() {
        return outcome == Outcome.REFRESHED;
    }
}
