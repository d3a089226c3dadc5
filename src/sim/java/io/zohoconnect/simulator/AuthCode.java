package io.zohoconnect.simulator;

import java.time.Instant;
import java.util.List;

/** An authorization code and everything it was issued for; single use, short-lived. */
record AuthCode(String code, String clientId, String redirectUri, String userDc, String userEmail,
                List<String> scopes, String codeChallenge, boolean offline, Instant expiresAt, String org) {

    AuthCode {
        scopes = List.copyOf(scopes);
    }

    boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        // never the code or the challenge: tests grep logs for secrets
        return "AuthCode[userDc=" + userDc + ", scopes=" + scopes + "]";
    }
}
