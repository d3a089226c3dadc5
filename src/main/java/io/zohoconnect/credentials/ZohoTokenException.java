package io.zohoconnect.credentials;

import java.util.Optional;

import io.zohoconnect.connection.Secret;

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
    /** The refresh token of an answer refused although Zoho issued the grant; never in the message. */
    private final transient Secret issuedGrant;

    public ZohoTokenException(Kind kind, String zohoError, String message) {
        this(kind, zohoError, message, (Secret) null);
    }

    public ZohoTokenException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.zohoError = null;
        this.issuedGrant = null;
    }

    private ZohoTokenException(Kind kind, String zohoError, String message, Secret issuedGrant) {
        super(message);
        this.kind = kind;
        this.zohoError = zohoError;
        this.issuedGrant = issuedGrant;
    }

    /**
     * Zoho answered with a token, but a value of its answer is out of range, so it is not used. When the
     * answer carried a refresh token, Zoho issued a live grant: {@link #issuedGrant()} holds it, for the
     * caller to revoke.
     */
    static ZohoTokenException answerRefused(String message, Secret issuedGrant) {
        return new ZohoTokenException(Kind.TRANSIENT, null, message, issuedGrant);
    }

    public Kind kind() {
        return kind;
    }

    /** The refresh token of a grant Zoho issued in an answer that was refused, to be revoked; empty otherwise. */
    public Optional<Secret> issuedGrant() {
        return Optional.ofNullable(issuedGrant);
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
