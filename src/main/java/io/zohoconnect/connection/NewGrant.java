package io.zohoconnect.connection;

import java.time.Instant;
import java.util.List;

import io.zohoconnect.datacenter.Environment;

/** What a completed consent gives us: the tokens, where they belong and the org they open (null: unknown). */
public record NewGrant(
        String connectionId,
        String dc,
        Environment environment,
        String accountsServer,
        String apiDomain,
        List<String> scopes,
        Secret refreshToken,
        Secret accessToken,
        Instant accessTokenExpiresAt,
        ZohoOrg org) {

    public NewGrant {
        scopes = List.copyOf(scopes);
    }
}
