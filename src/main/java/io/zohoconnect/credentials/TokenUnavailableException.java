package io.zohoconnect.credentials;

import io.zohoconnect.connection.Connection;

/** No valid access token can be given for a connection; the message says why and what to do. */
public class TokenUnavailableException extends RuntimeException {

    private final Reason reason;

    public enum Reason {
        UNKNOWN_CONNECTION, NEEDS_REAUTH, REVOKE_PENDING, UNAVAILABLE,
        /** The database is unreachable and this node holds no valid token of the connection: try again shortly. */
        DATABASE_UNAVAILABLE
    }

    public TokenUnavailableException(String message) {
        this(Reason.UNAVAILABLE, message);
    }

    public TokenUnavailableException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public static TokenUnavailableException unknown(String connectionId) {
        return new TokenUnavailableException(Reason.UNKNOWN_CONNECTION, "no connection '" + connectionId
                + "': connect it first (GET /connect?connection_id=" + connectionId + "&dc=…)");
    }

    public static TokenUnavailableException needsReauth(Connection connection) {
        return new TokenUnavailableException(Reason.NEEDS_REAUTH, "connection '" + connection.id()
                + "' needs re-consent (" + connection.lastError() + "): open /connect?connection_id=" + connection.id()
                + "&dc=" + connection.dc() + "&environment=" + connection.environment().code() + " again");
    }

    public static TokenUnavailableException revokePending(Connection connection) {
        return new TokenUnavailableException(Reason.REVOKE_PENDING, "connection '" + connection.id()
                + "' was deleted and is waiting for Zoho to confirm the revocation of its grant; it serves no token."
                + " Connect it again (GET /connect?connection_id=" + connection.id() + "&dc=" + connection.dc()
                + ") to use it");
    }

    public static TokenUnavailableException databaseUnavailable(String connectionId, String outage) {
        return new TokenUnavailableException(Reason.DATABASE_UNAVAILABLE, "the database is unreachable (" + outage
                + ") and this node holds no valid access token of connection '" + connectionId
                + "' in memory: try again once the database is back");
    }

    public Reason reason() {
        return reason;
    }
}
