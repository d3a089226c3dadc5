package io.zohoconnect.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.zohoconnect.datacenter.Environment;

/**
 * A stored Zoho connection, tokens already decrypted. Immutable: changes produce new rows.
 * {@code org} is null for connections made before the org was recorded (or when Zoho would not say).
 */
public record Connection(
        String id,
        String dc,
        Environment environment,
        String accountsServer,
        String apiDomain,
        List<String> scopes,
        Secret refreshToken,
        Secret accessToken,
        Instant accessTokenExpiresAt,
        ConnectionStatus status,
        int failureCount,
        Instant nextAttemptAt,
        String lastError,
        Instant lastRefreshedAt,
        Instant createdAt,
        Instant updatedAt,
        long version,
        ZohoOrg org) {

    public Connection {
        scopes = List.copyOf(scopes);
    }

    /** True when the access token is missing or expires within {@code margin} of {@code now}. */
    public boolean accessTokenExpiresWithin(Duration margin, Instant now) {
        return accessToken == null || accessTokenExpiresAt == null
                || !now.plus(margin).isBefore(accessTokenExpiresAt);
    }
}
