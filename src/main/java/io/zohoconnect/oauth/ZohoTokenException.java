package io.zohoconnect.oauth;

/**
 * Zoho's token endpoint did not give us a token. The message is safe to show and log: it names
 * Zoho's error code and what happened, never a token, code or secret.
 */
public final class ZohoTokenException extends RuntimeException {

    /** What the failure means for the caller. */
    public enum Kind {
        /** Zoho says the grant is dead ({@code invalid_code}, {@code invalid_grant}): only a new consent helps. */
        PERMANENT,
        /**
         * Zoho rejected our client ({@code invalid_client}, a wrong secret or redirect URI, …): an operator's
         * configuration mistake, not a dead grant. Retried with a long backoff; recovers once the config is fixed.
         */
        CLIENT_MISCONFIGURED,
        /** Zoho throttled us ({@code Access Denied}): back off, the grant is fine. */
        THROTTLED,
        /** IO, timeout, 5xx, an HTML page, a garbled body: try again later. */
        TRANSIENT
    }

    private final Kind kind;
    private final String zohoError;

    public ZohoTokenException(Kind kind, String zohoError, String message) {
        super(message);
        this.kind = kind;
        this.zohoError = zohoError;
    }

    public ZohoTokenException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.zohoError = null;
    }

    public Kind kind() {
        return kind;
    }

    /** Zoho's {@code error} value when it sent one ({@code invalid_code}, {@code Access Denied}, …), else null. */
    public String zohoError() {
        return zohoError;
    }

    /** The grant is dead: re-consent is the only way back. */
    public boolean isPermanent() {
        return kind == Kind.PERMANENT;
    }

    public boolean isClientMisconfigured() {
        return kind == Kind.CLIENT_MISCONFIGURED;
    }
}
