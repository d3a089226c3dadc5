package io.zohoconnect.connection;

/** Lifecycle of a connection; see DESIGN.md "Token refresh". */
public enum ConnectionStatus {
    /** Usable: the access token is valid or being refreshed on schedule. */
    ACTIVE,
    /** Refreshes fail transiently and the access token has expired; retried with backoff. */
    REFRESH_FAILING,
    /** Zoho rejected the grant for good: someone must connect again. */
    NEEDS_REAUTH,
    /** Revoked at Zoho. */
    REVOKED
}
