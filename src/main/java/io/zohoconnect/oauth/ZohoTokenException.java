package io.zohoconnect.oauth;

/**
 * Zoho's token endpoint did not give us a token. The message is safe to show and log: it names
 * Zoho's error code and what happened, never a token, code or secret.
 */
public final class ZohoTokenException extends RuntimeException {

    /** What the failure means for the caller. */
    public enum Kind {
        /** Zoho rejected the grant or our client for good: retrying cannot help (re-consent or fix config). */
        PERMANENT,
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

    public boolean isPermanent() {
        return kind == Kind.PERMANENT;
    }
}
