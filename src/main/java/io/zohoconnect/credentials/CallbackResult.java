package io.zohoconnect.credentials;

import io.zohoconnect.connection.Connection;

/** How a callback ended, for the web layer to turn into a page or a redirect. */
public sealed interface CallbackResult {

    /** Tokens stored; {@code returnTo} is the allow-listed place to send the browser, or null. */
    record Connected(Connection connection, boolean reconnected, String returnTo) implements CallbackResult {
    }

    /** The user (or Zoho) said no; nothing stored. */
    record Denied(String connectionId, String error, String returnTo) implements CallbackResult {
    }

    /** The request itself is bad (state, location, accounts-server, missing code): HTTP 400, nothing sent to Zoho. */
    record Rejected(String error, String message) implements CallbackResult {
    }

    /**
     * The consent landed in another Zoho org than the connection's (or its org could not be read) and
     * the flow did not allow an org change: the stored connection is untouched, the new grant revoked. HTTP 409.
     */
    record OrgChangeRefused(String connectionId, String message) implements CallbackResult {
    }

    /** Zoho's token endpoint failed us (or its answer was refused); nothing stored. HTTP 502. */
    record ExchangeFailed(String connectionId, String message) implements CallbackResult {
    }

    /** Zoho granted access but the grant could not be stored (our side: the database); revoked. HTTP 503. */
    record NotStored(String connectionId, String message) implements CallbackResult {
    }
}
