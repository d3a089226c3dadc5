package io.zohoconnect.web.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.zohoconnect.connection.Connection;

/** A connection as the admin API shows it: everything but its tokens. */
record ConnectionView(
        @JsonProperty("connection_id") String connectionId,
        String dc,
        String environment,
        @JsonProperty("accounts_server") String accountsServer,
        @JsonProperty("api_domain") String apiDomain,
        List<String> scopes,
        String status,
        @JsonProperty("access_token_expires_at") Instant accessTokenExpiresAt,
        @JsonProperty("failure_count") int failureCount,
        @JsonProperty("next_attempt_at") Instant nextAttemptAt,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("last_refreshed_at") Instant lastRefreshedAt,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        OrgView org) {

    static ConnectionView of(Connection c) {
        return new ConnectionView(c.id(), c.dc(), c.environment().code(), c.accountsServer(), c.apiDomain(),
                c.scopes(), c.status().name(), c.accessTokenExpiresAt(), c.failureCount(), c.nextAttemptAt(),
                c.lastError(), c.lastRefreshedAt(), c.createdAt(), c.updatedAt(),
                c.org() == null ? null : new OrgView(c.org().id(), c.org().name(), c.org().edition()));
    }

    /** The Zoho org of the grant (null when not known). */
    record OrgView(String id, String name, String edition) {
    }
}
