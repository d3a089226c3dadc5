package io.zohoconnect.simulator;

import java.time.Instant;

/** A live access token: valid at its grant's DC until {@code expiresAt} unless evicted or revoked. */
record IssuedToken(String token, Grant grant, Instant expiresAt) {

    boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    IssuedToken expiredAt(Instant now) {
        return new IssuedToken(token, grant, now.isBefore(expiresAt) ? now : expiresAt);
    }

    @Override
    public String toString() {
        return "IssuedToken[" + grant + ", expiresAt=" + expiresAt + "]";
    }
}
