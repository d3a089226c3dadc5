package io.zohoconnect.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A connection lifecycle event as sent to {@code zoho.events.uri}. Never carries a token. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionEvent(
        String type,
        @JsonProperty("connection_id") String connectionId,
        String dc,
        String environment,
        String status,
        Instant at,
        String detail) {

    public static final String CREATED = "connection.created";
    public static final String REFRESHED = "connection.refreshed";
    public static final String REFRESH_FAILED = "connection.refresh_failed";
    public static final String NEEDS_REAUTH = "connection.needs_reauth";
    public static final String CLIENT_MISCONFIGURED = "connection.client_misconfigured";
    public static final String REVOKE_PENDING = "connection.revoke_pending";
    public static final String ORG_CHANGE_REFUSED = "connection.org_change_refused";
    public static final String REVOKED = "connection.revoked";
    public static final String DELETED = "connection.deleted";
}
