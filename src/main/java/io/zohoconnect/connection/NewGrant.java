package io.zohoconnect.connection;

import java.time.Instant;
import java.util.List;

import io.zohoconnect.datacenter.Environment;

/** What a completed consent gives us: the tokens and where they belong. */
public record NewGrant(
        String connectionId,
        String dc,
        Environment environment,
        String accountsServer,
        String apiDomain,
        List<String> scopes,
        Secret refreshToken,
        Secret accessToken,
        Instant accessTokenExpiresAt) {

    public NewGrant {
        scopes = List.copyOf(scopes);
    }
}
