package io.zohoconnect.credentials;

import java.time.Instant;
import java.util.List;

import io.zohoconnect.datacenter.Environment;

/** What a {@code state} stands for while the user is at Zoho; read back once by the callback. */
public record PendingAuthorization(
        String connectionId,
        String dc,
        Environment environment,
        List<String> scopes,
        String codeVerifier,
        String returnTo,
        boolean allowOrgChange,
        Instant expiresAt) {

    public PendingAuthorization {
        scopes = List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "PendingAuthorization[" + connectionId + ", " + dc + ", " + environment.code() + "]";
    }
}
