package io.zohoconnect.credentials;

import io.zohoconnect.connection.Secret;

/** Why a refresh is asked for; a rejected token lifts the once-a-minute limit, but only while it is current. */
public record RefreshRequest(Reason reason, Secret rejectedToken) {

    public enum Reason {
        /** The timer: the token expires within the margin or has not been refreshed for a day. */
        SCHEDULED,
        /** A caller needs a token and the cached one is inside the margin. */
        ON_DEMAND,
        /** An operator asked (admin API): refresh even if fresh, at most once a minute. */
        FORCED,
        /** Zoho answered 401 INVALID_TOKEN for {@link #rejectedToken}. */
        REJECTED
    }

    public static final RefreshRequest SCHEDULED = new RefreshRequest(Reason.SCHEDULED, null);
    public static final RefreshRequest ON_DEMAND = new RefreshRequest(Reason.ON_DEMAND, null);
    public static final RefreshRequest FORCED = new RefreshRequest(Reason.FORCED, null);

    public static RefreshRequest rejected(Secret token) {
        return new RefreshRequest(Reason.REJECTED, token);
    }
}
