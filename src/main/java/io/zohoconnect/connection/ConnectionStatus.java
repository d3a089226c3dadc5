package io.zohoconnect.connection;

/** Lifecycle of a connection; see DESIGN.md "Token refresh". */
public enum ConnectionStatus {
    /** Usable: the access token is valid or being refreshed on schedule. */
    ACTIVE,
    /** Refreshes fail transiently and the access token has expired; retried with backoff. */
    REFRESH_FAILING,
    /** Zoho rejected the grant for good ({@code invalid_code}, {@code invalid_grant}): someone must connect again. */
    NEEDS_REAUTH,
    /**
     * Zoho rejected our client (wrong client id or secret for the DC, redirect URI, grant type): an
     * operator's configuration mistake, not a dead grant. Retried with a long backoff, recovers by
     * itself once the configuration is fixed; a still-valid access token keeps being served.
     */
    CLIENT_MISCONFIGURED,
    /** Deleted by an admin, but Zoho has not confirmed the revocation yet: the timer retries it; no token is served. */
    REVOKE_PENDING,
    /** Revoked at Zoho. */
    REVOKED
}
